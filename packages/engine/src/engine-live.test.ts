import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PAUSE_REASONS, unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

function center() {
  return new Harness({
    queues: [queueConfig('sales', { wrapupMs: 5000 })],
    agents: ['a1', 'a2'],
    members: [
      ['a1', 'sales'],
      ['a2', 'sales'],
    ],
  });
}

describe('the desktop answer and reject buttons', () => {
  test('answer picks the ringing phone up through the switch', () => {
    const h = center();
    h.ready('a1');
    const c = h.call('sales');
    unwrap(h.engine.commands.offers.answer('a1'));
    assert.equal(h.show('a1'), 'OnCall');
    assert.equal(h.phase(c), 'connected');
    assert.deepEqual(
      h.telephony.requestsOf('answer').map((r) => r.agentId),
      ['a1'],
    );
  });

  test('reject sends the contact back to the head of its queue and to the next agent', () => {
    const h = center();
    h.ready('a1', 'a2');
    const c = h.call('sales');
    const first = h.telephony.ringingFor(c)[0]!;
    unwrap(h.engine.commands.offers.reject(first));
    h.flush();
    const other = first === 'a1' ? 'a2' : 'a1';
    assert.deepEqual(h.telephony.ringingFor(c), [other]);
  });

  test('answer or reject without an offer is refused and changes nothing', () => {
    const h = center();
    h.ready('a1');
    h.refused('transition_not_allowed', () => h.engine.commands.offers.answer('a1'));
    h.refused('transition_not_allowed', () => h.engine.commands.offers.reject('a1'));
    h.refused('unknown_agent', () => h.engine.commands.offers.answer('nobody'));
  });
});

describe('live configuration', () => {
  test('a new agent, queue, membership and dial-plan number take calls at once', () => {
    const h = center();
    unwrap(h.engine.addAgent({ id: 'a9', name: 'New' }));
    unwrap(h.engine.upsertQueue(queueConfig('care')));
    unwrap(h.engine.setMembership({ agentId: 'a9', queueId: 'care', penalty: 0 }));
    unwrap(h.engine.setDialPlanEntry({ number: '5000', destination: { kind: 'queue', queueId: 'care' } }));
    h.ready('a9');
    const c = h.telephony.sink.inboundCall({ customerNumber: '+15550001', dialedNumber: '5000' });
    assert.ok(c !== null);
    h.flush();
    assert.deepEqual(h.telephony.ringingFor(c), ['a9']);
  });

  test('removals are refused while something depends on them', () => {
    const h = center();
    h.ready('a1');
    h.refused('conflict', () => h.engine.removeAgent('a1'));
    h.refused('conflict', () => h.engine.removeQueue('sales'));
    h.refused('unknown_number', () => h.engine.removeDialPlanEntry('0000'));
    h.refused('unknown_queue', () =>
      h.engine.setDialPlanEntry({ number: '7', destination: { kind: 'queue', queueId: 'nope' } }),
    );
  });

  test('a logged-out agent is removed with its memberships; new pause reasons apply to the next pause', () => {
    const h = center();
    unwrap(h.engine.removeAgent('a2'));
    assert.equal(h.engine.agentState('a2'), undefined);
    assert.equal(h.snapshot('sales').agents.logged, 0);
    unwrap(
      h.engine.setPauseReasons([
        ...DEFAULT_PAUSE_REASONS,
        { code: 'coaching', name: 'Coaching', category: 'break' },
      ]),
    );
    h.ready('a1');
    unwrap(h.engine.pause('a1', 'coaching'));
    assert.equal(h.show('a1'), 'Paused(coaching)');
  });
});

describe('a queue replaced live', () => {
  /** A call to sales answered by a1 after `waitMs`, then ended (no wrap-up: a1 is Ready again). */
  function answeredAfter(h: Harness, waitMs: number): void {
    const c = h.call('sales');
    h.advance(waitMs);
    h.telephony.answer(c, 'a1');
    h.advance(1000);
    h.telephony.sink.customerHangup(c);
    h.flush();
    assert.equal(h.show('a1'), 'Ready');
  }

  test('a new service-level threshold judges the answers from the change on; earlier ones keep their judgement', () => {
    const sales = queueConfig('sales', { serviceLevelMs: 30_000, ringTimeoutMs: 60_000 });
    const h = new Harness({ queues: [sales], agents: ['a1'], members: [['a1', 'sales']] });
    h.ready('a1');
    answeredAfter(h, 25_000); // within the 30 s in force when it was answered
    unwrap(h.engine.upsertQueue({ ...sales, serviceLevelMs: 20_000 }));
    answeredAfter(h, 25_000); // beyond the new 20 s
    answeredAfter(h, 15_000); // within it
    const q = h.snapshot('sales');
    assert.equal(q.serviceLevelMs, 20_000);
    assert.equal(q.answered, 3);
    assert.equal(q.answeredWithinThreshold, 2);
    assert.equal(q.serviceLevel, 2 / 3);
  });

  test('replacing a queue with the same threshold keeps its figures and its routing', () => {
    const sales = queueConfig('sales', { ringTimeoutMs: 60_000 });
    const h = new Harness({ queues: [sales], agents: ['a1'], members: [['a1', 'sales']] });
    h.ready('a1');
    answeredAfter(h, 5_000);
    unwrap(h.engine.upsertQueue({ ...sales, name: 'Sales desk' }));
    const q = h.snapshot('sales');
    assert.equal(q.answered, 1);
    assert.equal(q.answeredWithinThreshold, 1);
    assert.equal(q.serviceLevelMs, sales.serviceLevelMs);
    answeredAfter(h, 5_000);
    assert.equal(h.snapshot('sales').answered, 2);
  });

  test('a replacement with a bad threshold is refused and keeps the old figures', () => {
    const sales = queueConfig('sales', { ringTimeoutMs: 60_000 });
    const h = new Harness({ queues: [sales], agents: ['a1'], members: [['a1', 'sales']] });
    h.ready('a1');
    answeredAfter(h, 5_000);
    h.refused('invalid_argument', () => h.engine.upsertQueue({ ...sales, serviceLevelMs: -1 }));
    assert.equal(h.snapshot('sales').serviceLevelMs, sales.serviceLevelMs);
  });
});

describe('graceful stop', () => {
  test('every live contact gets one record and no timer is left', () => {
    const h = center();
    h.ready('a1');
    const talking = h.call('sales');
    h.telephony.answer(talking, 'a1');
    const waiting = h.call('sales');
    h.engine.shutdown();
    assert.equal(h.record(talking).outcome, 'interrupted');
    assert.equal(h.record(waiting).outcome, 'interrupted');
    assert.equal(h.engine.liveContacts, 0);
    assert.equal(h.clock.pending, 0);
  });

  test('a contact cut off in its queue closes its queue-log entry: the statistics leave nobody waiting', () => {
    const h = center();
    h.ready('a1');
    const talking = h.call('sales');
    h.clock.advanceBy(2000);
    h.telephony.answer(talking, 'a1');
    const waiting = h.call('sales');
    h.clock.advanceBy(7000);
    h.engine.shutdown();
    const lines = h.store.queueLog.filter((l) => l.type === 'interrupted');
    const line = (id: string) => {
      const l = lines.find((x) => x.contactId === id);
      return l === undefined ? undefined : [l.waitMs, 'agentId' in l ? l.agentId : null];
    };
    assert.equal(lines.length, 2);
    assert.deepEqual(line(talking), [2000, 'a1'], 'the wait of its answer, and who answered');
    assert.deepEqual(line(waiting), [7000, null], 'its wait so far');
    const sales = h.snapshot('sales');
    assert.equal(sales.waiting, 0);
    assert.equal(sales.interruptedWaiting, 1);
    assert.equal(sales.interrupted, 2);
  });
});
