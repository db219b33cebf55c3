// The canonical agent state (DESIGN.md "Agent state"): one value per agent, replaced — never
// mutated — by every accepted command. Every dialect's agent status is a projection of it.
import type { AgentId, ContactId, Millis, PauseReasonCode } from '../ids.ts';

export const AGENT_STATE_NAMES = [
  'LoggedOut',
  'Ready',
  'Paused',
  'Ringing',
  'Dialing',
  'OnCall',
  'Wrapup',
] as const;
export type AgentStateName = (typeof AGENT_STATE_NAMES)[number];

/** The states in which the agent is bound to one contact (an offer, a dial, a call or its wrap-up). */
export const AGENT_CALL_STATE_NAMES = ['Ringing', 'Dialing', 'OnCall', 'Wrapup'] as const;
export type AgentCallStateName = (typeof AGENT_CALL_STATE_NAMES)[number];

export function isAgentCallState(name: AgentStateName): name is AgentCallStateName {
  return (AGENT_CALL_STATE_NAMES as readonly AgentStateName[]).includes(name);
}

/** A pause or logout asked while bound to a contact: it applies when the call AND its wrap-up end. */
export type PendingState =
  | { readonly kind: 'pause'; readonly reason: PauseReasonCode }
  | { readonly kind: 'logout' }
  | null;

/**
 * Where the agent goes when the contact is done and nothing is pending. Set when the agent becomes
 * bound to a contact (from the state it left: an ACD offer comes from Ready, a dial from Ready or
 * Paused(reason)), null outside the call states. `pending` wins over it; a `ready` during the call
 * turns it into Ready.
 */
export type AfterCall =
  | { readonly name: 'Ready' }
  | { readonly name: 'Paused'; readonly reason: PauseReasonCode }
  | null;

export interface AgentState {
  readonly agentId: AgentId;
  readonly name: AgentStateName;
  /** When the current state began (a Paused agent changing its reason starts a new pause). */
  readonly since: Millis;
  /** Paused: the pause reason code; otherwise why we got here ('login', 'call_ended', ...). */
  readonly reason: string | null;
  /** The contact of Ringing, Dialing, OnCall and Wrapup; null otherwise. */
  readonly contactId: ContactId | null;
  /** OnCall only. */
  readonly onHold: boolean;
  /** Wrapup: when it ends by itself; null = until the agent ends it (always null outside Wrapup). */
  readonly wrapupEndsAt: Millis | null;
  readonly pending: PendingState;
  /** The phone the agent logged in with (null: no fixed extension, e.g. a WebRTC softphone). */
  readonly extension: string | null;
  readonly afterCall: AfterCall;
}

export function initialAgentState(agentId: AgentId, now: Millis): AgentState {
  return Object.freeze({
    agentId,
    name: 'LoggedOut',
    since: now,
    reason: null,
    contactId: null,
    onHold: false,
    wrapupEndsAt: null,
    pending: null,
    extension: null,
    afterCall: null,
  });
}
