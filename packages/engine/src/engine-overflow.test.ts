import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closedEntries, type QueueConfig, unwrap } from '@switchboard/core';
import { Harness, queueConfig, T0 } from './test-support/engine-harness.ts';

const toQueue = (queueId: string) => ({ kind: 'queue', queueId }) as const;

function center(a: Partial<QueueConfig>, b: Partial<QueueConfig> = {}) {
  return new Harness({
    queues: [queueConfig('A', a), queueConfig('B', b)],
    agents: ['a1', 'b1'],
    members: [
      ['a1', 'A'],
      ['b1', 'B'],
    ],
  });
}

/** Checks that no queue has more outcomes than entries. */
function assertOutcomesWithinEntered(h: Harness): void {
  for (const queueId of h.engine.queueIds()) {
    const q = h.snapshot(queueId);
    const outcomes = closedEntries(q);
    assert.ok(outcomes <= q.entered, `queue ${queueId}: ${outcomes} outcomes for ${q.entered} entered`);
  }
}

describe('max wait', () => {
  test('a contact waiting past max wait overflows: overflowed in the first queue, entered in the second', () => {
    const h = center({
      maxWaitMs: 60_000,
      overflow: { onTimeout: toQueue('B'), onFull: null, onEmpty: null },
    });
    const c = h.call('A');
    h.advance(59_999);
    assert.equal(h.engine.contact(c)?.queueId, 'A');
    h.advance(1);
    assert.equal(h.engine.contact(c)?.queueId, 'B');
    assert.equal(h.phase(c), 'queued');
    assert.deepEqual(h.log('A', c).at(-1), {
      type: 'overflowed',
      at: T0 + 60_000,
      contactId: c,
      queueId: 'A',
      waitMs: 60_000,
      destination: 'queue:B',
    });
    assert.deepEqual(h.logTypes('B', c), ['entered']);
    h.advance(5000);
    h.ready('b1');
    h.telephony.answer(c, 'b1');
    const connected = h.log('B', c).at(-1);
    assert.equal(
      connected?.type === 'connected' && connected.waitMs,
      5001,
      'the wait in B counts from entering B',
    );
    h.telephony.sink.customerHangup(c);
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.queueId, record.waitMs], ['answered', 'B', 65_001]);
    const [qa, qb] = [h.snapshot('A'), h.snapshot('B')];
    assert.deepEqual([qa.entered, qa.overflowed, qa.answered], [1, 1, 0]);
    assert.deepEqual([qb.entered, qb.overflowed, qb.answered], [1, 0, 1]);
  });

  test('without an overflow destination the contact times out and the call is released', () => {
    const h = center({ maxWaitMs: 30_000 });
    const c = h.call('A');
    h.advance(30_000);
    assert.equal(h.record(c).outcome, 'timeout');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'timeout']);
    assert.deepEqual(h.telephony.requestsOf('hangup'), [{ kind: 'hangup', contactId: c, reason: 'timeout' }]);
    assert.equal(h.snapshot('A').timedOut, 1);
  });

  test('max wait passing while the contact rings applies when the offer comes back unanswered', () => {
    const h = center({
      maxWaitMs: 10_000,
      ringTimeoutMs: 15_000,
      overflow: { onTimeout: toQueue('B'), onFull: null, onEmpty: null },
    });
    h.ready('a1');
    const c = h.call('A');
    h.advance(10_000);
    assert.equal(h.phase(c), 'offered', 'a ringing contact is left to ring');
    h.advance(5000);
    assert.equal(h.show('a1'), 'Paused(no_answer)');
    assert.equal(h.engine.contact(c)?.queueId, 'B', 'overflowed as soon as it waits again');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'offered', 'ringNoAnswer', 'overflowed']);
    assertOutcomesWithinEntered(h);
  });

  test('an overflow to an agent rings that agent directly and logs no second outcome in the queue', () => {
    const h = center({
      maxWaitMs: 10_000,
      overflow: { onTimeout: { kind: 'agent', agentId: 'b1' }, onFull: null, onEmpty: null },
    });
    h.ready('b1');
    const c = h.call('A');
    h.advance(10_000);
    assert.equal(h.state('b1').contactId, c);
    assert.deepEqual(h.telephony.ringingFor(c), ['b1']);
    h.telephony.answer(c, 'b1');
    h.advance(20_000);
    h.telephony.sink.customerHangup(c);
    assert.deepEqual([h.record(c).outcome, h.record(c).agentId], ['answered', 'b1']);
    assert.deepEqual(h.logTypes('A', c), ['entered', 'overflowed']);
    assertOutcomesWithinEntered(h);
  });

  test('a direct offer to an agent that rings out ends the contact: there is no queue to go back to', () => {
    const h = center({
      maxWaitMs: 10_000,
      overflow: { onTimeout: { kind: 'agent', agentId: 'b1' }, onFull: null, onEmpty: null },
    });
    h.ready('b1');
    const c = h.call('A');
    h.advance(10_000 + 15_000);
    assert.equal(h.show('b1'), 'Paused(no_answer)');
    assert.equal(h.record(c).outcome, 'timeout');
    assert.equal(h.snapshot('A').waiting, 0);
    assertOutcomesWithinEntered(h);
  });
});

describe('max length and empty queues', () => {
  test('a full queue refuses the contact with reason full and sends it to onFull', () => {
    const h = center({ maxLength: 1, overflow: { onTimeout: null, onFull: toQueue('B'), onEmpty: null } });
    const c1 = h.call('A');
    const c2 = h.call('A');
    assert.equal(h.engine.contact(c1)?.queueId, 'A');
    assert.equal(h.engine.contact(c2)?.queueId, 'B');
    assert.deepEqual(h.log('A', c2), [
      { type: 'refused', at: T0, contactId: c2, queueId: 'A', reason: 'full' },
    ]);
    assert.deepEqual(h.logTypes('B', c2), ['entered']);
    const qa = h.snapshot('A');
    assert.deepEqual([qa.entered, qa.refused, qa.waiting], [1, 1, 1]);
  });

  test('a full queue without onFull ends the contact refused', () => {
    const h = center({ maxLength: 1 });
    h.call('A');
    const c2 = h.call('A');
    assert.equal(h.record(c2).outcome, 'refused');
    assert.deepEqual(h.telephony.requestsOf('hangup'), [
      { kind: 'hangup', contactId: c2, reason: 'queue-full' },
    ]);
  });

  test('an overflow chain that comes back to a queue it was refused by ends the contact instead of looping', () => {
    const h = center(
      { maxLength: 1, overflow: { onTimeout: null, onFull: toQueue('B'), onEmpty: null } },
      { maxLength: 1, overflow: { onTimeout: null, onFull: toQueue('A'), onEmpty: null } },
    );
    h.call('A');
    h.call('A');
    const c3 = h.call('A');
    assert.equal(h.record(c3).outcome, 'refused');
    assert.deepEqual(h.logTypes('A', c3), ['refused']);
    assert.deepEqual(h.logTypes('B', c3), ['refused']);
  });

  test('join-empty refuses a contact arriving while nobody is logged in', () => {
    const h = center({ joinEmpty: 'no-logged-in' });
    const c = h.call('A');
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(h.log('A', c), [
      { type: 'refused', at: T0, contactId: c, queueId: 'A', reason: 'empty' },
    ]);
    unwrap(h.engine.login('a1', null, 'break'));
    const c2 = h.call('A');
    assert.equal(h.phase(c2), 'queued', 'a paused member is logged in: the contact may wait');
  });

  test('leave-when-empty: waiting contacts leave when the last paused agent logs out', () => {
    const h = center({
      leaveWhenEmpty: 'no-logged-in',
      overflow: { onTimeout: null, onFull: null, onEmpty: toQueue('B') },
    });
    unwrap(h.engine.login('a1', null, 'break'));
    const c = h.call('A');
    h.advance(7000);
    unwrap(h.engine.logout('a1'));
    assert.deepEqual(h.log('A', c).at(-1), {
      type: 'leftEmpty',
      at: T0 + 7000,
      contactId: c,
      queueId: 'A',
      waitMs: 7000,
    });
    assert.equal(h.engine.contact(c)?.queueId, 'B', 'sent to onEmpty');
    assert.equal(h.snapshot('A').leftEmpty, 1);
  });

  test('leave-when-empty: waiting contacts leave when the last agent logs out after its call', () => {
    const h = center({ leaveWhenEmpty: 'no-logged-in', wrapupMs: 5000 });
    h.ready('a1');
    const first = h.call('A');
    h.telephony.answer(first, 'a1');
    const c = h.call('A');
    unwrap(h.engine.logout('a1'));
    h.advance(10_000);
    h.telephony.sink.customerHangup(first);
    assert.equal(h.phase(c), 'queued', 'still a logged-in member while it wraps up');
    h.advance(5000);
    assert.equal(h.show('a1'), 'LoggedOut');
    assert.equal(h.record(c).outcome, 'refused', 'no onEmpty: the contact ends');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'leftEmpty']);
  });

  test('leave-when-empty applies to a contact that joins a queue which is already empty', () => {
    const h = center({ joinEmpty: 'never', leaveWhenEmpty: 'no-logged-in' });
    const c = h.call('A');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'leftEmpty']);
    assert.equal(h.record(c).outcome, 'refused');
  });

  test('leave-when-empty applies to a contact that comes back from ringing its last agent', () => {
    const h = center({ leaveWhenEmpty: 'no-unpaused', ringTimeoutMs: 2000 });
    h.ready('a1');
    const c = h.call('A');
    h.advance(2000);
    assert.equal(h.show('a1'), 'Paused(no_answer)', 'the only member is now paused');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'offered', 'ringNoAnswer', 'leftEmpty']);
    assert.equal(h.record(c).outcome, 'refused');
  });

  test('an overflow to an agent that a ring-all offer is claiming at that instant ends the contact instead', () => {
    const h = new Harness({
      queues: [
        queueConfig('A', {
          leaveWhenEmpty: 'no-available',
          overflow: { onTimeout: null, onFull: null, onEmpty: { kind: 'agent', agentId: 'b1' } },
        }),
        queueConfig('R', { strategy: 'ring-all', maxPenalty: 1 }),
      ],
      agents: ['a1', 'b1'],
      // a1 is available in A (so A is not empty) but above its penalty cap: A's contact waits.
      members: [
        ['a1', 'A', 1],
        ['a1', 'R', 1],
        ['b1', 'R', 1],
      ],
    });
    h.ready('a1', 'b1');
    const waiting = h.call('A');
    const c = h.call('R');
    assert.deepEqual(h.telephony.ringingFor(c), ['a1', 'b1'], 'both ring for the ring-all contact');
    assert.deepEqual(h.logTypes('A', waiting), ['entered', 'leftEmpty']);
    assert.equal(h.record(waiting).outcome, 'refused', 'b1 was being offered the other contact');
  });
});
