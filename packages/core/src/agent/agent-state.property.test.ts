import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AGENT_ACTIONS, allowedActions } from './agent-actions.ts';
import type { AgentCommand } from './agent-command.ts';
import { agentStateViolations } from './agent-invariants.ts';
import { AGENT_STATE_NAMES, type AgentState, initialAgentState, isAgentCallState } from './agent-state.ts';
import { defaultCatalog, T0 } from './agent-test-driver.ts';
import { AGENT_TRANSITIONS } from './agent-transitions.ts';
import { applyAgentCommand } from './apply-agent-command.ts';

const catalog = defaultCatalog();
const numRuns = Number(process.env.FC_RUNS ?? 10000);

// Every command with arguments a client could send, valid and invalid alike.
const REASONS = ['break', 'meal', 'dnd', 'training', 'no_answer', 'nap', ''];
const POOL: Readonly<Record<AgentCommand['type'], readonly AgentCommand[]>> = {
  login: [
    { type: 'login', extension: '1001' },
    { type: 'login', extension: null },
    { type: 'login', extension: '' },
    ...REASONS.map((r): AgentCommand => ({ type: 'login', extension: null, pauseReason: r })),
  ],
  ready: [{ type: 'ready' }],
  pause: REASONS.map((reason): AgentCommand => ({ type: 'pause', reason })),
  logout: [{ type: 'logout' }],
  offer: ['c1', 'c2', ''].map((contactId): AgentCommand => ({ type: 'offer', contactId })),
  answer: [{ type: 'answer' }],
  reject: [{ type: 'reject' }],
  withdraw: [{ type: 'withdraw' }],
  ringNoAnswer: [{ type: 'ringNoAnswer' }],
  dial: ['c3', ''].map((contactId): AgentCommand => ({ type: 'dial', contactId })),
  dialConnected: [{ type: 'dialConnected' }],
  dialFailed: [{ type: 'dialFailed' }],
  hold: [{ type: 'hold' }],
  resume: [{ type: 'resume' }],
  callEnded: [0, null, 1, 30_000, 600_000, -5, 0.5].map(
    (wrapupMs): AgentCommand => ({ type: 'callEnded', wrapupMs }),
  ),
  extendWrapup: [29, 30, 60, 900, 901, 12.5, -1, 0].map(
    (seconds): AgentCommand => ({ type: 'extendWrapup', seconds }),
  ),
  endWrapup: [{ type: 'endWrapup' }],
  endWrapupIntoPause: REASONS.map((reason): AgentCommand => ({ type: 'endWrapupIntoPause', reason })),
  wrapupExpired: [{ type: 'wrapupExpired' }],
  disconnect: [{ type: 'disconnect' }],
  forceLogout: [{ type: 'forceLogout' }],
  serverRestart: [{ type: 'serverRestart' }],
};
const ANY_COMMAND = Object.values(POOL).flat();

// A step is either any command at all (mostly refused: exercises the refusals) or, more often, a
// command the table allows in the state reached so far (so runs get deep: calls, holds, wrap-ups).
// The choice is made at run time from the generated numbers, so shrinking still works.
const stepArb = fc.record({
  guided: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  pick: fc.nat(),
  variant: fc.nat(),
  // Mostly small steps, sometimes long enough for a timed wrap-up to have ended.
  delay: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 120_000 })),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
const history = fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' });

function commandFor(state: AgentState, step: Step): AgentCommand {
  const allowed = Object.keys(AGENT_TRANSITIONS[state.name]) as AgentCommand['type'][];
  if (!step.guided || allowed.length === 0) return ANY_COMMAND[step.pick % ANY_COMMAND.length]!;
  const variants = POOL[allowed[step.pick % allowed.length]!];
  return variants[step.variant % variants.length]!;
}

const REFUSAL_CODES = ['transition_not_allowed', 'unknown_pause_reason', 'invalid_argument', 'conflict'];
// Commands that end the agent's contact by the pending-then-afterCall rule (no override of their own).
const LEAVING = new Set(['reject', 'withdraw', 'dialFailed', 'endWrapup', 'wrapupExpired', 'callEnded']);

// The rule written out independently of the implementation: where a finished contact leads.
function expectedAfterCall(state: AgentState): { name: string; reason?: string } {
  if (state.pending?.kind === 'logout') return { name: 'LoggedOut' };
  if (state.pending?.kind === 'pause') return { name: 'Paused', reason: state.pending.reason };
  if (state.afterCall?.name === 'Paused') return { name: 'Paused', reason: state.afterCall.reason };
  return { name: 'Ready' };
}

function checkStep(state: AgentState, cmd: AgentCommand, now: number, taken: Set<string>): AgentState {
  const before = structuredClone(state);
  const result = applyAgentCommand(state, cmd, now, catalog);
  assert.deepEqual(state, before, 'the input state is never mutated');
  const inTable = AGENT_TRANSITIONS[state.name][cmd.type];
  if (!result.ok) {
    assert.ok(REFUSAL_CODES.includes(result.error.code), `unexpected error ${result.error.code}`);
    assert.equal(result.error.code === 'transition_not_allowed', inTable === undefined);
    return state;
  }
  const next = result.value;
  taken.add(`${state.name}/${cmd.type}/${next.name}`);
  assert.ok(inTable?.includes(next.name), `${state.name} --${cmd.type}--> ${next.name} is not in the table`);
  assert.ok(AGENT_STATE_NAMES.includes(next.name));
  assert.deepEqual(agentStateViolations(next), []);
  assert.ok(Object.isFrozen(next));
  assert.equal(next.agentId, state.agentId);
  const changed = next.name !== state.name || next.reason !== state.reason;
  assert.equal(next.since, changed ? now : state.since, 'since moves exactly when the state changes');
  if (isAgentCallState(next.name) && isAgentCallState(state.name))
    assert.equal(next.contactId, state.contactId);
  if (LEAVING.has(cmd.type) && !isAgentCallState(next.name)) {
    const expected = expectedAfterCall(state);
    assert.equal(next.name, expected.name);
    if (expected.reason !== undefined) assert.equal(next.reason, expected.reason);
  }
  for (const action of allowedActions(next)) assert.ok(AGENT_ACTIONS.includes(action));
  return next;
}

test('random command sequences from LoggedOut keep every state valid and in the table', () => {
  let accepted = 0;
  let refused = 0;
  const taken = new Set<string>();
  fc.assert(
    fc.property(history, (steps) => {
      let state = initialAgentState('agent-p', T0);
      let now = T0;
      for (const step of steps) {
        now += step.delay;
        const next = checkStep(state, commandFor(state, step), now, taken);
        if (next === state) refused++;
        else accepted++;
        state = next;
      }
    }),
    { numRuns },
  );
  // Guards against a generator that only ever hits refusals (a test that would check nothing).
  assert.ok(accepted > numRuns, `accepted ${accepted}, refused ${refused}`);
  const table = Object.entries(AGENT_TRANSITIONS).flatMap(([from, row]) =>
    Object.entries(row).flatMap(([type, targets]) => (targets ?? []).map((to) => `${from}/${type}/${to}`)),
  );
  if (numRuns >= 1000)
    assert.deepEqual(
      table.filter((t) => !taken.has(t)),
      [],
      'table entries never taken',
    );
});

test('every state name is reached by random sequences', () => {
  const reached = new Set<string>();
  fc.assert(
    fc.property(history, (steps) => {
      let state = initialAgentState('agent-p', T0);
      let now = T0;
      for (const step of steps) {
        now += step.delay;
        const result = applyAgentCommand(state, commandFor(state, step), now, catalog);
        if (result.ok) state = result.value;
        reached.add(state.name);
      }
    }),
    { numRuns: Math.min(numRuns, 2000) },
  );
  assert.deepEqual([...reached].sort(), [...AGENT_STATE_NAMES].sort());
});
