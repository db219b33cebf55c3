import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertRefused,
  changeOf,
  connected,
  eventTypes,
  must,
  newInbound,
  offered,
  outboundDialing,
  queued,
  T0,
} from './contact-fixtures.ts';
import { customerHangup } from './hangup.ts';
import { connectContact, enqueueContact, offerContact, withdrawOffer } from './queueing.ts';
import { blindTransfer } from './transfer.ts';

describe('enqueue', () => {
  test('enqueue puts the contact in the queue and starts its wait', () => {
    const result = enqueueContact(newInbound(), { queueId: 'sales', at: T0 + 1000 });
    const contact = must(result);
    assert.equal(contact.phase, 'queued');
    assert.equal(contact.queueId, 'sales');
    assert.equal(contact.queuedAt, T0 + 1000);
    assert.equal(contact.updatedAt, T0 + 1000);
    assert.deepEqual(changeOf(result).events[0], {
      type: 'queueChanged',
      contactId: 'c1',
      at: T0 + 1000,
      from: null,
      to: 'sales',
    });
  });

  test('enqueue into another queue while waiting moves it there with a new wait', () => {
    const contact = must(enqueueContact(queued(), { queueId: 'support', at: T0 + 5000 }));
    assert.equal(contact.queueId, 'support');
    assert.equal(contact.queuedAt, T0 + 5000);
  });

  test('enqueue into the queue it already waits in is a conflict', () => {
    assertRefused(queued(), (c) => enqueueContact(c, { queueId: 'sales', at: T0 + 5000 }), 'conflict');
  });

  test('enqueue with an empty queue id is invalid', () => {
    assertRefused(newInbound(), (c) => enqueueContact(c, { queueId: '', at: T0 + 5000 }), 'invalid_argument');
  });

  test('a time earlier than the last change is refused', () => {
    assertRefused(queued(), (c) => enqueueContact(c, { queueId: 'other', at: T0 + 999 }), 'invalid_argument');
    assertRefused(
      queued(),
      (c) => enqueueContact(c, { queueId: 'other', at: Number.POSITIVE_INFINITY }),
      'invalid_argument',
    );
  });
});

describe('offer', () => {
  test('an offer rings an agent leg and moves to offered', () => {
    const result = offerContact(queued(), { agentId: 'alice', at: T0 + 2000 });
    const contact = must(result);
    assert.equal(contact.phase, 'offered');
    assert.equal(contact.offeredTo, 'alice');
    assert.equal(contact.offeredAt, T0 + 2000);
    assert.equal(contact.agentId, null);
    assert.deepEqual(contact.legs[1], {
      id: 'c1.L2',
      role: 'agent',
      party: { kind: 'agent', agentId: 'alice' },
      state: 'ringing',
      muted: false,
      startedAt: T0 + 2000,
      endedAt: null,
    });
    assert.deepEqual(eventTypes(result), ['legAdded', 'phaseChanged']);
  });

  test('an offer needs an agent id', () => {
    assertRefused(queued(), (c) => offerContact(c, { agentId: '', at: T0 + 2000 }), 'invalid_argument');
  });

  test('a withdrawn offer goes back to queued with the same queuedAt, ending the ringing leg', () => {
    const result = withdrawOffer(offered(), { reason: 'no_answer', at: T0 + 20_000 });
    const contact = must(result);
    assert.equal(contact.phase, 'queued');
    assert.equal(contact.queuedAt, T0 + 1000);
    assert.equal(contact.queueId, 'sales');
    assert.equal(contact.offeredTo, null);
    assert.equal(contact.offeredAt, null);
    assert.equal(contact.legs[1]?.state, 'ended');
    assert.equal(contact.legs[1]?.endedAt, T0 + 20_000);
    assert.deepEqual(eventTypes(result), ['offerWithdrawn', 'legStateChanged', 'phaseChanged']);
    const withdrawn = changeOf(result).events[0];
    assert.equal(withdrawn?.type === 'offerWithdrawn' && withdrawn.reason, 'no_answer');
  });

  test('a re-offer after a withdraw rings a new leg', () => {
    const back = must(withdrawOffer(offered(), { reason: 'withdrawn', at: T0 + 20_000 }));
    const again = must(offerContact(back, { agentId: 'bob', at: T0 + 21_000 }));
    assert.equal(again.legs.length, 3);
    assert.equal(again.legs[2]?.state, 'ringing');
    assert.equal(again.offeredTo, 'bob');
  });

  test('a withdraw reason other than withdrawn or no_answer is invalid', () => {
    assertRefused(
      offered(),
      (c) => withdrawOffer(c, { reason: 'bored' as 'withdrawn', at: T0 + 9000 }),
      'invalid_argument',
    );
  });

  test('an outbound contact cannot be withdrawn back to a queue', () => {
    assertRefused(
      outboundDialing(),
      (c) => withdrawOffer(c, { reason: 'withdrawn', at: T0 + 1 }),
      'conflict',
    );
  });
});

describe('connect', () => {
  test('connect puts the offered agent on the call: leg up, agentId set, connectedAt', () => {
    const result = connectContact(offered(), { at: T0 + 3000 });
    const contact = must(result);
    assert.equal(contact.phase, 'connected');
    assert.equal(contact.agentId, 'alice');
    assert.equal(contact.connectedAt, T0 + 3000);
    assert.equal(contact.legs[1]?.state, 'up');
    assert.deepEqual(eventTypes(result), ['legStateChanged', 'agentChanged', 'phaseChanged']);
  });

  test('an answer by an agent the contact is not offered to is a conflict', () => {
    assertRefused(offered(), (c) => connectContact(c, { at: T0 + 3000, agentId: 'mallory' }), 'conflict');
  });

  test('an answer naming the offered agent connects', () => {
    assert.equal(must(connectContact(offered(), { at: T0 + 3000, agentId: 'alice' })).agentId, 'alice');
  });

  test('outbound, connect is the customer answering: their leg goes up', () => {
    const contact = must(connectContact(outboundDialing(), { at: T0 + 8000 }));
    assert.equal(contact.phase, 'connected');
    assert.equal(contact.legs[0]?.state, 'up');
    assert.equal(contact.agentId, 'alice');
  });

  test('connecting a connected contact is a conflict', () => {
    assertRefused(connected(), (c) => connectContact(c, { at: T0 + 9000 }), 'conflict');
  });

  test('an outbound contact transferred to a queue is offered, withdrawn and connected like an inbound one', () => {
    const talking = must(connectContact(outboundDialing(), { at: T0 + 8000 }));
    const back = must(
      blindTransfer(talking, { target: { kind: 'queue', queueId: 'support' }, at: T0 + 9000 }),
    );
    const ringing = must(offerContact(back, { agentId: 'bob', at: T0 + 10_000 }));
    const requeued = must(withdrawOffer(ringing, { reason: 'no_answer', at: T0 + 11_000 }));
    assert.equal(requeued.queuedAt, T0 + 9000);
    const again = must(offerContact(requeued, { agentId: 'carol', at: T0 + 12_000 }));
    const answered = must(connectContact(again, { at: T0 + 13_000 }));
    assert.equal(answered.agentId, 'carol');
    assert.equal(answered.legs.at(-1)?.state, 'up');
    assert.equal(must(customerHangup(requeued, { at: T0 + 14_000, wrapup: true })).outcome, 'abandoned');
  });
});
