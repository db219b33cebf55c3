import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig, T0 } from './test-support/engine-harness.ts';

function salesCenter(overrides: Parameters<typeof queueConfig>[1] = {}) {
  return new Harness({
    queues: [queueConfig('sales', { wrapupMs: 10_000, ...overrides })],
    agents: ['a1', 'a2', 'a3'],
    members: [
      ['a1', 'sales'],
      ['a2', 'sales'],
      ['a3', 'sales'],
    ],
  });
}

describe('an inbound call', () => {
  test('is offered to the longest-idle Ready agent, answered, talked, wrapped up, and recorded answered', () => {
    const h = salesCenter();
    h.ready('a3', 'a1', 'a2');
    const c = h.call('sales');
    assert.equal(h.show('a3'), 'Ringing', 'a3 has been idle longest');
    assert.equal(h.state('a3').contactId, c);
    assert.deepEqual([h.show('a1'), h.show('a2')], ['Ready', 'Ready']);
    assert.equal(h.phase(c), 'offered');
    assert.deepEqual(h.telephony.ringingFor(c), ['a3']);

    h.advance(4000);
    h.telephony.answer(c, 'a3');
    assert.equal(h.show('a3'), 'OnCall');
    assert.equal(h.phase(c), 'connected');

    h.advance(60_000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('a3'), 'Wrapup');
    assert.equal(h.state('a3').wrapupEndsAt, h.clock.now() + 10_000);
    assert.equal(h.phase(c), 'wrapup');
    assert.equal(h.store.contactRecords.length, 0, 'no record before the wrap-up ends');

    h.advance(9999);
    assert.equal(h.show('a3'), 'Wrapup');
    h.advance(1);
    assert.equal(h.show('a3'), 'Ready');
    assert.equal(h.phase(c), 'gone');

    const record = h.record(c);
    assert.equal(record.outcome, 'answered');
    assert.equal(record.direction, 'inbound');
    assert.equal(record.queueId, 'sales');
    assert.equal(record.agentId, 'a3');
    assert.deepEqual(record.agents, ['a3']);
    assert.deepEqual(
      [record.waitMs, record.talkMs, record.holdMs, record.wrapupMs],
      [4000, 60_000, 0, 10_000],
    );
    assert.equal(record.arrivedAt, T0 + 3);
    assert.equal(record.endedAt, T0 + 3 + 4000 + 60_000 + 10_000);

    assert.deepEqual(h.logTypes('sales', c), ['entered', 'offered', 'connected', 'completed', 'wrapupEnded']);
    const [, offered, connected, completed, wrapup] = h.log('sales', c);
    assert.deepEqual(offered, { type: 'offered', at: T0 + 3, contactId: c, queueId: 'sales', agentId: 'a3' });
    assert.equal(connected?.type === 'connected' && connected.waitMs, 4000);
    assert.ok(completed?.type === 'completed');
    assert.deepEqual([completed.talkMs, completed.holdMs, completed.endedBy], [60_000, 0, 'caller']);
    assert.equal(wrapup?.type === 'wrapupEnded' && wrapup.wrapupMs, 10_000);

    const q = h.snapshot('sales');
    assert.deepEqual(
      [q.entered, q.answered, q.answeredWithinThreshold, q.abandoned, q.completed, q.handled, q.waiting],
      [1, 1, 1, 0, 1, 1, 0],
    );
    assert.deepEqual([q.totalTalkMs, q.totalHoldMs, q.totalWrapupMs, q.asaMs], [60_000, 0, 10_000, 4000]);
    assert.equal(q.serviceLevel, 1);
    assert.equal(q.agents.available, 3);

    const s = h.agentStats('a3');
    assert.deepEqual([s.offered, s.callsAnswered, s.completed, s.ringNoAnswers], [1, 1, 1, 0]);
    assert.deepEqual([s.ringingMs, s.talkMs, s.wrapupMs], [4000, 60_000, 10_000]);
    assert.equal(h.agentStats('a1').offered, 0);
  });

  test('an agent hang-up ends the call the same way, logged as ended by the agent', () => {
    const h = salesCenter({ wrapupMs: 0 });
    h.ready('a1');
    const c = h.call('sales');
    h.telephony.answer(c, 'a1');
    h.advance(30_000);
    h.telephony.sink.agentHangup(c, 'a1');
    assert.equal(h.show('a1'), 'Ready', 'no wrap-up configured: straight back to Ready');
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.talkMs, record.wrapupMs], ['answered', 30_000, 0]);
    const completed = h.log('sales', c).find((e) => e.type === 'completed');
    assert.equal(completed?.type === 'completed' && completed.endedBy, 'agent');
    const wrapup = h.log('sales', c).at(-1);
    assert.deepEqual(
      wrapup?.type === 'wrapupEnded' && wrapup.wrapupMs,
      0,
      'a 0 ms wrap-up line still follows',
    );
  });
});

describe('ring-no-answer', () => {
  test('pauses the agent with no_answer and puts the contact back at the head, offered to the next agent', () => {
    const h = salesCenter();
    h.ready('a1');
    const c0 = h.call('sales');
    h.advance(1000);
    const c1 = h.call('sales');
    assert.equal(h.show('a1'), 'Ringing');
    assert.equal(h.phase(c1), 'queued');
    assert.equal(unwrap(h.engine.waitEstimate(c1)).position, 1, 'c1 is first while c0 rings');

    h.advance(14_000);
    assert.equal(h.show('a1'), 'Paused(no_answer)');
    assert.equal(h.phase(c0), 'queued');
    assert.deepEqual(h.telephony.ringingFor(c0), [], 'the ringing phone was cancelled');
    assert.deepEqual(h.telephony.requestsOf('cancelOffer').at(-1), {
      kind: 'cancelOffer',
      contactId: c0,
      agentId: 'a1',
    });
    assert.equal(unwrap(h.engine.waitEstimate(c0)).position, 1, 'c0 is back at the head');
    assert.equal(unwrap(h.engine.waitEstimate(c1)).position, 2);

    h.ready('a2');
    assert.equal(h.state('a2').contactId, c0, 'the next agent gets the contact that came back');
    assert.equal(h.phase(c1), 'queued');
    assert.deepEqual(h.logTypes('sales', c0), ['entered', 'offered', 'ringNoAnswer', 'offered']);
    const rna = h.log('sales', c0)[2];
    assert.equal(rna?.type === 'ringNoAnswer' && rna.agentId, 'a1');

    h.telephony.answer(c0, 'a2');
    const connected = h.log('sales', c0).at(-1);
    assert.equal(
      connected?.type === 'connected' && connected.waitMs,
      15_001,
      'the wait counts from entering',
    );
    const q = h.snapshot('sales');
    assert.deepEqual([q.offered, q.ringNoAnswers, q.answered, q.waiting], [2, 1, 1, 1]);
    assert.deepEqual([h.agentStats('a1').ringNoAnswers, h.agentStats('a1').offered], [1, 1]);
  });

  test('an agent who rejects the offer returns to Ready and the contact goes to another agent', () => {
    const h = salesCenter();
    h.ready('a1', 'a2');
    const c = h.call('sales');
    assert.equal(h.state('a1').contactId, c);
    h.telephony.sink.agentRejected(c, 'a1');
    assert.equal(h.state('a1').name, 'Ready');
    h.flush();
    assert.equal(h.state('a2').contactId, c);
    assert.deepEqual(h.logTypes('sales', c), ['entered', 'offered', 'offered']);
  });
});

describe('abandon', () => {
  test('a caller hanging up while queued ends the contact abandoned, with wait and position logged', () => {
    const h = salesCenter();
    const c1 = h.call('sales');
    const c2 = h.call('sales');
    h.advance(30_000);
    h.telephony.sink.customerHangup(c2);
    assert.equal(h.phase(c2), 'gone');
    const record = h.record(c2);
    assert.deepEqual(
      [record.outcome, record.waitMs, record.talkMs, record.agentId],
      ['abandoned', 30_000, 0, null],
    );
    assert.deepEqual(h.log('sales', c2).at(-1), {
      type: 'abandoned',
      at: T0 + 30_000,
      contactId: c2,
      queueId: 'sales',
      waitMs: 30_000,
      position: 2,
    });
    assert.equal(h.phase(c1), 'queued');
    const q = h.snapshot('sales');
    assert.deepEqual([q.entered, q.abandoned, q.abandonedAfterThreshold, q.waiting], [2, 1, 1, 1]);
    assert.equal(q.longestWaitMs, 30_000);
    assert.equal(q.abandonRate, 1);
  });

  test('a caller hanging up while ringing withdraws every offer and the agents go back to Ready', () => {
    const h = salesCenter({ strategy: 'ring-all' });
    h.ready('a1', 'a2');
    const c = h.call('sales');
    assert.deepEqual(h.telephony.ringingFor(c), ['a1', 'a2']);
    h.advance(5000);
    h.telephony.sink.customerHangup(c);
    assert.deepEqual([h.show('a1'), h.show('a2')], ['Ready', 'Ready']);
    assert.deepEqual(h.telephony.ringingFor(c), []);
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.waitMs], ['abandoned', 5000]);
    const last = h.log('sales', c).at(-1);
    assert.ok(last?.type === 'abandoned');
    assert.deepEqual([last.waitMs, last.position], [5000, 1]);
    assert.equal(h.snapshot('sales').abandonedWithinThreshold, 1);
    // The agents are offerable again at once.
    const next = h.call('sales');
    assert.deepEqual(h.telephony.ringingFor(next), ['a1', 'a2']);
  });
});
