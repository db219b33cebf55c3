import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

describe('skills routing', () => {
  test('a contact waits until a relaxation step widens eligibility, then the relaxation timer offers it', () => {
    const h = new Harness({
      queues: [
        queueConfig('tech', {
          requirements: [{ skill: 'linux', minLevel: 5 }],
          maxPenalty: 0,
          relaxation: [{ afterMs: 30_000, maxPenalty: 1, minLevelDrop: 2 }],
        }),
      ],
      agents: [
        { id: 'junior', name: 'Junior', skills: { linux: 3 } },
        { id: 'senior', name: 'Senior', skills: { linux: 5 } },
        { id: 'novice', name: 'Novice', skills: { linux: 2 } },
      ],
      members: [
        ['junior', 'tech', 0],
        ['senior', 'tech', 1],
        ['novice', 'tech', 0],
      ],
    });
    h.ready('junior', 'senior', 'novice');
    const c = h.call('tech');
    assert.equal(h.phase(c), 'queued', 'junior lacks the level, senior is above the penalty cap');
    h.advance(29_999);
    assert.equal(h.phase(c), 'queued');
    assert.deepEqual(h.telephony.requestsOf('offer'), []);
    h.advance(1);
    assert.equal(h.phase(c), 'offered', 'offered at the step, with nothing else happening');
    assert.equal(h.state('junior').contactId, c, 'both now eligible: the lower penalty tier goes first');
    assert.equal(h.show('novice'), 'Ready', 'level 2 is still below 5 − 2');
    h.telephony.answer(c, 'junior');
    const connected = h.log('tech', c).at(-1);
    assert.equal(connected?.type === 'connected' && connected.waitMs, 30_000);
  });

  test('each waiting contact relaxes on its own clock, counted from when it entered', () => {
    const h = new Harness({
      queues: [queueConfig('tech', { maxPenalty: 0, relaxation: [{ afterMs: 10_000, maxPenalty: 1 }] })],
      agents: ['backup'],
      members: [['backup', 'tech', 1]],
    });
    h.ready('backup');
    const first = h.call('tech');
    h.advance(4000);
    const second = h.call('tech');
    h.advance(6000);
    assert.equal(h.state('backup').contactId, first, 'first reached its step at 10 s');
    h.telephony.answer(first, 'backup');
    h.telephony.sink.customerHangup(first);
    h.flush();
    assert.equal(h.show('backup'), 'Ready', 'second has waited only 6 s');
    h.advance(3999);
    assert.equal(h.phase(second), 'queued');
    h.advance(1);
    assert.equal(h.state('backup').contactId, second);
  });
});

describe('priority across queues', () => {
  test('an agent in two queues takes contacts by priority first, then by longest wait', () => {
    const h = new Harness({
      queues: [queueConfig('gold'), queueConfig('basic')],
      agents: ['a1'],
      members: [
        ['a1', 'gold'],
        ['a1', 'basic'],
      ],
      dialPlan: [
        { number: 'gold-vip', destination: { kind: 'queue', queueId: 'gold' }, priority: 5 },
        { number: 'gold', destination: { kind: 'queue', queueId: 'gold' } },
        { number: 'basic', destination: { kind: 'queue', queueId: 'basic' } },
      ],
    });
    const basicOld = h.call('basic');
    h.advance(5000);
    const goldStd = h.call('gold');
    h.advance(5000);
    const vip = h.call('gold-vip');
    h.advance(5000);
    const order: string[] = [];
    h.ready('a1');
    for (let i = 0; i < 3; i++) {
      const c = h.state('a1').contactId!;
      order.push(c);
      h.telephony.answer(c, 'a1');
      h.telephony.sink.customerHangup(c);
      h.flush();
    }
    assert.deepEqual(order, [vip, basicOld, goldStd]);
    assert.equal(h.record(vip).waitMs, 5001);
    assert.deepEqual([h.snapshot('gold').answered, h.snapshot('basic').answered], [2, 1]);
  });

  test('a caller priority given with the call outranks the dial plan default', () => {
    const h = new Harness({ queues: [queueConfig('q')], agents: ['a1'], members: [['a1', 'q']] });
    h.call('q');
    const urgent = h.call('q', { priority: 9 });
    h.ready('a1');
    assert.equal(h.state('a1').contactId, urgent);
  });
});

describe('ring-all', () => {
  function ringAll() {
    const h = new Harness({
      queues: [queueConfig('q', { strategy: 'ring-all', ringTimeoutMs: 10_000, maxPenalty: 1 })],
      agents: ['a1', 'a2', 'a3', 'a4'],
      members: [
        ['a1', 'q'],
        ['a2', 'q'],
        ['a3', 'q'],
        ['a4', 'q', 1],
      ],
    });
    h.ready('a1', 'a2', 'a3', 'a4');
    unwrap(h.engine.pause('a3', 'break'));
    return h;
  }

  test('every eligible Ready agent rings; the first to answer gets it and the others go back to Ready', () => {
    const h = ringAll();
    const c = h.call('q');
    assert.deepEqual(
      h.telephony.ringingFor(c),
      ['a1', 'a2'],
      'the paused agent and the higher tier do not ring',
    );
    assert.deepEqual(
      [h.show('a1'), h.show('a2'), h.show('a3'), h.show('a4')],
      ['Ringing', 'Ringing', 'Paused(break)', 'Ready'],
    );
    assert.deepEqual(
      h.log('q', c).map((e) => (e.type === 'offered' ? e.agentId : e.type)),
      ['entered', 'a1', 'a2'],
    );
    h.advance(2000);
    h.telephony.answer(c, 'a2');
    assert.deepEqual([h.show('a1'), h.show('a2')], ['Ready', 'OnCall']);
    assert.deepEqual(h.telephony.ringingFor(c), []);
    assert.equal(h.engine.contact(c)?.agentId, 'a2');
    h.advance(10_000);
    assert.equal(h.show('a2'), 'OnCall', 'the ring timeout no longer runs once answered');
    h.telephony.sink.customerHangup(c);
    assert.deepEqual([h.record(c).agentId, h.record(c).waitMs], ['a2', 2000]);
    assert.deepEqual([h.agentStats('a1').offered, h.agentStats('a1').callsAnswered], [1, 0]);
    assert.deepEqual([h.agentStats('a2').offered, h.agentStats('a2').callsAnswered], [1, 1]);
  });

  test('a late answer from a withdrawn ring-all agent is refused and its leg released', () => {
    const h = ringAll();
    const c = h.call('q');
    h.telephony.answer(c, 'a1');
    h.telephony.sink.agentAnswered(c, 'a2');
    assert.deepEqual([h.show('a1'), h.show('a2')], ['OnCall', 'Ready']);
    assert.deepEqual(h.telephony.requestsOf('cancelOffer').at(-1), {
      kind: 'cancelOffer',
      contactId: c,
      agentId: 'a2',
    });
  });

  test('one agent rejecting leaves the others ringing until the ring timeout pauses them', () => {
    const h = ringAll();
    const c = h.call('q');
    h.advance(3000);
    h.telephony.sink.agentRejected(c, 'a1');
    assert.deepEqual([h.show('a1'), h.show('a2')], ['Ready', 'Ringing']);
    assert.equal(h.phase(c), 'offered');
    const contact = h.engine.contact(c)!;
    assert.equal(contact.offeredTo, 'a2', "the contact's offer moved to the phone still ringing");
    const a1Legs = contact.legs.filter((l) => l.party.kind === 'agent' && l.party.agentId === 'a1');
    assert.ok(
      a1Legs.every((l) => l.state === 'ended'),
      'a1 has no live leg on the contact any more',
    );
    h.advance(7000);
    assert.equal(h.show('a2'), 'Paused(no_answer)');
    assert.equal(h.phase(c), 'offered', 'back in the queue and offered again to a1, who is Ready');
    assert.deepEqual(h.telephony.ringingFor(c), ['a1']);
  });

  test('a ring-all offer nobody answers pauses every ringing agent', () => {
    const h = ringAll();
    const c = h.call('q');
    h.advance(10_000);
    assert.deepEqual([h.show('a1'), h.show('a2')], ['Paused(no_answer)', 'Paused(no_answer)']);
    assert.deepEqual(h.telephony.ringingFor(c), ['a4'], 'now the next tier is the lowest eligible one');
    assert.equal(h.snapshot('q').ringNoAnswers, 2);
  });
});
