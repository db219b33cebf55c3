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
});
