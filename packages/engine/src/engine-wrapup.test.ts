import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

/** One agent on a call in a queue with a 10 s wrap-up; a second caller waits behind. */
function onCall() {
  const h = new Harness({
    queues: [queueConfig('sales', { wrapupMs: 10_000 })],
    agents: ['a1'],
    members: [['a1', 'sales']],
  });
  h.ready('a1');
  const c = h.call('sales');
  h.telephony.answer(c, 'a1');
  const waiting = h.call('sales');
  h.advance(20_000);
  return { h, c, waiting };
}

describe('a pause or logout asked during a call', () => {
  test('a pause asked during a call applies after the wrap-up, and no contact is offered meanwhile', () => {
    const { h, c, waiting } = onCall();
    unwrap(h.engine.pause('a1', 'meal'));
    assert.equal(h.show('a1'), 'OnCall');
    assert.deepEqual(h.state('a1').pending, { kind: 'pause', reason: 'meal' });
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('a1'), 'Wrapup');
    assert.deepEqual(h.state('a1').pending, { kind: 'pause', reason: 'meal' }, 'still pending in wrap-up');
    h.advance(10_000);
    assert.equal(h.show('a1'), 'Paused(meal)');
    assert.equal(h.record(c).outcome, 'answered');
    assert.equal(h.phase(waiting), 'queued', 'a paused agent gets no offer');
    assert.deepEqual(h.telephony.ringingFor(waiting), []);
    assert.deepEqual(
      h.store.agentLog.filter((e) => e.agentId === 'a1').map((e) => e.state),
      ['Ready', 'Ringing', 'OnCall', 'Wrapup', 'Paused'],
    );
  });

  test('a logout asked during a call applies after the wrap-up and frees the extension', () => {
    const { h, c, waiting } = onCall();
    unwrap(h.engine.logout('a1'));
    assert.deepEqual(h.state('a1').pending, { kind: 'logout' });
    h.telephony.sink.agentHangup(c, 'a1');
    h.advance(10_000);
    assert.equal(h.show('a1'), 'LoggedOut');
    assert.equal(h.state('a1').extension, null);
    assert.equal(h.phase(waiting), 'queued');
    assert.equal(h.snapshot('sales').agents.logged, 0);
    assert.ok(h.agentStats('a1').lastLogoutAt !== null);
  });

  test('the latest request wins and ready during the call cancels it', () => {
    const { h, c, waiting } = onCall();
    unwrap(h.engine.pause('a1', 'meal'));
    unwrap(h.engine.logout('a1'));
    unwrap(h.engine.ready('a1'));
    assert.equal(h.state('a1').pending, null);
    h.telephony.sink.customerHangup(c);
    h.advance(10_000);
    assert.equal(h.show('a1'), 'Ringing', 'back to Ready, so the waiting contact is offered at once');
    assert.equal(h.state('a1').contactId, waiting);
  });
});

describe('wrap-up', () => {
  test('extending the wrap-up moves its end and the original end passes without effect', () => {
    const { h, c, waiting } = onCall();
    h.telephony.sink.customerHangup(c);
    const endsAt = h.state('a1').wrapupEndsAt!;
    h.advance(5000);
    const extended = unwrap(h.engine.extendWrapup('a1', 30));
    assert.equal(extended.wrapupEndsAt, endsAt + 30_000);
    h.advance(5000);
    assert.equal(h.show('a1'), 'Wrapup', 'the first timer no longer ends it');
    h.advance(29_999);
    assert.equal(h.show('a1'), 'Wrapup');
    h.advance(1);
    assert.equal(h.show('a1'), 'Ringing', 'Ready at the new end, and offered the waiting contact');
    assert.equal(h.state('a1').contactId, waiting);
    assert.equal(h.record(c).wrapupMs, 40_000);
    const wrapup = h.log('sales', c).at(-1);
    assert.equal(wrapup?.type === 'wrapupEnded' && wrapup.wrapupMs, 40_000);
  });

  test('ending the wrap-up early gives Ready at once and records the shorter wrap-up', () => {
    const { h, c, waiting } = onCall();
    h.telephony.sink.customerHangup(c);
    h.advance(3000);
    assert.equal(unwrap(h.engine.endWrapup('a1')).name, 'Ready');
    assert.equal(h.record(c).wrapupMs, 3000);
    assert.equal(h.phase(c), 'gone');
    h.flush();
    assert.equal(h.state('a1').contactId, waiting);
    h.advance(7000);
    assert.equal(h.show('a1'), 'Ringing', 'the old wrap-up end passed without effect');
    h.advance(8000);
    assert.equal(h.show('a1'), 'Paused(no_answer)', 'the new offer rang out');
    assert.equal(h.log('sales', c).filter((e) => e.type === 'wrapupEnded').length, 1);
  });

  test('ending the wrap-up into a pause overrides a pending logout', () => {
    const { h, c, waiting } = onCall();
    unwrap(h.engine.logout('a1'));
    h.telephony.sink.customerHangup(c);
    h.advance(2000);
    assert.equal(unwrap(h.engine.endWrapup('a1', 'training')).name, 'Paused');
    assert.equal(h.show('a1'), 'Paused(training)');
    assert.equal(h.record(c).wrapupMs, 2000);
    assert.equal(h.phase(waiting), 'queued');
    const stats = h.agentStats('a1');
    h.advance(8000);
    assert.equal(h.agentStats('a1').pausedByReasonMs.training, 8000);
    assert.equal(stats.wrapupMs, 2000);
  });

  test('a pause asked while ringing applies at ring-no-answer instead of no_answer', () => {
    const h = new Harness({
      queues: [queueConfig('sales', { ringTimeoutMs: 5000 })],
      agents: ['a1'],
      members: [['a1', 'sales']],
    });
    h.ready('a1');
    const c = h.call('sales');
    unwrap(h.engine.pause('a1', 'dnd'));
    h.advance(5000);
    assert.equal(h.show('a1'), 'Paused(dnd)');
    assert.equal(h.phase(c), 'queued');
  });
});
