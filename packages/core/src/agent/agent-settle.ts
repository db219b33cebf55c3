// Building the states an agent lands in when it is bound to no contact (LoggedOut, Ready, Paused)
// and the one rule for leaving a contact: pending first, then afterCall.
import type { Millis, PauseReasonCode } from '../ids.ts';
import type { AfterCall, AgentState } from './agent-state.ts';

export const AFTER_CALL_READY: AfterCall = Object.freeze({ name: 'Ready' });

/** The fields every state outside a call has: no contact, no hold, no wrap-up, nothing pending. */
function idle(state: AgentState, now: Millis) {
  return {
    agentId: state.agentId,
    since: now,
    contactId: null,
    onHold: false,
    wrapupEndsAt: null,
    pending: null,
    afterCall: null,
  } as const;
}

export function loggedOutState(state: AgentState, now: Millis, why: string): AgentState {
  return { ...idle(state, now), name: 'LoggedOut', reason: why, extension: null };
}

export function readyState(state: AgentState, now: Millis, why: string): AgentState {
  return { ...idle(state, now), name: 'Ready', reason: why, extension: state.extension };
}

export function pausedState(state: AgentState, now: Millis, code: PauseReasonCode): AgentState {
  return { ...idle(state, now), name: 'Paused', reason: code, extension: state.extension };
}

/**
 * The agent is done with its contact (offer rejected or withdrawn, dial failed, wrap-up over, or
 * a call ended without wrap-up): a pending logout or pause applies; otherwise afterCall does
 * (Ready, or the Paused(reason) a dial was made from). `why` is the reason a Ready state records.
 */
export function leaveCall(state: AgentState, now: Millis, why: string): AgentState {
  const pending = state.pending;
  if (pending?.kind === 'logout') return loggedOutState(state, now, 'logout');
  if (pending?.kind === 'pause') return pausedState(state, now, pending.reason);
  if (state.afterCall?.name === 'Paused') return pausedState(state, now, state.afterCall.reason);
  return readyState(state, now, why);
}
