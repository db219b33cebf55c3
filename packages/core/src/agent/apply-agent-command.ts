// The agent state machine: one pure function from (state, command, now, catalogue) to the next
// state or a typed refusal. The table (AGENT_TRANSITIONS) is asked first, so a pair it lacks is
// refused before anything else is looked at; the state computed here must be one of the table's
// targets, so code and table cannot drift apart silently.
import type { Millis, PauseReasonCode } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { type AgentCommand, WRAPUP_EXTEND_MAX_SECONDS, WRAPUP_EXTEND_MIN_SECONDS } from './agent-command.ts';
import { AFTER_CALL_READY, leaveCall, loggedOutState, pausedState, readyState } from './agent-settle.ts';
import { type AgentState, isAgentCallState } from './agent-state.ts';
import { agentTransitionTargets } from './agent-transitions.ts';
import type { PauseReasonCatalog } from './pause-reasons.ts';

export function applyAgentCommand(
  state: AgentState,
  command: AgentCommand,
  now: Millis,
  reasons: PauseReasonCatalog,
): Result<AgentState> {
  const targets = agentTransitionTargets(state.name, command.type);
  if (!targets) {
    return fail('transition_not_allowed', `'${command.type}' is not allowed while ${state.name}`, {
      from: state.name,
      command: command.type,
    });
  }
  if (!Number.isFinite(now)) return invalid('now', now, 'now must be a finite number of milliseconds');
  const next = nextState(state, command, now, reasons);
  if (!next.ok) return next;
  if (!targets.includes(next.value.name)) {
    // A bug in this file, not a caller error: the table is the contract.
    return fail(
      'internal',
      `'${command.type}' from ${state.name} reached ${next.value.name}, not in the table`,
      {
        from: state.name,
        command: command.type,
        to: next.value.name,
      },
    );
  }
  return ok(Object.freeze(next.value));
}

function nextState(
  state: AgentState,
  command: AgentCommand,
  now: Millis,
  reasons: PauseReasonCatalog,
): Result<AgentState> {
  switch (command.type) {
    case 'login': {
      if (command.extension !== null && !isNonEmptyString(command.extension)) {
        return invalid('extension', command.extension, 'extension must be a non-empty string or null');
      }
      const loggedIn = { ...state, extension: command.extension };
      if (command.pauseReason === undefined) return ok(readyState(loggedIn, now, 'login'));
      return withReason(reasons, command.pauseReason, (code) => pausedState(loggedIn, now, code));
    }
    case 'ready':
      if (state.name === 'Paused') return ok(readyState(state, now, 'ready'));
      // During a call: the agent wants to be Ready afterwards, whatever it asked or dialed from.
      return ok({ ...state, pending: null, afterCall: AFTER_CALL_READY });
    case 'pause':
      return withReason(reasons, command.reason, (code) => {
        if (isAgentCallState(state.name))
          return { ...state, pending: Object.freeze({ kind: 'pause', reason: code }) };
        // Choosing the reason it already has is not a new pause: its time keeps counting.
        if (state.name === 'Paused' && state.reason === code) return { ...state };
        return pausedState(state, now, code);
      });
    case 'logout':
      if (isAgentCallState(state.name)) return ok({ ...state, pending: Object.freeze({ kind: 'logout' }) });
      return ok(loggedOutState(state, now, 'logout'));
    case 'offer':
    case 'dial': {
      if (!isNonEmptyString(command.contactId)) {
        return invalid('contactId', command.contactId, 'contactId must be a non-empty string');
      }
      // A dial from Paused(reason) returns to that pause; everything else returns to Ready.
      const afterCall =
        state.name === 'Paused' && state.reason !== null
          ? Object.freeze({ name: 'Paused', reason: state.reason } as const)
          : AFTER_CALL_READY;
      return ok({
        ...state,
        name: command.type === 'offer' ? 'Ringing' : 'Dialing',
        since: now,
        reason: command.type === 'offer' ? 'offered' : 'dialing',
        contactId: command.contactId,
        afterCall,
      });
    }
    case 'answer':
      return ok({ ...state, name: 'OnCall', since: now, reason: 'answered' });
    case 'dialConnected':
      return ok({ ...state, name: 'OnCall', since: now, reason: 'connected' });
    case 'reject':
      return ok(leaveCall(state, now, 'rejected'));
    case 'withdraw':
      return ok(leaveCall(state, now, 'withdrawn'));
    case 'dialFailed':
      return ok(leaveCall(state, now, 'dial_failed'));
    case 'ringNoAnswer':
      // A pause or logout the agent asked for still wins over the system's no_answer pause.
      return ok(state.pending ? leaveCall(state, now, 'no_answer') : pausedState(state, now, 'no_answer'));
    case 'hold':
      if (state.onHold) return conflict(state, command, 'the call is already on hold');
      return ok({ ...state, onHold: true });
    case 'resume':
      if (!state.onHold) return conflict(state, command, 'the call is not on hold');
      return ok({ ...state, onHold: false });
    case 'callEnded':
      return callEnded(state, command.wrapupMs, now);
    case 'extendWrapup':
      return extendWrapup(state, command.seconds, now);
    case 'endWrapup':
      return ok(leaveCall(state, now, 'wrapup_ended'));
    case 'endWrapupIntoPause':
      // The agent's latest word: it overrides a pending logout or pause asked earlier.
      return withReason(reasons, command.reason, (code) => pausedState(state, now, code));
    case 'wrapupExpired':
      // A timer armed before an extendWrapup can fire late: refuse it rather than cut the extension.
      if (state.wrapupEndsAt === null || now < state.wrapupEndsAt) {
        return conflict(state, command, 'the wrap-up has not reached its end time', {
          wrapupEndsAt: state.wrapupEndsAt,
        });
      }
      return ok(leaveCall(state, now, 'wrapup_expired'));
    case 'disconnect':
      if (state.name === 'Ready') return ok(pausedState(state, now, 'disconnected'));
      // Bound to a contact: pause afterwards, unless the agent already chose where it goes next.
      if (state.pending === null && state.afterCall?.name === 'Ready') {
        return ok({ ...state, pending: Object.freeze({ kind: 'pause', reason: 'disconnected' }) });
      }
      return ok({ ...state });
    case 'forceLogout':
      return ok(loggedOutState(state, now, 'forced_logout'));
    case 'serverRestart':
      return ok(serverRestart(state, now));
  }
}

function callEnded(state: AgentState, wrapupMs: number | null, now: Millis): Result<AgentState> {
  if (wrapupMs !== null && !(Number.isSafeInteger(wrapupMs) && wrapupMs >= 0)) {
    return invalid('wrapupMs', wrapupMs, 'wrapupMs must be null or a whole number of milliseconds >= 0');
  }
  if (wrapupMs === 0) return ok(leaveCall(state, now, 'call_ended'));
  return ok({
    ...state,
    name: 'Wrapup',
    since: now,
    reason: 'call_ended',
    onHold: false,
    wrapupEndsAt: wrapupMs === null ? null : now + wrapupMs,
  });
}

function extendWrapup(state: AgentState, seconds: number, now: Millis): Result<AgentState> {
  if (
    !Number.isInteger(seconds) ||
    seconds < WRAPUP_EXTEND_MIN_SECONDS ||
    seconds > WRAPUP_EXTEND_MAX_SECONDS
  ) {
    return invalid(
      'seconds',
      seconds,
      `a wrap-up is extended by ${WRAPUP_EXTEND_MIN_SECONDS}..${WRAPUP_EXTEND_MAX_SECONDS} whole seconds`,
    );
  }
  // An untimed wrap-up already lasts until the agent ends it: nothing to extend.
  if (state.wrapupEndsAt === null) return ok({ ...state });
  // If the end time has passed but its timer has not been handled yet, extend from now.
  return ok({ ...state, wrapupEndsAt: Math.max(state.wrapupEndsAt, now) + seconds * 1000 });
}

// Agents come back Paused after a restart (nobody knows whether they are at their desk), except
// that a logout asked before the restart is honoured and a pause keeps its own reason.
function serverRestart(state: AgentState, now: Millis): AgentState {
  if (state.name === 'Paused') return { ...state };
  if (state.pending?.kind === 'logout') return loggedOutState(state, now, 'logout');
  return pausedState(state, now, 'restart');
}

function withReason(
  reasons: PauseReasonCatalog,
  code: PauseReasonCode,
  build: (code: PauseReasonCode) => AgentState,
): Result<AgentState> {
  if (typeof code !== 'string' || !reasons.get(code)) {
    return fail('unknown_pause_reason', `unknown pause reason '${String(code)}'`, { reason: code });
  }
  return ok(build(code));
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function invalid(field: string, value: unknown, message: string): Result<never> {
  return fail('invalid_argument', message, { field, value });
}

function conflict(
  state: AgentState,
  command: AgentCommand,
  message: string,
  extra: Record<string, unknown> = {},
): Result<never> {
  return fail('conflict', message, {
    from: state.name,
    command: command.type,
    onHold: state.onHold,
    ...extra,
  });
}
