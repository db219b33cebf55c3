// Everything that can happen to an agent's state, as data. Agent-facing commands (login, pause,
// answer, …) and engine-facing facts (offer, ringNoAnswer, callEnded, wrapupExpired, …) share one
// union so a single table (AGENT_TRANSITIONS) decides what is allowed where.
import type { ContactId, PauseReasonCode } from '../ids.ts';

export type AgentCommand =
  /** LoggedOut → Ready, or → Paused(pauseReason) when given (Sobot logs in as DND by default). */
  | { readonly type: 'login'; readonly extension: string | null; readonly pauseReason?: PauseReasonCode }
  | { readonly type: 'ready' }
  | { readonly type: 'pause'; readonly reason: PauseReasonCode }
  | { readonly type: 'logout' }
  /** The ACD offers a contact: Ready → Ringing. */
  | { readonly type: 'offer'; readonly contactId: ContactId }
  | { readonly type: 'answer' }
  /** The agent declines the offer. */
  | { readonly type: 'reject' }
  /** The offer is taken back (caller hung up, another agent answered a ring-all). */
  | { readonly type: 'withdraw' }
  /** The engine's ring timer fired: Ringing → Paused('no_answer'). */
  | { readonly type: 'ringNoAnswer' }
  | { readonly type: 'dial'; readonly contactId: ContactId }
  | { readonly type: 'dialConnected' }
  | { readonly type: 'dialFailed' }
  | { readonly type: 'hold' }
  | { readonly type: 'resume' }
  /** wrapupMs: 0 = no wrap-up, null = wrap-up until the agent ends it, > 0 = timed wrap-up. */
  | { readonly type: 'callEnded'; readonly wrapupMs: number | null }
  /** 30..900 whole seconds (Sobot delayACW); added to wrapupEndsAt. */
  | { readonly type: 'extendWrapup'; readonly seconds: number }
  | { readonly type: 'endWrapup' }
  /** End the wrap-up and pause (Sobot completeACWToBusy). */
  | { readonly type: 'endWrapupIntoPause'; readonly reason: PauseReasonCode }
  /** The engine's wrap-up timer fired. */
  | { readonly type: 'wrapupExpired' }
  /** The agent's connection has been gone too long. */
  | { readonly type: 'disconnect' }
  /** A supervisor (or Sobot resetLogout) logs the agent out whatever it is doing. */
  | { readonly type: 'forceLogout' }
  /** Applied by the engine at start-up to every agent that was logged in before the restart. */
  | { readonly type: 'serverRestart' };

export type AgentCommandType = AgentCommand['type'];

// A Record keyed by the union makes the compiler reject a command type missing from the list.
const COMMAND_TYPES: Readonly<Record<AgentCommandType, true>> = {
  login: true,
  ready: true,
  pause: true,
  logout: true,
  offer: true,
  answer: true,
  reject: true,
  withdraw: true,
  ringNoAnswer: true,
  dial: true,
  dialConnected: true,
  dialFailed: true,
  hold: true,
  resume: true,
  callEnded: true,
  extendWrapup: true,
  endWrapup: true,
  endWrapupIntoPause: true,
  wrapupExpired: true,
  disconnect: true,
  forceLogout: true,
  serverRestart: true,
};

export const AGENT_COMMAND_TYPES: readonly AgentCommandType[] = Object.freeze(
  Object.keys(COMMAND_TYPES) as AgentCommandType[],
);

/** Bounds of extendWrapup, in seconds (Sobot delayACW: "positive integer, 30-900s"). */
export const WRAPUP_EXTEND_MIN_SECONDS = 30;
export const WRAPUP_EXTEND_MAX_SECONDS = 900;
