import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { planResume } from './resume-plan.ts';

describe('planResume', () => {
  test('frames after lastSeq that are all still kept are replayed with their seq', () => {
    assert.deepEqual(planResume({ oldestKeptSeq: 5, lastSentSeq: 20 }, 10), {
      mode: 'replay',
      fromSeq: 11,
      toSeq: 20,
    });
    assert.deepEqual(planResume({ oldestKeptSeq: 11, lastSentSeq: 20 }, 10), {
      mode: 'replay',
      fromSeq: 11,
      toSeq: 20,
    });
  });

  test('a client that missed nothing gets an empty replay', () => {
    assert.deepEqual(planResume({ oldestKeptSeq: 1, lastSentSeq: 20 }, 20), {
      mode: 'replay',
      fromSeq: 21,
      toSeq: 20,
    });
    assert.deepEqual(planResume({ oldestKeptSeq: null, lastSentSeq: 0 }, 0), {
      mode: 'replay',
      fromSeq: 1,
      toSeq: 0,
    });
  });

  test('a frame the client missed that fell out of the buffer means a full snapshot', () => {
    assert.deepEqual(planResume({ oldestKeptSeq: 12, lastSentSeq: 20 }, 10), {
      mode: 'snapshot',
      reason: 'lost',
    });
    assert.deepEqual(planResume({ oldestKeptSeq: null, lastSentSeq: 20 }, 10), {
      mode: 'snapshot',
      reason: 'lost',
    });
  });

  test('a lastSeq the session never reached (or not a count) means a full snapshot', () => {
    assert.deepEqual(planResume({ oldestKeptSeq: 1, lastSentSeq: 20 }, 21), {
      mode: 'snapshot',
      reason: 'ahead',
    });
    assert.deepEqual(planResume({ oldestKeptSeq: 1, lastSentSeq: 20 }, -1), {
      mode: 'snapshot',
      reason: 'ahead',
    });
    assert.deepEqual(planResume({ oldestKeptSeq: 1, lastSentSeq: 20 }, 1.5), {
      mode: 'snapshot',
      reason: 'ahead',
    });
  });

  test('a replay never asks for a frame outside the kept window and never skips one', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(200), fc.nat(1300), (lastSent, kept, lastSeq) => {
        const keptCount = Math.min(kept, lastSent);
        const window = {
          oldestKeptSeq: keptCount === 0 ? null : lastSent - keptCount + 1,
          lastSentSeq: lastSent,
        };
        const plan = planResume(window, lastSeq);
        if (plan.mode === 'snapshot') return;
        assert.equal(plan.fromSeq, lastSeq + 1, 'no gap after what the client has');
        assert.equal(plan.toSeq, lastSent, 'up to the last frame sent');
        if (plan.fromSeq <= plan.toSeq)
          assert.ok(window.oldestKeptSeq !== null && plan.fromSeq >= window.oldestKeptSeq);
      }),
      { numRuns: 2000 },
    );
  });
});
