// The invariants every agent state satisfies, as a checker the engine can run on a state it loads
// from storage and the tests run after every command. Returns the broken rules (empty = valid).
import { AGENT_STATE_NAMES, type AgentState, isAgentCallState } from './agent-state.ts';

export function agentStateViolations(state: AgentState): readonly string[] {
  const broken: string[] = [];
  const rule = (holds: boolean, text: string) => {
    if (!holds) broken.push(text);
  };
  rule((AGENT_STATE_NAMES as readonly string[]).includes(state.name), `unknown state name '${state.name}'`);
  const inCall = isAgentCallState(state.name);
  rule(Number.isFinite(state.since), 'since is a finite time');
  rule(
    inCall === (state.contactId !== null),
    'contactId is set exactly in Ringing, Dialing, OnCall and Wrapup',
  );
  rule(
    inCall === (state.afterCall !== null),
    'afterCall is set exactly in Ringing, Dialing, OnCall and Wrapup',
  );
  rule(inCall || state.pending === null, 'pending is set only in Ringing, Dialing, OnCall and Wrapup');
  rule(!state.onHold || state.name === 'OnCall', 'onHold only in OnCall');
  rule(state.wrapupEndsAt === null || state.name === 'Wrapup', 'wrapupEndsAt only in Wrapup');
  rule(
    state.wrapupEndsAt === null || state.wrapupEndsAt >= state.since,
    'a wrap-up does not end before it began',
  );
  rule(
    state.name !== 'Paused' || typeof state.reason === 'string',
    'a Paused state carries its pause reason',
  );
  rule(state.name !== 'LoggedOut' || state.extension === null, 'a LoggedOut agent holds no extension');
  if (state.pending?.kind === 'pause') rule(state.pending.reason !== '', 'a pending pause names its reason');
  if (state.afterCall?.name === 'Paused')
    rule(state.afterCall.reason !== '', 'a Paused afterCall names its reason');
  return broken;
}
