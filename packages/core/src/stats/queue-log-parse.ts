// Validators for log entries read back from storage (or any other untrusted source). They return
// a fresh object holding only the known fields, so a row with extra columns or a tampered value
// never reaches an accumulator: every statistic's "never negative" guarantee rests on this check.
import { fail, ok, type Result } from '../result.ts';
import {
  AGENT_LOG_STATES,
  type AgentLogEvent,
  type AgentLogState,
  CALL_ENDERS,
  QUEUE_LOG_EVENT_TYPES,
  type QueueLogBase,
  type QueueLogEvent,
  type QueueLogEventType,
  REFUSE_REASONS,
} from './queue-log-event.ts';

type FieldKind = 'id' | 'text' | 'duration' | 'priority' | 'position' | 'refuseReason' | 'callEnder';

// Per type, the fields beyond the common ones. The key type only admits real field names of that
// event type, so a typo here fails to compile; the round-trip test covers completeness.
type ExtraFieldsOf<T extends QueueLogEventType> = Exclude<
  keyof Extract<QueueLogEvent, { readonly type: T }>,
  keyof QueueLogBase | 'type'
>;
const EXTRA_FIELDS: {
  readonly [T in QueueLogEventType]: readonly (readonly [ExtraFieldsOf<T>, FieldKind])[];
} = {
  entered: [['priority', 'priority']],
  offered: [['agentId', 'id']],
  ringNoAnswer: [['agentId', 'id']],
  connected: [
    ['agentId', 'id'],
    ['waitMs', 'duration'],
  ],
  abandoned: [
    ['waitMs', 'duration'],
    ['position', 'position'],
  ],
  timeout: [['waitMs', 'duration']],
  overflowed: [
    ['waitMs', 'duration'],
    ['destination', 'text'],
  ],
  refused: [['reason', 'refuseReason']],
  leftEmpty: [['waitMs', 'duration']],
  completed: [
    ['agentId', 'id'],
    ['talkMs', 'duration'],
    ['holdMs', 'duration'],
    ['endedBy', 'callEnder'],
  ],
  transferred: [
    ['agentId', 'id'],
    ['talkMs', 'duration'],
    ['target', 'text'],
  ],
  wrapupEnded: [
    ['agentId', 'id'],
    ['wrapupMs', 'duration'],
  ],
  interrupted: [['waitMs', 'duration']],
};

// Fields only some shapes of a type have (keyof of a union keeps only the common keys, so they are
// not in ExtraFieldsOf). Checked when present; absent means the other shape.
type AnyKeyOf<U> = U extends unknown ? keyof U : never;
type OptionalFieldsOf<T extends QueueLogEventType> = Exclude<
  AnyKeyOf<Extract<QueueLogEvent, { readonly type: T }>>,
  keyof QueueLogBase | 'type' | ExtraFieldsOf<T>
>;
const OPTIONAL_FIELDS: {
  readonly [T in QueueLogEventType as OptionalFieldsOf<T> extends never ? never : T]: readonly (readonly [
    OptionalFieldsOf<T>,
    FieldKind,
  ])[];
} = {
  interrupted: [['agentId', 'id']],
};

function optionalFieldsOf(type: QueueLogEventType): readonly (readonly [string, FieldKind])[] {
  return (
    (OPTIONAL_FIELDS as Partial<Record<QueueLogEventType, readonly (readonly [string, FieldKind])[]>>)[
      type
    ] ?? []
  );
}

/** Returns what is wrong with `value` for a field of this kind, or null when it is acceptable. */
function problem(kind: FieldKind, value: unknown): string | null {
  switch (kind) {
    case 'id':
      return typeof value === 'string' && value.length > 0 ? null : 'must be a non-empty string';
    case 'text':
      return typeof value === 'string' ? null : 'must be a string';
    case 'duration':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? null
        : 'must be a finite number of milliseconds >= 0';
    case 'priority':
      return Number.isSafeInteger(value) ? null : 'must be an integer';
    case 'position':
      return Number.isSafeInteger(value) && (value as number) >= 1 ? null : 'must be an integer >= 1';
    case 'refuseReason':
      return (REFUSE_REASONS as readonly unknown[]).includes(value)
        ? null
        : `must be one of ${REFUSE_REASONS}`;
    case 'callEnder':
      return (CALL_ENDERS as readonly unknown[]).includes(value) ? null : `must be one of ${CALL_ENDERS}`;
  }
}

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

function isMillis(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function invalid<T>(what: string, field: string, message: string): Result<T> {
  return fail('invalid_argument', `${what}: ${field} ${message}`, { field });
}

export function parseQueueLogEvent(input: unknown): Result<QueueLogEvent> {
  const what = 'queue log event';
  if (!isRecord(input)) return fail('invalid_argument', `${what} must be an object`, { field: null });
  const type = input.type;
  if (!(QUEUE_LOG_EVENT_TYPES as readonly unknown[]).includes(type)) {
    return invalid(what, 'type', `must be one of ${QUEUE_LOG_EVENT_TYPES}`);
  }
  if (!isMillis(input.at)) return invalid(what, 'at', 'must be a finite number of milliseconds >= 0');
  for (const field of ['contactId', 'queueId'] as const) {
    const bad = problem('id', input[field]);
    if (bad) return invalid(what, field, bad);
  }
  const event: Record<string, unknown> = {
    type,
    at: input.at,
    contactId: input.contactId,
    queueId: input.queueId,
  };
  for (const [field, kind] of EXTRA_FIELDS[type as QueueLogEventType]) {
    const bad = problem(kind, input[field]);
    if (bad) return invalid(what, field, bad);
    event[field] = input[field];
  }
  for (const [field, kind] of optionalFieldsOf(type as QueueLogEventType)) {
    // undefined counts as absent (JSON drops it anyway); null does not: it would pass `'agentId' in`.
    if (input[field] === undefined) continue;
    const bad = problem(kind, input[field]);
    if (bad) return invalid(what, field, bad);
    event[field] = input[field];
  }
  // Every field of the chosen type was checked against EXTRA_FIELDS just above.
  return ok(event as unknown as QueueLogEvent);
}

export function parseAgentLogEvent(input: unknown): Result<AgentLogEvent> {
  const what = 'agent log event';
  if (!isRecord(input)) return fail('invalid_argument', `${what} must be an object`, { field: null });
  if (!isMillis(input.at)) return invalid(what, 'at', 'must be a finite number of milliseconds >= 0');
  const badId = problem('id', input.agentId);
  if (badId) return invalid(what, 'agentId', badId);
  if (!(AGENT_LOG_STATES as readonly unknown[]).includes(input.state)) {
    return invalid(what, 'state', `must be one of ${AGENT_LOG_STATES}`);
  }
  if (input.reason !== null && typeof input.reason !== 'string') {
    return invalid(what, 'reason', 'must be a string or null');
  }
  return ok({
    at: input.at,
    agentId: input.agentId as string,
    state: input.state as AgentLogState,
    reason: input.reason,
  });
}
