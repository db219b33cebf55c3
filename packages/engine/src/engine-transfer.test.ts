import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

/** a1 (queue A, wrap-up 5 s) has talked 20 s on a call that carried attached data; b1 serves queue B. */
function talking(wrapupMs = { A: 5000, B: 0 }) {
  const h = new Harness({
    queues: [queueConfig('A', { wrapupMs: wrapupMs.A }), queueConfig('B', { wrapupMs: wrapupMs.B })],
    agents: ['a1', 'b1'],
    members: [
      ['a1', 'A'],
      ['b1', 'B'],
    ],
  });
  h.ready('a1');
  const c = h.call('A', { attached: [['order', '42']] });
  h.telephony.answer(c, 'a1');
  h.advance(20_000);
  return { h, c };
}

describe('blind transfer to a queue', () => {
  test('the contact waits again in the new queue while the transferring agent wraps up', () => {
    const { h, c } = talking({ A: 30_000, B: 2000 });
    unwrap(h.engine.commands.transfer('a1', { kind: 'queue', queueId: 'B' }));
    assert.equal(h.show('a1'), 'Wrapup');
    assert.equal(h.phase(c), 'queued');
    assert.equal(h.engine.contact(c)?.queueId, 'B');
    assert.deepEqual(h.telephony.requestsOf('releaseAgent'), [
      { kind: 'releaseAgent', contactId: c, agentId: 'a1' },
    ]);
    const transferred = h.log('A', c).at(-1);
    assert.ok(transferred?.type === 'transferred');
    assert.deepEqual(
      [transferred.agentId, transferred.talkMs, transferred.target],
      ['a1', 20_000, 'queue:B'],
    );
    assert.deepEqual(h.logTypes('B', c), ['entered']);
    unwrap(h.engine.commands.setAttached(c, [['note', 'was in A']]));

    h.advance(1000);
    h.ready('b1');
    h.telephony.answer(c, 'b1');
    h.advance(10_000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('b1'), 'Wrapup');
    h.advance(2000);
    assert.equal(h.show('b1'), 'Ready');
    assert.equal(h.show('a1'), 'Wrapup', "a1's own wrap-up is still running and did not end the contact's");
    const record = h.record(c);
    assert.equal(record.outcome, 'answered');
    assert.deepEqual(record.agents, ['a1', 'b1']);
    assert.deepEqual(record.attached, [
      ['order', '42'],
      ['note', 'was in A'],
    ]);
    assert.deepEqual([record.talkMs, record.wrapupMs], [30_000, 2000]);

    h.advance(30_000);
    assert.equal(h.show('a1'), 'Ready');
    assert.equal(h.store.contactRecords.length, 1, 'the late wrap-up writes no second record');
    assert.deepEqual(h.logTypes('A', c), ['entered', 'offered', 'connected', 'transferred', 'wrapupEnded']);
    assert.deepEqual(h.logTypes('B', c), ['entered', 'offered', 'connected', 'completed', 'wrapupEnded']);
    const qa = h.snapshot('A');
    assert.deepEqual([qa.answered, qa.transferred, qa.handled, qa.totalWrapupMs], [1, 1, 1, 30_000]);
    assert.equal(h.snapshot('B').totalWrapupMs, 2000);
    assert.equal(h.agentStats('a1').transferred, 1);
  });

  test('a blind transfer to a queue that is full follows its overflow rule', () => {
    const h = new Harness({
      queues: [queueConfig('A'), queueConfig('B', { maxLength: 1 })],
      agents: ['a1'],
      members: [['a1', 'A']],
    });
    h.call('B');
    h.ready('a1');
    const c = h.call('A');
    h.telephony.answer(c, 'a1');
    unwrap(h.engine.commands.transfer('a1', { kind: 'queue', queueId: 'B' }));
    assert.equal(h.record(c).outcome, 'refused');
    assert.deepEqual(h.logTypes('B', c), ['refused']);
    assert.equal(h.show('a1'), 'Ready');
  });
});

describe('blind transfer to an agent', () => {
  test('a Ready agent rings and on answer becomes the handling agent', () => {
    const { h, c } = talking();
    h.ready('b1');
    unwrap(h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'b1' }));
    assert.equal(h.show('a1'), 'Wrapup');
    assert.equal(h.show('b1'), 'Ringing');
    assert.equal(h.engine.contact(c)?.agentId, null);
    assert.deepEqual(h.telephony.ringingFor(c), ['b1']);
    h.advance(2000);
    h.telephony.answer(c, 'b1');
    assert.equal(h.show('b1'), 'OnCall');
    assert.equal(h.engine.contact(c)?.agentId, 'b1');
    h.advance(8000);
    unwrap(h.engine.commands.hangup('b1'));
    assert.deepEqual(h.telephony.requestsOf('hangup'), [{ kind: 'hangup', contactId: c, reason: 'normal' }]);
    assert.equal(h.show('b1'), 'Wrapup', "b1 wraps up for the contact's queue");
    h.advance(5000);
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.agentId], ['answered', 'b1']);
    assert.deepEqual(record.agents, ['a1', 'b1']);
    assert.equal(record.talkMs, 28_001);
    assert.equal(record.wrapupMs, 5000, "the record has the contact's own wrap-up, b1's");
    const target = h.log('A', c).find((e) => e.type === 'transferred');
    assert.equal(target?.type === 'transferred' && target.target, 'agent:b1');
  });

  test('a transfer target who rejects fails the transfer and the call is released', () => {
    const { h, c } = talking();
    h.ready('b1');
    unwrap(h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'b1' }));
    h.telephony.sink.agentRejected(c, 'b1');
    assert.equal(h.show('b1'), 'Ready');
    assert.equal(h.record(c).outcome, 'failed');
    assert.deepEqual(h.telephony.requestsOf('hangup').at(-1), {
      kind: 'hangup',
      contactId: c,
      reason: 'no-agents',
    });
  });

  test('a transfer target who never answers rings out like an offer and the transfer fails', () => {
    const { h, c } = talking();
    h.ready('b1');
    unwrap(h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'b1' }));
    h.advance(15_000);
    assert.equal(h.show('b1'), 'Paused(no_answer)');
    assert.equal(h.record(c).outcome, 'failed');
    assert.equal(h.telephony.requestsOf('hangup').at(-1)?.reason, 'timeout');
  });

  test('the caller hanging up while the target rings puts the target back to Ready', () => {
    const { h, c } = talking();
    h.ready('b1');
    unwrap(h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'b1' }));
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('b1'), 'Ready');
    assert.deepEqual(h.telephony.ringingFor(c), []);
    assert.equal(h.record(c).outcome, 'transferred');
  });

  test('transferring to an agent who is not Ready is refused and changes nothing', () => {
    const { h } = talking();
    unwrap(h.engine.login('b1', null, 'break'));
    h.refused('transition_not_allowed', () =>
      h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'b1' }),
    );
    h.refused('unknown_agent', () => h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'nobody' }));
    h.refused('unknown_queue', () => h.engine.commands.transfer('a1', { kind: 'queue', queueId: 'nowhere' }));
    h.refused('invalid_argument', () => h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'a1' }));
  });
});

describe('blind transfer to an external number', () => {
  test('the customer is redirected, the agent wraps up and the contact ends transferred when that call ends', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.transfer('a1', { kind: 'external', number: '+15559999' }));
    assert.deepEqual(h.telephony.requestsOf('redirect'), [
      { kind: 'redirect', contactId: c, target: { kind: 'external', number: '+15559999' } },
    ]);
    assert.equal(h.show('a1'), 'Wrapup');
    assert.equal(h.phase(c), 'connected');
    h.advance(5000);
    assert.equal(h.show('a1'), 'Ready');
    h.advance(60_000);
    h.telephony.sink.customerHangup(c);
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.agentId, record.talkMs], ['transferred', 'a1', 20_000]);
    const transferred = h.log('A', c).find((e) => e.type === 'transferred');
    assert.equal(transferred?.type === 'transferred' && transferred.target, 'external:+15559999');
  });
});
