// The queue log (like Asterisk's queue_log): the append-only facts every queue statistic is folded
// from, each carrying its measured durations. Core's QueueLogEvent, variant for variant.
import Type, { type TProperties } from 'typebox';
import { count, id, millis, oneOf, open, type Wire } from './schema-builders.ts';

export const QUEUE_LOG_EVENT_TYPES = [
  'entered',
  'offered',
  'ringNoAnswer',
  'connected',
  'abandoned',
  'timeout',
  'overflowed',
  'refused',
  'leftEmpty',
  'completed',
  'transferred',
  'wrapupEnded',
  'interrupted',
] as const;
export const REFUSE_REASONS = ['full', 'empty'] as const;
export const CALL_ENDERS = ['caller', 'agent'] as const;

function entry<T extends string, P extends TProperties>(type: T, properties: P) {
  return open({ at: millis(), contactId: id(), queueId: id(), type: Type.Literal(type), ...properties });
}

export const QueueLogEntrySchema = Type.Union(
  [
    entry('entered', { priority: Type.Integer() }),
    entry('offered', { agentId: id() }),
    entry('ringNoAnswer', { agentId: id() }),
    entry('connected', { agentId: id(), waitMs: millis() }),
    entry('abandoned', { waitMs: millis(), position: count() }),
    entry('timeout', { waitMs: millis() }),
    entry('overflowed', { waitMs: millis(), destination: Type.String() }),
    entry('refused', { reason: oneOf(REFUSE_REASONS) }),
    entry('leftEmpty', { waitMs: millis() }),
    entry('completed', {
      agentId: id(),
      talkMs: millis({ description: 'Conversation time, hold excluded.' }),
      holdMs: millis(),
      endedBy: oneOf(CALL_ENDERS),
    }),
    entry('transferred', { agentId: id(), talkMs: millis(), target: Type.String() }),
    entry('wrapupEnded', { agentId: id(), wrapupMs: millis() }),
    // A contact the system cut off (crash recovery writes it). Two shapes like core's: never answered
    // here (waitMs = entered to the restart), or answered here (agentId = who answered it, waitMs =
    // the wait of that answer). agentId is absent rather than null, so `'agentId' in entry` still
    // means "names an agent" for every reader.
    entry('interrupted', { waitMs: millis() }),
    entry('interrupted', { waitMs: millis(), agentId: id() }),
  ],
  { title: 'QueueLogEntry' },
);
export type QueueLogEntry = Wire<typeof QueueLogEntrySchema>;
