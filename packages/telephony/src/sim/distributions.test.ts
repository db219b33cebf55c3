import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draw } from './distributions.ts';
import { seededRandom } from './seeded-random.ts';

test('the same seed gives the same sequence and another seed another one', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const c = seededRandom(8);
  const xs = [a(), a(), a()];
  assert.deepEqual(xs, [b(), b(), b()]);
  assert.notDeepEqual(xs, [c(), c(), c()]);
  for (const x of xs) assert.ok(x >= 0 && x < 1);
});

test('exponential draws have the asked mean within sampling error', () => {
  const random = seededRandom(1);
  const n = 200_000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += draw({ kind: 'exponential', meanMs: 1000 }, random);
  // Standard error of the mean is 1000/sqrt(n) ≈ 2.2 ms; allow 5 standard errors.
  assert.ok(Math.abs(sum / n - 1000) < 11.2, `mean ${sum / n}`);
});

test('lognormal draws have the asked mean and uniform draws stay in range', () => {
  const random = seededRandom(2);
  const n = 200_000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += draw({ kind: 'lognormal', meanMs: 5000, sdMs: 2000 }, random);
  assert.ok(Math.abs(sum / n - 5000) < 50, `mean ${sum / n}`);
  for (let i = 0; i < 1000; i++) {
    const x = draw({ kind: 'uniform', minMs: 10, maxMs: 20 }, random);
    assert.ok(x >= 10 && x <= 20);
  }
  assert.equal(draw({ kind: 'never' }, random), Number.POSITIVE_INFINITY);
  assert.equal(draw({ kind: 'fixed', ms: 42 }, random), 42);
});
