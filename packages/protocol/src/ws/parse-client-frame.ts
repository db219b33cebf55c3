// The one way a client frame enters the server. Never throws: every input ends as a typed frame,
// a typed error (answered with a `result` frame, id null when the frame had no readable id), or
// 'oversize' (the server closes the socket with 1009). Nothing here has side effects.
import { type Checker, checker } from '../parse/check-value.ts';
import { decodeJson, inputError } from '../parse/decode-json.ts';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../parse/limits.ts';
import { ID_PATTERN } from '../wire/schema-builders.ts';
import { type WireError, wireError } from '../wire/wire-error.ts';
import {
  CLIENT_FRAME_TYPES,
  type ClientFrame,
  type ClientFrameType,
  type CommandFrame,
  CommandFrameEnvelopeSchema,
  PingFrameSchema,
  ResumeFrameSchema,
  SubscribeFrameSchema,
  UnsubscribeFrameSchema,
} from './client-frames.ts';
import { COMMAND_NAMES, COMMANDS, type CommandName, isCommandName } from './command-catalogue.ts';
import { WS_CLOSE } from './close-codes.ts';

export type ClientFrameOutcome =
  | { readonly kind: 'frame'; readonly frame: ClientFrame }
  | { readonly kind: 'error'; readonly id: string | null; readonly error: WireError }
  | {
      readonly kind: 'oversize';
      readonly bytes: number;
      readonly closeCode: typeof WS_CLOSE.messageTooBig;
      readonly error: WireError;
    };

// Compiled once when the module loads; immutable afterwards.
const FRAME_CHECKERS: Readonly<Record<Exclude<ClientFrameType, 'command'>, Checker<never>>> = Object.freeze({
  subscribe: checker(SubscribeFrameSchema),
  unsubscribe: checker(UnsubscribeFrameSchema),
  resume: checker(ResumeFrameSchema),
  ping: checker(PingFrameSchema),
} as unknown as Record<Exclude<ClientFrameType, 'command'>, Checker<never>>);
const ENVELOPE = checker(CommandFrameEnvelopeSchema);
const ARGS: Readonly<Record<CommandName, Checker<never>>> = Object.freeze(
  Object.fromEntries(COMMAND_NAMES.map((name) => [name, checker(COMMANDS[name].frameArgs)])) as Record<
    CommandName,
    Checker<never>
  >,
);
const ID_REGEX = new RegExp(ID_PATTERN, 'u');

export function parseClientFrame(
  input: string | Uint8Array,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): ClientFrameOutcome {
  try {
    return parse(input, limits);
  } catch (error) {
    // Unreachable by design (the property test holds it to that); kept so a bug is an answer, not a crash.
    return {
      kind: 'error',
      id: null,
      error: wireError('internal', 'frame parser failure', { cause: String(error) }),
    };
  }
}

function parse(input: string | Uint8Array, limits: InputLimits): ClientFrameOutcome {
  const decoded = decodeJson(input, limits);
  if (decoded.kind === 'oversize') {
    return {
      kind: 'oversize',
      bytes: decoded.bytes,
      closeCode: WS_CLOSE.messageTooBig,
      error: decoded.error,
    };
  }
  if (decoded.kind === 'error') return failure(idOf(decoded.parsed), decoded.error);
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failure(
      null,
      inputError('schema', 'a frame is a JSON object', { path: '', problem: 'not an object' }),
    );
  }
  const frame = value as Record<string, unknown>;
  const id = idOf(frame);
  const type = frame.type;
  if (!(CLIENT_FRAME_TYPES as readonly unknown[]).includes(type)) {
    return failure(
      id,
      inputError('unknown_frame_type', `/type must be one of: ${CLIENT_FRAME_TYPES.join(', ')}`, {
        path: '/type',
        allowed: CLIENT_FRAME_TYPES,
      }),
    );
  }
  if (type !== 'command') {
    const checked = FRAME_CHECKERS[type as Exclude<ClientFrameType, 'command'>].check(frame);
    return checked.ok ? { kind: 'frame', frame: checked.value as ClientFrame } : failure(id, checked.error);
  }
  return parseCommand(frame, id);
}

function parseCommand(frame: Record<string, unknown>, id: string | null): ClientFrameOutcome {
  const envelope = ENVELOPE.check(frame);
  if (!envelope.ok) return failure(id, envelope.error);
  const name = frame.command;
  if (!isCommandName(name)) {
    return failure(
      id,
      inputError('unknown_command', `unknown command ${JSON.stringify(String(name).slice(0, 64))}`, {
        path: '/command',
        command: String(name).slice(0, 64),
      }),
    );
  }
  const args = ARGS[name].check(frame.args ?? {}, '/args');
  if (!args.ok) return failure(id, args.error);
  const parsed = { type: 'command', id: frame.id as string, command: name, args: args.value } as CommandFrame;
  return { kind: 'frame', frame: parsed };
}

/** The frame's id when it is one we could echo back (a frame id is checked like any id). */
function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as Record<string, unknown>).id;
  return typeof id === 'string' && id.isWellFormed() && ID_REGEX.test(id) ? id : null;
}

function failure(id: string | null, error: WireError): ClientFrameOutcome {
  return { kind: 'error', id, error };
}
