import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { holdCustomer } from './call-control.ts';
import type { Target } from './contact.ts';
import {
  assertRefused,
  changeOf,
  conferenced,
  connected,
  consulting,
  eventTypes,
  must,
  T0,
} from './contact-fixtures.ts';
import { agentHangup, customerHangup } from './hangup.ts';
import { connectContact, offerContact } from './queueing.ts';
import { answerLeg, endLeg } from './third-party.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 30_000;
const transfer = (target: Target) => blindTransfer(connected(), { target, at });

describe('blind transfer to a queue', () => {
  test('the contact waits again in that queue: queued, new queuedAt, no agent, agent leg ended as transferring', () => {
    const result = transfer({ kind: 'queue', queueId: 'support' });
    const contact = must(result);
    assert.equal(contact.phase, 'queued');
    assert.equal(contact.queueId, 'support');
    assert.equal(contact.queuedAt, at);
    assert.equal(contact.agentId, null);
    assert.equal(contact.offeredTo, null);
    assert.equal(contact.connectedAt, null);
    assert.deepEqual(
      contact.legs.map((leg) => [leg.role, leg.state]),
      [
        ['caller', 'up'],
        ['transferring', 'ended'],
      ],
    );
    assert.deepEqual(eventTypes(result), [
      'transferred',
      'legRoleChanged',
      'legStateChanged',
      'agentChanged',
      'queueChanged',
      'phaseChanged',
    ]);
  });

  test('a held customer transferred to a queue is taken off hold', () => {
    const held = must(holdCustomer(connected(), { at: T0 + 4000 }));
    const contact = must(blindTransfer(held, { target: { kind: 'queue', queueId: 'support' }, at }));
    assert.equal(contact.onHold, false);
    assert.equal(contact.legs[0]?.state, 'up');
  });

  test('the requeued contact is offered and connected to the next agent like any other', () => {
    const back = must(transfer({ kind: 'queue', queueId: 'support' }));
    const ringing = must(offerContact(back, { agentId: 'bob', at: at + 1000 }));
    const talking = must(connectContact(ringing, { at: at + 2000 }));
    assert.equal(talking.agentId, 'bob');
    assert.equal(talking.connectedAt, at + 2000);
  });
});

describe('blind transfer to a party', () => {
  test('to an agent: a transferred-to leg rings, the agent leaves, nobody of ours handles it until the target answers', () => {
    const result = transfer({ kind: 'agent', agentId: 'bob' });
    const contact = must(result);
    assert.equal(contact.phase, 'connected');
    assert.equal(contact.agentId, null);
    assert.deepEqual(
      contact.legs.map((leg) => [leg.role, leg.state, leg.party]),
      [
        ['caller', 'up', { kind: 'customer', number: '+33123456789' }],
        ['transferring', 'ended', { kind: 'agent', agentId: 'alice' }],
        ['transferred-to', 'ringing', { kind: 'agent', agentId: 'bob' }],
      ],
    );
    const event = changeOf(result).events[0];
    assert.deepEqual(event, {
      type: 'transferred',
      contactId: 'c1',
      at,
      target: { kind: 'agent', agentId: 'bob' },
      byAgentId: 'alice',
      mode: 'blind',
      toLegId: 'c1.L3',
    });
  });

  test('the target agent answering becomes the handling agent and wraps up at the end', () => {
    const ringing = must(transfer({ kind: 'agent', agentId: 'bob' }));
    const answered = must(answerLeg(ringing, { legId: 'c1.L3', at: at + 1000 }));
    assert.equal(answered.agentId, 'bob');
    const ended = must(agentHangup(answered, { at: at + 5000, wrapup: true }));
    assert.equal(ended.phase, 'wrapup');
    assert.equal(ended.agentId, 'bob');
  });

  test('to an extension or external number the contact stays connected with no agent of ours', () => {
    for (const target of [
      { kind: 'extension', extension: '2001' },
      { kind: 'external', number: '+4420999' },
    ] as const) {
      const contact = must(transfer(target));
      assert.equal(contact.phase, 'connected');
      assert.equal(contact.agentId, null);
      assert.equal(contact.legs[2]?.role, 'transferred-to');
    }
  });

  test('an external target that answers and later hangs up ends the contact as transferred', () => {
    const away = must(transfer({ kind: 'external', number: '0600' }));
    const talking = must(answerLeg(away, { legId: 'c1.L3', at: at + 1000 }));
    assert.equal(talking.agentId, null);
    const ended = must(endLeg(talking, { legId: 'c1.L3', at: at + 9000 }));
    assert.equal(ended.phase, 'done');
    assert.equal(ended.outcome, 'transferred');
  });

  test('a transfer target that never answers ends the contact as failed', () => {
    const away = must(transfer({ kind: 'extension', extension: '2001' }));
    const ended = must(endLeg(away, { legId: 'c1.L3', at: at + 20_000 }));
    assert.equal(ended.outcome, 'failed');
    assert.ok(ended.legs.every((leg) => leg.state === 'ended'));
  });

  test('the customer hanging up while the target rings ends it as transferred', () => {
    const away = must(transfer({ kind: 'agent', agentId: 'bob' }));
    assert.equal(must(customerHangup(away, { at: at + 1000, wrapup: true })).outcome, 'transferred');
  });
});

describe('blind transfer refusals', () => {
  test('a transfer during a consultation is a conflict', () => {
    assertRefused(
      consulting(),
      (c) => blindTransfer(c, { target: { kind: 'queue', queueId: 'q' }, at }),
      'conflict',
    );
  });

  test('a transfer in a conference is a conflict', () => {
    assertRefused(
      conferenced(),
      (c) => blindTransfer(c, { target: { kind: 'queue', queueId: 'q' }, at }),
      'conflict',
    );
  });

  test('a transfer with nobody of ours talking is no_call', () => {
    const away = must(transfer({ kind: 'agent', agentId: 'bob' }));
    assertRefused(
      away,
      (c) => blindTransfer(c, { target: { kind: 'queue', queueId: 'q' }, at: at + 1 }),
      'no_call',
    );
  });

  test('a transfer to the handling agent or to a malformed target is invalid', () => {
    const targets = [
      { kind: 'agent', agentId: 'alice' },
      { kind: 'agent', agentId: '' },
      { kind: 'queue', queueId: '' },
      { kind: 'extension', extension: 'has space' },
      { kind: 'external', number: 'call-me' },
      { kind: 'voicemail' },
    ] as unknown as Target[];
    for (const target of targets) {
      assertRefused(connected(), (c) => blindTransfer(c, { target, at }), 'invalid_argument');
    }
  });
});
