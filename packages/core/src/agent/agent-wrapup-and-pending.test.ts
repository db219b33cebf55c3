import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentCommand } from './agent-command.ts';
import type { AgentState } from './agent-state.ts';
import { DIAL, defaultCatalog, drive, LOGIN, nextStepAt, OFFER, ON_CALL, step } from './agent-test-driver.ts';
import { applyAgentCommand } from './apply-agent-command.ts';

const catalog = defaultCatalog();
const WRAPUP_MS = 60_000;
const TIMED_WRAPUP: readonly AgentCommand[] = [...ON_CALL, { type: 'callEnded', wrapupMs: WRAPUP_MS }];
const wrapupStart = nextStepAt(ON_CALL);

function tryApply(state: AgentState, command: AgentCommand, now: number) {
  const before = structuredClone(state);
  const result = applyAgentCommand(state, command, now, catalog);
  assert.deepEqual(state, before, 'the input state is never changed');
  return result;
}

describe('wrap-up', () => {
  test('a call that ends with a wrap-up time goes to Wrapup ending that much later', () => {
    const state = drive(TIMED_WRAPUP);
    assert.equal(state.name, 'Wrapup');
    assert.equal(state.reason, 'call_ended');
    assert.equal(state.contactId, 'contact-1');
    assert.equal(state.wrapupEndsAt, wrapupStart + WRAPUP_MS);
  });

  test('wrapupMs 0 skips the wrap-up and goes straight to Ready', () => {
    const state = drive([...ON_CALL, { type: 'callEnded', wrapupMs: 0 }]);
    assert.equal(state.name, 'Ready');
    assert.equal(state.contactId, null);
  });

  test('wrapupMs null is a wrap-up without a time limit', () => {
    const state = drive([...ON_CALL, { type: 'callEnded', wrapupMs: null }]);
    assert.equal(state.name, 'Wrapup');
    assert.equal(state.wrapupEndsAt, null);
  });

  test('a negative or fractional wrapupMs is an invalid argument', () => {
    for (const wrapupMs of [-1, 0.5, Number.POSITIVE_INFINITY, Number.NaN]) {
      const result = tryApply(drive(ON_CALL), { type: 'callEnded', wrapupMs }, wrapupStart);
      assert.equal(result.ok ? 'accepted' : result.error.code, 'invalid_argument', `wrapupMs ${wrapupMs}`);
    }
  });

  test('extendWrapup accepts 30 and 900 seconds and refuses 29 and 901', () => {
    const state = drive(TIMED_WRAPUP);
    const at = wrapupStart + 5000;
    for (const seconds of [30, 900]) {
      const result = tryApply(state, { type: 'extendWrapup', seconds }, at);
      assert.ok(result.ok, `${seconds}s accepted`);
      assert.equal(result.value.wrapupEndsAt, wrapupStart + WRAPUP_MS + seconds * 1000);
      assert.equal(result.value.since, state.since, 'extending does not start a new state');
    }
    for (const seconds of [29, 901, 45.5, Number.NaN]) {
      const result = tryApply(state, { type: 'extendWrapup', seconds }, at);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'invalid_argument', `${seconds}s refused`);
      assert.equal(result.error.details.field, 'seconds');
    }
  });

  test('an extension asked after the end time passed counts from now', () => {
    const late = wrapupStart + WRAPUP_MS + 10_000;
    const state = step(drive(TIMED_WRAPUP), { type: 'extendWrapup', seconds: 30 }, late);
    assert.equal(state.wrapupEndsAt, late + 30_000);
  });

  test('extending a wrap-up without a time limit changes nothing', () => {
    const state = drive([...ON_CALL, { type: 'callEnded', wrapupMs: null }]);
    const next = step(state, { type: 'extendWrapup', seconds: 60 }, wrapupStart + 1000);
    assert.deepEqual(next, state);
  });

  test('extendWrapup outside Wrapup is not allowed', () => {
    const result = tryApply(drive(ON_CALL), { type: 'extendWrapup', seconds: 60 }, wrapupStart);
    assert.equal(result.ok ? 'accepted' : result.error.code, 'transition_not_allowed');
  });

  test('the agent can end the wrap-up early', () => {
    const state = step(drive(TIMED_WRAPUP), { type: 'endWrapup' }, wrapupStart + 1000);
    assert.equal(state.name, 'Ready');
    assert.equal(state.reason, 'wrapup_ended');
    assert.equal(state.since, wrapupStart + 1000);
    assert.equal(state.wrapupEndsAt, null);
  });

  test('the agent can end the wrap-up into a pause', () => {
    const state = step(
      drive(TIMED_WRAPUP),
      { type: 'endWrapupIntoPause', reason: 'dnd' },
      wrapupStart + 1000,
    );
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'dnd');
    const unknown = tryApply(drive(TIMED_WRAPUP), { type: 'endWrapupIntoPause', reason: 'nap' }, wrapupStart);
    assert.equal(unknown.ok ? 'accepted' : unknown.error.code, 'unknown_pause_reason');
  });

  test('ending the wrap-up into a pause overrides a pending logout asked earlier', () => {
    const state = drive([
      ...TIMED_WRAPUP,
      { type: 'logout' },
      { type: 'endWrapupIntoPause', reason: 'break' },
    ]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'break');
  });

  test('the wrap-up timer ends the wrap-up at its end time', () => {
    const state = step(drive(TIMED_WRAPUP), { type: 'wrapupExpired' }, wrapupStart + WRAPUP_MS);
    assert.equal(state.name, 'Ready');
    assert.equal(state.reason, 'wrapup_expired');
  });

  test('a stale wrap-up timer (fired before the extended end) is refused as a conflict', () => {
    const extended = step(drive(TIMED_WRAPUP), { type: 'extendWrapup', seconds: 60 }, wrapupStart + 1000);
    const result = tryApply(extended, { type: 'wrapupExpired' }, wrapupStart + WRAPUP_MS);
    assert.equal(result.ok ? 'accepted' : result.error.code, 'conflict');
    const untimed = drive([...ON_CALL, { type: 'callEnded', wrapupMs: null }]);
    const none = tryApply(untimed, { type: 'wrapupExpired' }, wrapupStart + 10 * WRAPUP_MS);
    assert.equal(none.ok ? 'accepted' : none.error.code, 'conflict');
  });
});

describe('pending pause and logout', () => {
  test('a pause asked during a call does not change the state', () => {
    const state = drive([...ON_CALL, { type: 'pause', reason: 'meal' }]);
    assert.equal(state.name, 'OnCall');
    assert.equal(state.since, nextStepAt([LOGIN, OFFER]));
    assert.deepEqual(state.pending, { kind: 'pause', reason: 'meal' });
  });

  test('a pause asked during a call applies only after the wrap-up', () => {
    const inWrapup = drive([
      ...ON_CALL,
      { type: 'pause', reason: 'meal' },
      { type: 'callEnded', wrapupMs: WRAPUP_MS },
    ]);
    assert.equal(inWrapup.name, 'Wrapup');
    assert.deepEqual(inWrapup.pending, { kind: 'pause', reason: 'meal' });
    const after = step(inWrapup, { type: 'wrapupExpired' }, inWrapup.since + WRAPUP_MS);
    assert.equal(after.name, 'Paused');
    assert.equal(after.reason, 'meal');
    assert.equal(after.pending, null);
  });

  test('a logout asked during a call applies when the call ends without wrap-up', () => {
    const state = drive([...ON_CALL, { type: 'logout' }, { type: 'callEnded', wrapupMs: 0 }]);
    assert.equal(state.name, 'LoggedOut');
    assert.equal(state.reason, 'logout');
    assert.equal(state.extension, null);
  });

  test('a logout asked during wrap-up applies when the wrap-up ends', () => {
    const state = drive([...TIMED_WRAPUP, { type: 'logout' }, { type: 'endWrapup' }]);
    assert.equal(state.name, 'LoggedOut');
  });

  test('the latest of pause and logout is the one pending', () => {
    const state = drive([...ON_CALL, { type: 'logout' }, { type: 'pause', reason: 'break' }]);
    assert.deepEqual(state.pending, { kind: 'pause', reason: 'break' });
  });

  test('a ready during the call clears what was pending', () => {
    const commands: AgentCommand[] = [...ON_CALL, { type: 'pause', reason: 'meal' }, { type: 'ready' }];
    assert.equal(drive(commands).pending, null);
    assert.equal(drive([...commands, { type: 'callEnded', wrapupMs: 0 }]).name, 'Ready');
  });

  test('a pause asked while Ringing applies if the offer is withdrawn or not answered', () => {
    const asked: AgentCommand[] = [LOGIN, OFFER, { type: 'pause', reason: 'training' }];
    for (const type of ['withdraw', 'reject', 'ringNoAnswer'] as const) {
      const state = drive([...asked, { type }]);
      assert.equal(state.name, 'Paused', type);
      assert.equal(state.reason, 'training', type);
    }
  });

  test('a logout asked while Dialing applies if the dial fails', () => {
    assert.equal(drive([LOGIN, DIAL, { type: 'logout' }, { type: 'dialFailed' }]).name, 'LoggedOut');
  });

  test('a pending pause survives answering the call', () => {
    const state = drive([LOGIN, OFFER, { type: 'pause', reason: 'break' }, { type: 'answer' }]);
    assert.deepEqual(state.pending, { kind: 'pause', reason: 'break' });
  });

  test('a pending pause with an unknown reason is refused and nothing is pending', () => {
    const state = drive(ON_CALL);
    const result = tryApply(state, { type: 'pause', reason: 'nap' }, nextStepAt(ON_CALL));
    assert.equal(result.ok ? 'accepted' : result.error.code, 'unknown_pause_reason');
    assert.equal(state.pending, null);
  });
});
