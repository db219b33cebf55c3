import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AgentAction, allowedActions } from './agent-actions.ts';
import type { AgentCommand } from './agent-command.ts';
import type { AgentState } from './agent-state.ts';
import { DIAL, defaultCatalog, drive, LOGIN, OFFER, ON_CALL } from './agent-test-driver.ts';
import { applyAgentCommand } from './apply-agent-command.ts';

const catalog = defaultCatalog();
const WRAPUP: readonly AgentCommand[] = [...ON_CALL, { type: 'callEnded', wrapupMs: 60_000 }];

// The command a client sends for each action that is an agent-state command.
const ACTION_COMMANDS: Partial<Record<AgentAction, AgentCommand>> = {
  login: { type: 'login', extension: '1001' },
  logout: { type: 'logout' },
  ready: { type: 'ready' },
  pause: { type: 'pause', reason: 'meal' },
  answer: { type: 'answer' },
  reject: { type: 'reject' },
  hold: { type: 'hold' },
  resume: { type: 'resume' },
  dial: { type: 'dial', contactId: 'c9' },
  extendWrapup: { type: 'extendWrapup', seconds: 30 },
  endWrapup: { type: 'endWrapup' },
  endWrapupIntoPause: { type: 'endWrapupIntoPause', reason: 'dnd' },
};

const SCENARIOS: Record<string, readonly AgentCommand[]> = {
  loggedOut: [],
  ready: [LOGIN],
  paused: [LOGIN, { type: 'pause', reason: 'break' }],
  ringing: [LOGIN, OFFER],
  ringingPausePending: [LOGIN, OFFER, { type: 'pause', reason: 'break' }],
  dialing: [LOGIN, DIAL],
  dialingFromPause: [LOGIN, { type: 'pause', reason: 'break' }, DIAL],
  onCall: ON_CALL,
  onHold: [...ON_CALL, { type: 'hold' }],
  logoutPending: [...ON_CALL, { type: 'logout' }],
  wrapup: WRAPUP,
  untimedWrapup: [...ON_CALL, { type: 'callEnded', wrapupMs: null }],
};

describe('allowed actions', () => {
  test('each state offers the buttons a softphone toolbar needs', () => {
    const actions = (name: string) => allowedActions(drive(SCENARIOS[name]!));
    assert.deepEqual(actions('loggedOut'), ['login']);
    assert.deepEqual(actions('ready'), ['logout', 'pause', 'dial']);
    assert.deepEqual(actions('paused'), ['logout', 'ready', 'pause', 'dial']);
    assert.deepEqual(actions('ringing'), ['logout', 'pause', 'answer', 'reject']);
    assert.deepEqual(actions('dialing'), ['logout', 'pause', 'hangup']);
    assert.deepEqual(actions('onCall'), [
      'logout',
      'pause',
      'hangup',
      'hold',
      'transfer',
      'consult',
      'conference',
      'dtmf',
      'record',
      'setDisposition',
    ]);
    assert.deepEqual(actions('wrapup'), [
      'logout',
      'pause',
      'extendWrapup',
      'endWrapup',
      'endWrapupIntoPause',
      'setDisposition',
    ]);
  });

  test('hold is offered only when not on hold, resume only when on hold', () => {
    const onCall = allowedActions(drive(SCENARIOS.onCall!));
    assert.ok(onCall.includes('hold') && !onCall.includes('resume'));
    const held = allowedActions(drive(SCENARIOS.onHold!));
    assert.ok(held.includes('resume') && !held.includes('hold') && !held.includes('dtmf'));
  });

  test('ready during a call is offered only when something other than Ready would follow', () => {
    assert.ok(!allowedActions(drive(SCENARIOS.onCall!)).includes('ready'));
    assert.ok(allowedActions(drive(SCENARIOS.ringingPausePending!)).includes('ready'));
    assert.ok(allowedActions(drive(SCENARIOS.dialingFromPause!)).includes('ready'));
  });

  test('logout is not offered again while a logout is pending', () => {
    assert.ok(!allowedActions(drive(SCENARIOS.logoutPending!)).includes('logout'));
  });

  test('an untimed wrap-up offers no extension', () => {
    assert.ok(!allowedActions(drive(SCENARIOS.untimedWrapup!)).includes('extendWrapup'));
  });

  test('every offered command is accepted and changes the state; every effective command is offered', () => {
    for (const [name, commands] of Object.entries(SCENARIOS)) {
      const state: AgentState = drive(commands);
      const offered = allowedActions(state);
      for (const [action, command] of Object.entries(ACTION_COMMANDS) as [AgentAction, AgentCommand][]) {
        const result = applyAgentCommand(state, command, state.since + 1000, catalog);
        const effective = result.ok && JSON.stringify(result.value) !== JSON.stringify(state);
        if (offered.includes(action)) assert.ok(effective, `${name}: ${action} is offered but not effective`);
        else assert.ok(!effective, `${name}: ${action} is effective but not offered`);
      }
    }
  });
});
