// Why the engine releases a call: every path that ends a contact and tells the switch names its
// reason, so the switch can answer the caller with something a carrier can act on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type QueueConfig, unwrap } from '@switchboard/core';
import type { HangupReason } from './ports/telephony.ts';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

const noOverflow = { onTimeout: null, onFull: null, onEmpty: null };

function center(a: Partial<QueueConfig> = {}, dialPlan?: Harness['config']['dialPlan']) {
  return new Harness({
    queues: [queueConfig('A', a), queueConfig('B')],
    agents: ['a1', 'b1'],
    members: [
      ['a1', 'A'],
      ['b1', 'B'],
    ],
    ...(dialPlan === undefined ? {} : { dialPlan }),
  });
}

/** The reasons the switch was given, per contact, in order. */
function reasons(h: Harness): [string, HangupReason][] {
  return h.telephony.requestsOf('hangup').map((r) => [r.contactId, r.reason]);
}

describe('the reason the engine gives the switch when it releases a call', () => {
  test('max wait running out with no destination is a timeout', () => {
    const h = center({ maxWaitMs: 30_000 });
    const c = h.call('A');
    h.advance(30_000);
    assert.equal(h.record(c).outcome, 'timeout');
    assert.deepEqual(reasons(h), [[c, 'timeout']]);
  });

  test('max wait running out to a hang-up destination is a timeout', () => {
    const h = center({ maxWaitMs: 10_000, overflow: { ...noOverflow, onTimeout: { kind: 'hangup' } } });
    const c = h.call('A');
    h.advance(10_000);
    assert.equal(h.record(c).outcome, 'timeout');
    assert.deepEqual(reasons(h), [[c, 'timeout']]);
  });

  test('a full queue with no onFull is queue-full', () => {
    const h = center({ maxLength: 1 });
    const first = h.call('A');
    const c = h.call('A');
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(reasons(h), [[c, 'queue-full']]);
    assert.equal(h.phase(first), 'queued', 'the caller already waiting is not released');
  });

  test('a full queue whose onFull hangs up is still queue-full, not the dial plan’s rejection', () => {
    const h = center({ maxLength: 1, overflow: { ...noOverflow, onFull: { kind: 'hangup' } } });
    h.call('A');
    const c = h.call('A');
    assert.deepEqual(reasons(h), [[c, 'queue-full']]);
  });

  test('a full queue overflowing to a full queue that sends it back is queue-full', () => {
    const h = new Harness({
      queues: [
        queueConfig('A', {
          maxLength: 1,
          overflow: { ...noOverflow, onFull: { kind: 'queue', queueId: 'B' } },
        }),
        queueConfig('B', {
          maxLength: 1,
          overflow: { ...noOverflow, onFull: { kind: 'queue', queueId: 'A' } },
        }),
      ],
      agents: [],
      members: [],
    });
    h.call('A');
    h.call('B');
    const c = h.call('A');
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(reasons(h), [[c, 'queue-full']]);
  });

  test('join-empty refusing a caller is no-agents', () => {
    const h = center({ joinEmpty: 'no-logged-in' });
    const c = h.call('A');
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(reasons(h), [[c, 'no-agents']]);
  });

  test('leave-when-empty releasing a waiting caller when the last agent logs out is no-agents', () => {
    const h = center({ leaveWhenEmpty: 'no-logged-in' });
    unwrap(h.engine.login('a1', null, 'break'));
    const c = h.call('A');
    h.advance(7000);
    assert.deepEqual(reasons(h), [], 'nobody released while an agent is logged in');
    unwrap(h.engine.logout('a1'));
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(reasons(h), [[c, 'no-agents']]);
  });

  test('leave-when-empty to a hang-up destination is no-agents', () => {
    const h = center({
      leaveWhenEmpty: 'no-logged-in',
      overflow: { ...noOverflow, onEmpty: { kind: 'hangup' } },
    });
    const c = h.call('A');
    assert.deepEqual(reasons(h), [[c, 'no-agents']]);
  });

  test('a dial plan that hangs up on a number is rejected', () => {
    const h = center({}, [{ number: '999', destination: { kind: 'hangup' } }]);
    const c = h.call('999');
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(reasons(h), [[c, 'rejected']]);
  });

  test('a dial plan to an agent who is not Ready is no-agents', () => {
    const h = center({}, [{ number: '200', destination: { kind: 'agent', agentId: 'a1' } }]);
    const c = h.call('200');
    assert.deepEqual(reasons(h), [[c, 'no-agents']]);
  });

  test('an overflow to an agent whose phone rings out is a timeout', () => {
    const toB1 = { kind: 'agent', agentId: 'b1' } as const;
    const h = center({ maxWaitMs: 1000, ringTimeoutMs: 5000, overflow: { ...noOverflow, onTimeout: toB1 } });
    h.ready('b1');
    const c = h.call('A');
    h.advance(1000);
    assert.deepEqual(h.telephony.ringingFor(c), ['b1']);
    h.advance(5000);
    assert.equal(h.record(c).outcome, 'timeout');
    assert.deepEqual(reasons(h), [[c, 'timeout']]);
  });

  test('a graceful stop releases waiting, ringing and talking callers as interrupted', () => {
    const h = center();
    h.ready('a1', 'b1');
    const talking = h.call('A');
    h.telephony.answer(talking, 'a1');
    const ringing = h.call('B');
    const waiting = h.call('A');
    assert.deepEqual(h.telephony.ringingFor(ringing), ['b1']);
    h.engine.shutdown();
    assert.deepEqual(
      reasons(h).sort(),
      [
        [talking, 'interrupted'],
        [ringing, 'interrupted'],
        [waiting, 'interrupted'],
      ].sort(),
    );
  });

  test('an agent hanging up a connected call is normal', () => {
    const h = center();
    h.ready('a1');
    const c = h.call('A');
    h.telephony.answer(c, 'a1');
    unwrap(h.engine.commands.hangup('a1'));
    assert.deepEqual(reasons(h), [[c, 'normal']]);
  });

  test('a caller who hangs up is not released by the engine (the switch already knows)', () => {
    const h = center();
    const waiting = h.call('A');
    h.telephony.sink.customerHangup(waiting);
    assert.equal(h.record(waiting).outcome, 'abandoned');
    h.ready('a1');
    const talking = h.call('A');
    h.telephony.answer(talking, 'a1');
    h.telephony.sink.customerHangup(talking);
    assert.deepEqual(reasons(h), []);
  });
});
