import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertRefused, conferenced, connected, consulting, must, offered, T0 } from './contact-fixtures.ts';
import { connectContact, offerContact, withdrawOffer } from './queueing.ts';
import { answerLeg, endLeg } from './third-party.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 30_000;

describe('third-party legs', () => {
  test("answerLeg and endLeg refuse the customer's leg and the handling agent's leg", () => {
    for (const legId of ['c1.L1', 'c1.L2']) {
      assertRefused(consulting(false), (c) => answerLeg(c, { legId, at }), 'invalid_argument');
      assertRefused(consulting(false), (c) => endLeg(c, { legId, at }), 'invalid_argument');
    }
  });

  test('an unknown leg is invalid', () => {
    assertRefused(consulting(), (c) => answerLeg(c, { legId: 'x', at }), 'invalid_argument');
    assertRefused(consulting(), (c) => endLeg(c, { legId: 'x', at }), 'invalid_argument');
  });

  test('answering a leg that already answered is a conflict', () => {
    assertRefused(consulting(), (c) => answerLeg(c, { legId: 'c1.L3', at }), 'conflict');
  });

  test('a leg that has ended cannot answer or end again: no_call', () => {
    const ended = must(endLeg(consulting(), { legId: 'c1.L3', at }));
    assert.equal(ended.legs[2]?.state, 'ended');
    assertRefused(ended, (c) => endLeg(c, { legId: 'c1.L3', at }), 'no_call');
    assertRefused(ended, (c) => answerLeg(c, { legId: 'c1.L3', at }), 'no_call');
  });

  test('the agent leg of an offer withdrawn earlier has ended: answering or ending it is no_call', () => {
    const back = must(withdrawOffer(offered(), { reason: 'no_answer', at: T0 + 20_000 }));
    const talking = must(
      connectContact(must(offerContact(back, { agentId: 'bob', at: T0 + 21_000 })), { at }),
    );
    assertRefused(talking, (c) => answerLeg(c, { legId: 'c1.L2', at }), 'no_call');
    assertRefused(talking, (c) => endLeg(c, { legId: 'c1.L2', at }), 'no_call');
  });

  test('answering a leg whose role is not consulted or transferred-to is invalid', () => {
    const away = must(blindTransfer(connected(), { target: { kind: 'external', number: '0600' }, at }));
    assertRefused(away, (c) => answerLeg(c, { legId: 'c1.L2', at }), 'no_call');
    const conf = conferenced();
    assertRefused(conf, (c) => answerLeg(c, { legId: 'c1.L3', at: T0 + 99_000 }), 'invalid_argument');
  });
});
