// The agent state table as data: the one source of truth for what a command may do in a state.
// applyAgentCommand refuses any (state, command) pair missing here and checks that the state it
// computes is one of the listed targets; allowedActions derives the client's buttons from it; the
// README renders it. A command that lists its own state (e.g. Ringing/pause → Ringing) changes a
// field, not the state.
import type { AgentCommandType } from './agent-command.ts';
import type { AgentStateName } from './agent-state.ts';

export type AgentTransitionTable = Readonly<
  Record<AgentStateName, Readonly<Partial<Record<AgentCommandType, readonly AgentStateName[]>>>>
>;

// Leaving a contact without wrap-up goes to the pending state if any (pause → Paused, logout →
// LoggedOut), else to afterCall (Ready or the Paused(reason) a dial started from).
const LEAVE_CALL = ['Ready', 'Paused', 'LoggedOut'] as const;
// Ring-no-answer pauses the agent unless it had asked for logout (or for a pause of its own).
const LEAVE_UNANSWERED = ['Paused', 'LoggedOut'] as const;

export const AGENT_TRANSITIONS: AgentTransitionTable = freezeTable({
  LoggedOut: {
    login: ['Ready', 'Paused'],
  },
  Ready: {
    pause: ['Paused'],
    logout: ['LoggedOut'],
    offer: ['Ringing'],
    dial: ['Dialing'],
    disconnect: ['Paused'],
    forceLogout: ['LoggedOut'],
    serverRestart: ['Paused'],
  },
  Paused: {
    ready: ['Ready'],
    pause: ['Paused'],
    logout: ['LoggedOut'],
    dial: ['Dialing'],
    forceLogout: ['LoggedOut'],
    serverRestart: ['Paused'],
  },
  Ringing: {
    answer: ['OnCall'],
    reject: LEAVE_CALL,
    withdraw: LEAVE_CALL,
    ringNoAnswer: LEAVE_UNANSWERED,
    ready: ['Ringing'],
    pause: ['Ringing'],
    logout: ['Ringing'],
    disconnect: ['Ringing'],
    forceLogout: ['LoggedOut'],
    serverRestart: LEAVE_UNANSWERED,
  },
  Dialing: {
    dialConnected: ['OnCall'],
    dialFailed: LEAVE_CALL,
    ready: ['Dialing'],
    pause: ['Dialing'],
    logout: ['Dialing'],
    disconnect: ['Dialing'],
    forceLogout: ['LoggedOut'],
    serverRestart: LEAVE_UNANSWERED,
  },
  OnCall: {
    hold: ['OnCall'],
    resume: ['OnCall'],
    callEnded: ['Wrapup', ...LEAVE_CALL],
    ready: ['OnCall'],
    pause: ['OnCall'],
    logout: ['OnCall'],
    disconnect: ['OnCall'],
    forceLogout: ['LoggedOut'],
    serverRestart: LEAVE_UNANSWERED,
  },
  Wrapup: {
    extendWrapup: ['Wrapup'],
    endWrapup: LEAVE_CALL,
    endWrapupIntoPause: ['Paused'],
    wrapupExpired: LEAVE_CALL,
    ready: ['Wrapup'],
    pause: ['Wrapup'],
    logout: ['Wrapup'],
    disconnect: ['Wrapup'],
    forceLogout: ['LoggedOut'],
    serverRestart: LEAVE_UNANSWERED,
  },
});

// Frozen all the way down: the table is shared by every agent, so nobody may edit it in place.
function freezeTable(table: AgentTransitionTable): AgentTransitionTable {
  for (const row of Object.values(table)) {
    for (const targets of Object.values(row)) Object.freeze(targets);
    Object.freeze(row);
  }
  return Object.freeze(table);
}

/** The target states the table allows for a command in a state; undefined = not allowed. */
export function agentTransitionTargets(
  from: AgentStateName,
  command: AgentCommandType,
): readonly AgentStateName[] | undefined {
  // Own keys only: a state or command name read from outside ('toString', …) must not find the prototype.
  const row = Object.hasOwn(AGENT_TRANSITIONS, from) ? AGENT_TRANSITIONS[from] : undefined;
  return row !== undefined && Object.hasOwn(row, command) ? row[command] : undefined;
}
