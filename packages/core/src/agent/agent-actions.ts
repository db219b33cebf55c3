// What a client may offer the agent now (the buttons of a softphone toolbar). Derived from the
// transition table so a button is never shown for a command the server would refuse, plus the
// call-level actions (transfer, dtmf, …) that act on the contact rather than on the agent state.
import type { AgentCommandType } from './agent-command.ts';
import { type AgentState, type AgentStateName, isAgentCallState } from './agent-state.ts';
import { agentTransitionTargets } from './agent-transitions.ts';

export const AGENT_ACTIONS = [
  'login',
  'logout',
  'ready',
  'pause',
  'answer',
  'reject',
  'hangup',
  'hold',
  'resume',
  'dial',
  'transfer',
  'consult',
  'conference',
  'dtmf',
  'record',
  'extendWrapup',
  'endWrapup',
  'endWrapupIntoPause',
  'setDisposition',
] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

/** Actions that are agent commands of the table, each shown only when its guard also passes. */
const COMMAND_ACTIONS: Readonly<Partial<Record<AgentAction, AgentCommandType>>> = {
  login: 'login',
  logout: 'logout',
  ready: 'ready',
  pause: 'pause',
  answer: 'answer',
  reject: 'reject',
  hold: 'hold',
  resume: 'resume',
  dial: 'dial',
  extendWrapup: 'extendWrapup',
  endWrapup: 'endWrapup',
  endWrapupIntoPause: 'endWrapupIntoPause',
};

/** Actions on the contact itself; the agent state follows from the facts they cause (callEnded, …). */
const CALL_ACTIONS: Readonly<Partial<Record<AgentStateName, readonly AgentAction[]>>> = {
  Dialing: ['hangup'], // cancels the dial; the engine then reports dialFailed
  OnCall: ['hangup', 'transfer', 'consult', 'conference', 'dtmf', 'record', 'setDisposition'],
  Wrapup: ['setDisposition'],
};

export function allowedActions(state: AgentState): readonly AgentAction[] {
  const callActions = CALL_ACTIONS[state.name] ?? [];
  return AGENT_ACTIONS.filter((action) => {
    const command = COMMAND_ACTIONS[action];
    if (command !== undefined)
      return agentTransitionTargets(state.name, command) !== undefined && guard(state, action);
    return callActions.includes(action) && guard(state, action);
  });
}

// Guards hide a command the table allows but that would be refused or change nothing right now.
function guard(state: AgentState, action: AgentAction): boolean {
  switch (action) {
    case 'hold':
      return !state.onHold;
    case 'resume':
      return state.onHold;
    case 'dtmf':
      return !state.onHold; // tones to a held party reach nobody
    case 'extendWrapup':
      return state.wrapupEndsAt !== null; // an untimed wrap-up has no end to push back
    case 'ready':
      // During a call, ready only matters if something other than Ready would follow the call.
      return !isAgentCallState(state.name) || state.pending !== null || state.afterCall?.name !== 'Ready';
    case 'logout':
      return state.pending?.kind !== 'logout';
    default:
      return true;
  }
}
