import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FrameBucket, type FrameRateLimit, type FrameVerdict } from './frame-bucket.ts';

const runs = Number(process.env.FC_RUNS ?? 10000);
const LIMIT: FrameRateLimit = { ratePerSecond: 50, burst: 500, refusalsBeforeClose: 250 };

/** The verdicts of `count` frames at `at`. */
function takeMany(bucket: FrameBucket, count: number, at: number): FrameVerdict[] {
  return Array.from({ length: count }, () => bucket.take(at));
}

describe('the frame bucket', () => {
  test('a fresh connection may send its whole burst at once, and the frame after it is refused', () => {
    const bucket = new FrameBucket(LIMIT, 1000);
    assert.deepEqual(new Set(takeMany(bucket, 500, 1000)), new Set(['admit']));
    assert.equal(bucket.take(1000), 'refuse');
    assert.equal(bucket.refusals, 1);
  });

  test('a client at the sustained rate is never refused, however long it keeps it up', () => {
    const bucket = new FrameBucket(LIMIT, 0);
    takeMany(bucket, 500, 0);
    // An hour at exactly 50 frames/s (one every 20 ms) after the burst was spent.
    for (let i = 1; i <= 3600 * 50; i++) assert.equal(bucket.take(i * 20), 'admit', `frame ${i}`);
  });

  test('a refused frame costs nothing: the client is served again as soon as a token is back', () => {
    const bucket = new FrameBucket(LIMIT, 0);
    takeMany(bucket, 500, 0);
    assert.deepEqual(takeMany(bucket, 10, 5), Array(10).fill('refuse'));
    assert.equal(bucket.retryAfterMs(5), 15, 'one token needs 20 ms at 50/s; 5 ms have passed');
    assert.equal(bucket.take(15), 'refuse');
    assert.equal(bucket.retryAfterMs(15), 5);
    assert.equal(bucket.retryAfterMs(20), 0);
    assert.equal(bucket.take(20), 'admit');
  });

  test('the refusal after refusalsBeforeClose of them closes the connection', () => {
    const bucket = new FrameBucket({ ratePerSecond: 1, burst: 10, refusalsBeforeClose: 3 }, 0);
    assert.deepEqual(takeMany(bucket, 15, 0), [
      ...Array(10).fill('admit'),
      'refuse',
      'refuse',
      'refuse',
      'close',
      'close',
    ]);
  });

  test('refusals are counted until the bucket is full again, then forgotten', () => {
    const bucket = new FrameBucket({ ratePerSecond: 10, burst: 20, refusalsBeforeClose: 3 }, 0);
    takeMany(bucket, 20, 0);
    assert.deepEqual(takeMany(bucket, 3, 0), ['refuse', 'refuse', 'refuse']);
    // Back under the rate, but not quiet long enough to earn the whole burst back (2 s): still counted.
    assert.equal(bucket.take(1500), 'admit');
    assert.equal(bucket.refusals, 3);
    takeMany(bucket, 14, 1500);
    assert.equal(bucket.take(1500), 'close', 'a fourth refusal in the same episode');
    // Two seconds of quiet fill the bucket: a new burst over it starts counting from zero.
    const later = new FrameBucket({ ratePerSecond: 10, burst: 20, refusalsBeforeClose: 3 }, 0);
    takeMany(later, 23, 0);
    assert.equal(later.refusals, 3);
    assert.deepEqual(takeMany(later, 23, 2000), [...Array(20).fill('admit'), 'refuse', 'refuse', 'refuse']);
  });

  test('a clock that goes back changes nothing', () => {
    const bucket = new FrameBucket({ ratePerSecond: 10, burst: 2, refusalsBeforeClose: 5 }, 1000);
    takeMany(bucket, 2, 1000);
    assert.equal(bucket.take(500), 'refuse');
    assert.equal(bucket.take(1099), 'refuse');
    assert.equal(bucket.take(1101), 'admit');
  });

  test('it admits exactly what a token bucket admits: never more than burst + rate × time in any window, never less', () => {
    // The reference: at t the bucket holds min over s ≤ t (s the start or an admission) of
    // burst + rate·(t − s) − (frames admitted in [s, t)); a frame is admitted when that is ≥ 1.
    const arb = fc.record({
      ratePerSecond: fc.integer({ min: 1, max: 200 }),
      burst: fc.integer({ min: 1, max: 30 }),
      // Bursts (many frames at one instant) and pauses, enough frames to spend and refill the bucket.
      gaps: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })), {
        minLength: 1,
        maxLength: 150,
        size: 'max',
      }),
    });
    let refusedRuns = 0;
    fc.assert(
      fc.property(arb, ({ ratePerSecond, burst, gaps }) => {
        const bucket = new FrameBucket({ ratePerSecond, burst, refusalsBeforeClose: 1e9 }, 0);
        const admitted: number[] = [];
        let t = 0;
        for (const gap of gaps) {
          t += gap;
          let tokens = burst + (ratePerSecond * t) / 1000 - admitted.length;
          admitted.forEach((s, i) => {
            tokens = Math.min(tokens, burst + (ratePerSecond * (t - s)) / 1000 - (admitted.length - i));
          });
          const verdict = bucket.take(t);
          if (Math.abs(tokens - 1) > 1e-9) assert.equal(verdict, tokens >= 1 ? 'admit' : 'refuse', `at ${t}`);
          if (verdict === 'admit') admitted.push(t);
        }
        if (admitted.length < gaps.length) refusedRuns++;
      }),
      { numRuns: runs },
    );
    assert.ok(refusedRuns > runs / 5, `runs that went over the limit: ${refusedRuns}`);
  });
});
