// The command catalogue: every agent and call command of the engine, by name, with its argument
// schema and its result schema. One table serves both transports: a WebSocket `command` frame
// {command: name, args} and REST POST /api/v1/agents/{agentId}/{name} with `args` as the body.
import Type, { type TProperties, type TSchema } from 'typebox';
import {
  type AgentAction,
  AgentActionSchema,
  AgentStateSchema,
  AgentStateViewSchema,
} from '../wire/agent-schemas.ts';
import {
  AttachedDataInputSchema,
  attachedKeyInput,
  CONSULT_COMPLETIONS,
  DispositionInputSchema,
  extensionInput,
  MAX_ATTACHED_PAIRS,
  PATTERNS,
  pauseReasonInput,
  RecordingActionSchema,
  TargetInputSchema,
  WRAPUP_EXTEND_MAX_SECONDS,
  WRAPUP_EXTEND_MIN_SECONDS,
} from '../wire/command-input-schemas.ts';
import { ContactSchema } from '../wire/contact-schemas.ts';
import { closed, id, inputId, nullable, oneOf, open, type Wire } from '../wire/schema-builders.ts';
import type { ErrorCode } from '../wire/wire-error.ts';

export const ContactResultSchema = open({ contact: ContactSchema }, { title: 'ContactResult' });
export const DialResultSchema = open(
  { contactId: id(), state: AgentStateSchema, actions: Type.Array(AgentActionSchema) },
  { title: 'DialResult' },
);

function command<const A extends TProperties, const R extends TSchema>(spec: {
  summary: string;
  args: A;
  result: R;
  errors: readonly ErrorCode[];
}) {
  return Object.freeze({
    summary: spec.summary,
    /** The REST body: the arguments without the agent (the agent is in the path). */
    args: closed(spec.args),
    /** The WebSocket `args`: the same plus agentId, absent = the connection's own agent. */
    frameArgs: closed({
      agentId: Type.Optional(inputId({ description: "Absent: the connection's own agent." })),
      ...spec.args,
    }),
    result: spec.result,
    errors: spec.errors,
  });
}

const STATE: readonly ErrorCode[] = ['unknown_agent', 'transition_not_allowed'];
const CALL: readonly ErrorCode[] = ['unknown_agent', 'no_call', 'conflict'];
const ON_CONTACT: readonly ErrorCode[] = ['unknown_agent', 'unknown_contact', 'no_call', 'conflict'];
const contactIdArg = () =>
  Type.Optional(inputId({ description: "Absent: the agent's current contact (also during wrap-up)." }));

export const COMMANDS = {
  login: command({
    summary: 'Log in: LoggedOut → Ready, or → Paused(pauseReason) when one is given.',
    args: {
      extension: Type.Optional(nullable(extensionInput())),
      pauseReason: Type.Optional(pauseReasonInput()),
    },
    result: AgentStateViewSchema,
    errors: [...STATE, 'unknown_pause_reason', 'conflict'],
  }),
  ready: command({
    summary: 'Become Ready (during a call: Ready after the call and its wrap-up).',
    args: {},
    result: AgentStateViewSchema,
    errors: STATE,
  }),
  pause: command({
    summary: 'Pause with a reason (absent: the catalogue default); during a call it is pending.',
    args: { reason: Type.Optional(pauseReasonInput()) },
    result: AgentStateViewSchema,
    errors: [...STATE, 'unknown_pause_reason'],
  }),
  logout: command({
    summary: 'Log out (during a call: pending until the call and its wrap-up end).',
    args: {},
    result: AgentStateViewSchema,
    errors: STATE,
  }),
  extendWrapup: command({
    summary: 'Push back the end of a timed wrap-up.',
    args: {
      seconds: Type.Integer({ minimum: WRAPUP_EXTEND_MIN_SECONDS, maximum: WRAPUP_EXTEND_MAX_SECONDS }),
    },
    result: AgentStateViewSchema,
    errors: STATE,
  }),
  endWrapup: command({
    summary: 'End the wrap-up now: into Ready (or what is pending), or into a pause when a reason is given.',
    args: { pauseReason: Type.Optional(pauseReasonInput()) },
    result: AgentStateViewSchema,
    errors: [...STATE, 'unknown_pause_reason'],
  }),
  answer: command({
    summary: 'Answer the offered contact (Ringing → OnCall).',
    args: {},
    result: AgentStateViewSchema,
    errors: [...STATE, 'no_call', 'unavailable'],
  }),
  reject: command({
    summary: 'Decline the offered contact; it goes back to its queue.',
    args: {},
    result: AgentStateViewSchema,
    errors: [...STATE, 'no_call'],
  }),
  hangup: command({
    summary: 'Hang up: end the call, cancel a dial, or decline an offer.',
    args: {},
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  hold: command({
    summary: 'Put the customer on hold.',
    args: {},
    result: AgentStateViewSchema,
    errors: [...CALL, 'transition_not_allowed'],
  }),
  resume: command({
    summary: 'Take the customer off hold.',
    args: {},
    result: AgentStateViewSchema,
    errors: [...CALL, 'transition_not_allowed'],
  }),
  transfer: command({
    summary: 'Blind transfer to a queue, an agent (who must be Ready), an extension or an external number.',
    args: { target: TargetInputSchema },
    result: AgentStateViewSchema,
    errors: [...CALL, 'unknown_queue', 'transition_not_allowed'],
  }),
  consultStart: command({
    summary: 'Hold the customer and call a third party to consult.',
    args: { target: TargetInputSchema },
    result: AgentStateViewSchema,
    errors: [...CALL, 'unknown_queue', 'transition_not_allowed'],
  }),
  consultCancel: command({
    summary: 'Hang up on the consulted party; the customer stays on hold.',
    args: {},
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  consultRetrieve: command({
    summary: 'End the consultation and take the customer back.',
    args: {},
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  consultComplete: command({
    summary: 'Complete the consultation as a transfer (the agent leaves) or as a three-party conference.',
    args: { mode: oneOf(CONSULT_COMPLETIONS) },
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  dtmf: command({
    summary: 'Send DTMF digits on the call.',
    args: { digits: Type.String({ pattern: PATTERNS.dtmf }) },
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  recording: command({
    summary: 'Start, stop, pause or resume the recording of the call.',
    args: { action: RecordingActionSchema },
    result: AgentStateViewSchema,
    errors: CALL,
  }),
  setAttachedData: command({
    summary: 'Set attached-data pairs: an existing key keeps its place, a new key appends.',
    args: { contactId: contactIdArg(), entries: AttachedDataInputSchema },
    result: ContactResultSchema,
    errors: ON_CONTACT,
  }),
  removeAttachedData: command({
    summary: 'Remove attached-data keys (a key that is not there is ignored).',
    args: {
      contactId: contactIdArg(),
      keys: Type.Array(attachedKeyInput(), { minItems: 1, maxItems: MAX_ATTACHED_PAIRS }),
    },
    result: ContactResultSchema,
    errors: ON_CONTACT,
  }),
  setDisposition: command({
    summary: 'Set the disposition (wrap-up classification) while connected or in wrap-up.',
    args: { contactId: contactIdArg(), disposition: DispositionInputSchema },
    result: ContactResultSchema,
    errors: ON_CONTACT,
  }),
  dial: command({
    summary: "Outbound call: the agent's phone first, then the number.",
    args: {
      number: Type.String({ pattern: PATTERNS.dialable }),
      queueId: Type.Optional(inputId({ description: 'The queue the call is made for (statistics).' })),
      callerId: Type.Optional(Type.String({ pattern: PATTERNS.dialable })),
    },
    result: DialResultSchema,
    errors: [...STATE, 'unknown_queue'],
  }),
};

export type CommandCatalogue = typeof COMMANDS;
export type CommandName = keyof CommandCatalogue;
export const COMMAND_NAMES = Object.freeze(Object.keys(COMMANDS)) as readonly CommandName[];

/** The WebSocket arguments of a command (REST: the same without agentId). */
export type CommandArgs<N extends CommandName> = Wire<CommandCatalogue[N]['frameArgs']>;
export type CommandBody<N extends CommandName> = Wire<CommandCatalogue[N]['args']>;
export type CommandResult<N extends CommandName> = Wire<CommandCatalogue[N]['result']>;

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.hasOwn(COMMANDS, value);
}

/**
 * The command behind each action an agent state allows (AgentStateView.actions), so a client renders
 * a button per action and knows what to send. Typed over every action: a new one must be mapped.
 */
export const COMMAND_OF_ACTION: Readonly<Record<AgentAction, CommandName>> = Object.freeze({
  login: 'login',
  logout: 'logout',
  ready: 'ready',
  pause: 'pause',
  answer: 'answer',
  reject: 'reject',
  hangup: 'hangup',
  hold: 'hold',
  resume: 'resume',
  dial: 'dial',
  transfer: 'transfer',
  consult: 'consultStart',
  conference: 'consultComplete', // with mode: 'conference'
  dtmf: 'dtmf',
  record: 'recording',
  extendWrapup: 'extendWrapup',
  endWrapup: 'endWrapup',
  endWrapupIntoPause: 'endWrapup', // with a pauseReason
  setDisposition: 'setDisposition',
});
