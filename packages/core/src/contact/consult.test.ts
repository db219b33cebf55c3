import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { holdCustomer } from './call-control.ts';
import {
  cancelConsult,
  completeConsultConference,
  completeConsultTransfer,
  retrieveConsult,
  startConsult,
} from './consult.ts';
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
import { agentHangup } from './hangup.ts';
import { answerLeg, endLeg } from './third-party.ts';

const at = T0 + 20_000;
const roles = (legs: readonly { role: string; state: string }[]) =>
  legs.map((leg) => `${leg.role}:${leg.state}`);

describe('starting a consultation', () => {
  test('the customer is held, the agent consults, a consulted leg rings, and the consult is recorded', () => {
    const result = startConsult(connected(), { target: { kind: 'agent', agentId: 'bob' }, at });
    const contact = must(result);
    assert.equal(contact.onHold, true);
    assert.deepEqual(roles(contact.legs), ['caller:held', 'consulting:up', 'consulted:ringing']);
    assert.deepEqual(contact.consult, {
      target: { kind: 'agent', agentId: 'bob' },
      legId: 'c1.L3',
      byAgentId: 'alice',
      byLegId: 'c1.L2',
      startedAt: at,
    });
    assert.equal(eventTypes(result)[0], 'consultStarted');
  });

  test('a consultation may start with the customer already on hold', () => {
    const held = must(holdCustomer(connected(), { at: T0 + 5000 }));
    assert.equal(
      must(startConsult(held, { target: { kind: 'extension', extension: '2001' }, at })).onHold,
      true,
    );
  });

  test('a second consultation while one is in progress is a conflict', () => {
    assertRefused(
      consulting(),
      (c) => startConsult(c, { target: { kind: 'external', number: '0600' }, at }),
      'conflict',
    );
  });

  test('a consultation in a conference is a conflict', () => {
    assertRefused(
      conferenced(),
      (c) => startConsult(c, { target: { kind: 'external', number: '0600' }, at }),
      'conflict',
    );
  });

  test('a consultation to a queue, to oneself or to a malformed target is invalid', () => {
    for (const target of [
      { kind: 'queue', queueId: 'support' },
      { kind: 'agent', agentId: 'alice' },
      { kind: 'external', number: '' },
    ] as Target[]) {
      assertRefused(connected(), (c) => startConsult(c, { target, at }), 'invalid_argument');
    }
  });

  test('the consulted party answering puts its leg up', () => {
    assert.deepEqual(roles(consulting().legs), ['caller:held', 'consulting:up', 'consulted:up']);
  });
});

describe('ending a consultation', () => {
  test('cancel ends the consulted leg and keeps the customer held', () => {
    const result = cancelConsult(consulting(false), { at: at + 5000 });
    const contact = must(result);
    assert.equal(contact.consult, null);
    assert.equal(contact.onHold, true);
    assert.deepEqual(roles(contact.legs), ['caller:held', 'agent:up', 'consulted:ended']);
    const ended = changeOf(result).events[0];
    assert.equal(ended?.type === 'consultEnded' && ended.reason, 'cancelled');
  });

  test('retrieve ends the consulted leg and brings the customer back', () => {
    const contact = must(retrieveConsult(consulting(), { at: at + 5000 }));
    assert.equal(contact.consult, null);
    assert.equal(contact.onHold, false);
    assert.deepEqual(roles(contact.legs), ['caller:up', 'agent:up', 'consulted:ended']);
  });

  test('the consulted party hanging up ends the consultation with the customer still held', () => {
    const result = endLeg(consulting(), { legId: 'c1.L3', at: at + 5000 });
    const contact = must(result);
    assert.equal(contact.consult, null);
    assert.equal(contact.onHold, true);
    const ended = changeOf(result).events[0];
    assert.equal(ended?.type === 'consultEnded' && ended.reason, 'target_ended');
  });

  test('cancel, retrieve and complete with no consultation in progress are conflicts', () => {
    for (const operation of [
      cancelConsult,
      retrieveConsult,
      completeConsultTransfer,
      completeConsultConference,
    ]) {
      assertRefused(connected(), (c) => operation(c, { at }), 'conflict');
    }
  });
});

describe('completing a consultation', () => {
  test('as a transfer: the agent leaves and the customer is bridged with the consulted agent, who now handles it', () => {
    const result = completeConsultTransfer(consulting(), { at: at + 5000 });
    const contact = must(result);
    assert.equal(contact.consult, null);
    assert.equal(contact.onHold, false);
    assert.equal(contact.agentId, 'bob');
    assert.deepEqual(roles(contact.legs), ['caller:up', 'transferring:ended', 'transferred-to:up']);
    assert.deepEqual(eventTypes(result).slice(0, 2), ['consultEnded', 'transferred']);
  });

  test('as a transfer before the party answers: nobody of ours handles it until they do', () => {
    const contact = must(completeConsultTransfer(consulting(false), { at: at + 5000 }));
    assert.equal(contact.agentId, null);
    assert.equal(must(answerLeg(contact, { legId: 'c1.L3', at: at + 6000 })).agentId, 'bob');
  });

  test('as a conference: all legs up, conference on, agent hosts', () => {
    const result = completeConsultConference(consulting(), { at: at + 5000 });
    const contact = must(result);
    assert.equal(contact.conference, true);
    assert.equal(contact.onHold, false);
    assert.equal(contact.consult, null);
    assert.deepEqual(roles(contact.legs), ['caller:up', 'conference-host:up', 'conference:up']);
  });

  test('a conference with a consulted party that has not answered is a conflict', () => {
    assertRefused(consulting(false), (c) => completeConsultConference(c, { at: at + 5000 }), 'conflict');
  });
});

describe('in a conference', () => {
  test('the host hanging up leaves the customer with the other party, who becomes the handler', () => {
    const result = agentHangup(conferenced(), { at: at + 9000, wrapup: true });
    const contact = must(result);
    assert.equal(contact.phase, 'connected');
    assert.equal(contact.conference, false);
    assert.equal(contact.agentId, 'bob');
    assert.deepEqual(roles(contact.legs), ['caller:up', 'transferring:ended', 'transferred-to:up']);
    const transferred = changeOf(result).events[0];
    assert.equal(transferred?.type === 'transferred' && transferred.mode, 'conference_left');
  });

  test('the added party leaving returns to a two-party call', () => {
    const contact = must(endLeg(conferenced(), { legId: 'c1.L3', at: at + 9000 }));
    assert.equal(contact.conference, false);
    assert.deepEqual(roles(contact.legs), ['caller:up', 'agent:up', 'conference:ended']);
  });
});
