import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertRefused, connected, consulting, must, T0 } from './contact-fixtures.ts';
import { answerLeg, endLeg } from './third-party.ts';

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

  test('an ended agent leg from an earlier offer is not a third party to answer', () => {
    // connected(): L2 is alice's leg; an ended leg of another role would be refused the same way.
    assertRefused(connected(), (c) => answerLeg(c, { legId: 'c1.L2', at }), 'invalid_argument');
  });
});
