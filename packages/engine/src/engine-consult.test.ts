import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

/** a1 (queue A, wrap-up 5 s) has talked 10 s with a customer; b1 (no queue) is Ready to be consulted. */
function talking() {
  const h = new Harness({
    queues: [queueConfig('A', { wrapupMs: 5000 })],
    agents: ['a1', 'b1'],
    members: [['a1', 'A']],
  });
  h.ready('a1', 'b1');
  const c = h.call('A');
  h.telephony.answer(c, 'a1');
  h.advance(10_000);
  return { h, c };
}

/** a1 consults b1, who answers after 2 s. */
function consulting() {
  const { h, c } = talking();
  unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
  h.advance(2000);
  h.engine.consultAnswered(c);
  return { h, c };
}

describe('consultation', () => {
  test('starting a consultation holds the customer and rings the consulted agent', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
    const contact = h.engine.contact(c)!;
    assert.equal(contact.onHold, true);
    assert.deepEqual(contact.consult?.target, { kind: 'agent', agentId: 'b1' });
    assert.deepEqual(h.telephony.requestsOf('consult'), [
      {
        kind: 'consult',
        contactId: c,
        agentId: 'a1',
        target: { kind: 'agent', agentId: 'b1', extension: 'ext-b1' },
      },
    ]);
    assert.deepEqual([h.show('a1'), h.show('b1')], ['OnCall', 'Ringing']);
    assert.equal(h.state('a1').onHold, true, "the handler's state shows the customer held");
    h.engine.consultAnswered(c);
    assert.equal(h.show('b1'), 'OnCall');
  });

  test('cancel ends the consultation and keeps the customer held until resumed', () => {
    const { h, c } = consulting();
    h.advance(3000);
    unwrap(h.engine.commands.cancelConsult('a1'));
    assert.equal(h.show('b1'), 'Ready');
    assert.equal(h.engine.contact(c)?.onHold, true);
    assert.equal(h.engine.contact(c)?.consult, null);
    h.advance(1000);
    unwrap(h.engine.commands.resume('a1'));
    assert.equal(h.engine.contact(c)?.onHold, false);
    h.advance(4000);
    h.telephony.sink.customerHangup(c);
    h.advance(5000);
    const record = h.record(c);
    assert.deepEqual([record.talkMs, record.holdMs], [14_000, 6000], 'the consultation is hold time');
    assert.deepEqual(record.agents, ['a1']);
  });

  test('retrieve ends the consultation and brings the customer back at once', () => {
    const { h, c } = consulting();
    unwrap(h.engine.commands.retrieveConsult('a1'));
    assert.equal(h.show('b1'), 'Ready');
    assert.equal(h.engine.contact(c)?.onHold, false);
    assert.equal(h.state('a1').onHold, false);
    assert.deepEqual(
      h.telephony.requests.slice(-2).map((r) => r.kind),
      ['endConsult', 'resume'],
    );
  });

  test('complete as a transfer: the consulting agent leaves and the consulted agent handles the customer', () => {
    const { h, c } = consulting();
    h.advance(3000);
    unwrap(h.engine.commands.completeConsultTransfer('a1'));
    assert.deepEqual([h.show('a1'), h.show('b1')], ['Wrapup', 'OnCall']);
    assert.equal(h.engine.contact(c)?.agentId, 'b1');
    assert.equal(h.engine.contact(c)?.onHold, false);
    const transferred = h.log('A', c).at(-1);
    assert.ok(transferred?.type === 'transferred');
    assert.deepEqual([transferred.target, transferred.talkMs], ['agent:b1', 10_000]);
    h.advance(20_000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('b1'), 'Wrapup');
    h.advance(5000);
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.agentId], ['answered', 'b1']);
    assert.deepEqual(record.agents, ['a1', 'b1']);
    assert.deepEqual([record.talkMs, record.holdMs], [30_000, 5000]);
  });

  test('complete as a transfer before the consulted agent answers: it handles the customer once it answers', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
    unwrap(h.engine.commands.completeConsultTransfer('a1'));
    assert.deepEqual([h.show('a1'), h.show('b1')], ['Wrapup', 'Ringing']);
    h.engine.consultAnswered(c);
    assert.equal(h.show('b1'), 'OnCall');
    assert.equal(h.engine.contact(c)?.agentId, 'b1');
    h.telephony.sink.customerHangup(c);
    h.advance(5000);
    assert.deepEqual(h.record(c).agents, ['a1', 'b1']);
  });

  test('complete as a conference: all three talk; the host leaving hands the customer to the other agent', () => {
    const { h, c } = consulting();
    unwrap(h.engine.commands.completeConsultConference('a1'));
    assert.equal(h.engine.contact(c)?.conference, true);
    assert.equal(h.engine.contact(c)?.onHold, false);
    assert.deepEqual(h.telephony.requests.at(-1), { kind: 'conference', contactId: c });
    h.advance(6000);
    unwrap(h.engine.commands.hangup('a1'));
    assert.deepEqual([h.show('a1'), h.show('b1')], ['Wrapup', 'OnCall']);
    assert.equal(h.engine.contact(c)?.agentId, 'b1');
    h.advance(4000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('b1'), 'Wrapup');
    h.advance(5000);
    const record = h.record(c);
    assert.deepEqual(record.agents, ['a1', 'b1']);
    assert.deepEqual([record.talkMs, record.holdMs], [20_000, 2000]);
    const completed = h.log('A', c).filter((e) => e.type === 'completed');
    assert.deepEqual(
      completed.map((e) => e.type === 'completed' && [e.agentId, e.talkMs]),
      [
        ['a1', 16_000],
        ['b1', 4000],
      ],
    );
  });

  test('a consultation of an external number completed as a transfer ends transferred', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.startConsult('a1', { kind: 'external', number: '+15557777' }));
    h.engine.consultAnswered(c);
    unwrap(h.engine.commands.completeConsultTransfer('a1'));
    assert.equal(h.engine.contact(c)?.agentId, null);
    h.advance(5000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.record(c).outcome, 'transferred');
  });

  test('the caller hanging up during a consultation releases the consulted agent too', () => {
    const { h, c } = consulting();
    h.telephony.sink.customerHangup(c);
    assert.deepEqual([h.show('a1'), h.show('b1')], ['Wrapup', 'Ready']);
    h.advance(5000);
    assert.equal(h.record(c).outcome, 'answered');
  });

  test('the caller hanging up while the consulted agent still rings withdraws that offer', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('b1'), 'Ready');
  });

  test('a consulted party that fails or hangs up ends only the consultation; the customer stays held', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
    h.engine.consultFailed(c, 'busy');
    assert.equal(h.show('b1'), 'Ready');
    assert.equal(h.engine.contact(c)?.consult, null);
    assert.equal(h.engine.contact(c)?.onHold, true);
    unwrap(h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }));
    h.engine.consultAnswered(c);
    unwrap(h.engine.commands.hangup('b1'));
    assert.deepEqual([h.show('a1'), h.show('b1')], ['OnCall', 'Ready']);
    assert.equal(h.phase(c), 'connected');
    assert.equal(h.engine.contact(c)?.consult, null);
  });

  test('consultation commands in the wrong condition are refused and change nothing', () => {
    const { h } = talking();
    h.refused('conflict', () => h.engine.commands.cancelConsult('a1'));
    h.refused('conflict', () => h.engine.commands.completeConsultTransfer('a1'));
    h.refused('invalid_argument', () =>
      h.engine.commands.startConsult('a1', { kind: 'queue', queueId: 'A' }),
    );
    h.refused('no_call', () => h.engine.commands.startConsult('b1', { kind: 'agent', agentId: 'a1' }));
    unwrap(h.engine.pause('b1', 'break'));
    h.refused('transition_not_allowed', () =>
      h.engine.commands.startConsult('a1', { kind: 'agent', agentId: 'b1' }),
    );
    unwrap(h.engine.commands.startConsult('a1', { kind: 'external', number: '+15557777' }));
    h.refused('conflict', () => h.engine.commands.completeConsultConference('a1'));
    h.refused('conflict', () => h.engine.commands.transfer('a1', { kind: 'queue', queueId: 'A' }));
  });
});
