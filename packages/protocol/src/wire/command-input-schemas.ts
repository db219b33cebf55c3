// The values agent and call commands take, bounded as core checks them (contact-input.ts,
// disposition.ts, agent-command.ts) so most bad arguments are refused at the edge with a path.
import Type from 'typebox';
import { closed, inputId, nullable, oneOf, pair, type Wire } from './schema-builders.ts';

export const PATTERNS = {
  /** A number we dial ourselves: optional +, then 1–32 of 0-9 * #. */
  dialable: '^\\+?[0-9*#]{1,32}$',
  extension: '^[A-Za-z0-9_.*#+-]{1,64}$',
  dtmf: '^[0-9*#A-D]{1,64}$',
  pauseCode: '^[A-Za-z0-9_.-]{1,64}$',
  /** Printable, 1–128 characters (an attached-data key). */
  printable: '^[^\\u0000-\\u001f\\u007f]{1,128}$',
} as const;

export const WRAPUP_EXTEND_MIN_SECONDS = 30;
export const WRAPUP_EXTEND_MAX_SECONDS = 900;
export const MAX_ATTACHED_VALUE = 8192;
export const MAX_ATTACHED_PAIRS = 256;

export const extensionInput = () => Type.String({ pattern: PATTERNS.extension });
export const pauseReasonInput = () => Type.String({ pattern: PATTERNS.pauseCode });

export const TargetInputSchema = Type.Union(
  [
    closed({ kind: Type.Literal('agent'), agentId: inputId() }),
    closed({ kind: Type.Literal('queue'), queueId: inputId() }),
    closed({ kind: Type.Literal('extension'), extension: extensionInput() }),
    closed({ kind: Type.Literal('external'), number: Type.String({ pattern: PATTERNS.dialable }) }),
  ],
  { title: 'TargetInput', description: 'Where a transfer or consultation goes.' },
);
export type TargetInput = Wire<typeof TargetInputSchema>;

const level = () => Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 128, pattern: '\\S' })));

export const DispositionInputSchema = closed(
  {
    level1: level(),
    level2: level(),
    level3: level(),
    code: level(),
    note: Type.Optional(nullable(Type.String({ maxLength: 4000 }))),
  },
  {
    title: 'DispositionInput',
    description: 'level1 or code is required, and a level needs the level above it (checked by core).',
  },
);
export type DispositionInput = Wire<typeof DispositionInputSchema>;

export const attachedKeyInput = () => Type.String({ pattern: PATTERNS.printable });

export const AttachedDataInputSchema = Type.Array(
  pair(attachedKeyInput(), Type.String({ maxLength: MAX_ATTACHED_VALUE })),
  { minItems: 1, maxItems: MAX_ATTACHED_PAIRS, title: 'AttachedDataInput' },
);

export const RECORDING_ACTIONS = ['start', 'stop', 'pause', 'resume'] as const;
export const RecordingActionSchema = oneOf(RECORDING_ACTIONS, { title: 'RecordingAction' });

export const CONSULT_COMPLETIONS = ['transfer', 'conference'] as const;
