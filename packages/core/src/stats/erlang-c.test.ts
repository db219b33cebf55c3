import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { unwrap } from '../result.ts';
import { erlangB, erlangC, erlangCAsa, erlangCOccupancy, erlangCServiceLevel } from './erlang-c.ts';

function close(actual: number, expected: number, tolerance: number, label = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

// An independent oracle: the textbook closed form, evaluated in log space (log-sum-exp) so it
// does not overflow for large N:
//   C = (Aᴺ/N! · N/(N−A)) / (Σ_{k<N} Aᵏ/k! + Aᴺ/N! · N/(N−A))
function erlangCClosedForm(n: number, a: number): number {
  const logTerms: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) logFactorial += Math.log(k);
    logTerms.push(k * Math.log(a) - logFactorial);
  }
  const logLast = n * Math.log(a) - (logFactorial + Math.log(n)) + Math.log(n / (n - a));
  const max = Math.max(logLast, ...logTerms);
  const denominator = [...logTerms, logLast].reduce((sum, x) => sum + Math.exp(x - max), 0);
  return Math.exp(logLast - max) / denominator;
}

describe('Erlang B and C', () => {
  test('textbook value: A = 10 E, N = 11 → P(wait) ≈ 0.6821 (hand computation in erlang-c.ts)', () => {
    close(unwrap(erlangC(11, 10)), 0.682118, 1e-6);
    close(unwrap(erlangB(11, 10)), 0.163232, 1e-6);
  });

  test('small cases by hand: B(1, 1) = 1/2, B(2, 1) = 0.5/2.5 = 0.2', () => {
    close(unwrap(erlangB(1, 1)), 0.5, 1e-15);
    close(unwrap(erlangB(2, 1)), 0.2, 1e-15);
    assert.equal(unwrap(erlangB(0, 3)), 1, 'no server: every call is blocked');
  });

  test('M/M/1 waits with probability ρ; M/M/2 at A = 1 waits with 2ρ²/(1 + ρ) = 1/3', () => {
    // N = 1, A = 0.5: B = 1/3, C = (1/3) / (1 − 0.5 × 2/3) = 0.5 = ρ.
    close(unwrap(erlangC(1, 0.5)), 0.5, 1e-15);
    // N = 2, A = 1: B = 0.2, C = 2 × 0.2 / (2 − 1 × 0.8) = 1/3.
    close(unwrap(erlangC(2, 1)), 1 / 3, 1e-15);
  });

  test('the iterative form matches the closed form, also where factorials overflow (N = 500)', () => {
    for (const [n, a] of [
      [11, 10],
      [5, 2.5],
      [30, 24],
      [170, 160],
      [500, 480],
    ] as const) {
      close(unwrap(erlangC(n, a)), erlangCClosedForm(n, a), 1e-9, `N=${n} A=${a}`);
    }
  });

  test('property: P(wait) is a probability and falls as agents are added', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 400, noNaN: true }), (n, a) => {
        const c = unwrap(erlangC(n, a));
        const more = unwrap(erlangC(n + 1, a));
        const b = unwrap(erlangB(n, a));
        return c >= 0 && c <= 1 && more <= c + 1e-12 && b <= c + 1e-12;
      }),
      { numRuns: 2000 },
    );
  });

  test('at or above capacity (A >= N) everyone waits: C = 1, service level 0, ASA infinite', () => {
    assert.equal(unwrap(erlangC(10, 10)), 1);
    assert.equal(unwrap(erlangC(0, 0)), 1);
    assert.equal(unwrap(erlangCServiceLevel(10, 12, 180, 20)), 0);
    assert.equal(unwrap(erlangCAsa(10, 10, 180)), Number.POSITIVE_INFINITY);
  });

  test('no traffic: nobody waits', () => {
    assert.equal(unwrap(erlangC(3, 0)), 0);
    assert.equal(unwrap(erlangCServiceLevel(3, 0, 180, 0)), 1);
    assert.equal(unwrap(erlangCAsa(3, 0, 180)), 0);
  });
});

describe('Erlang C service level, ASA and occupancy', () => {
  // A = 10 E, N = 11, AHT = 180 s, T = 20 s:
  //   SL  = 1 − 0.682118 × e^(−(11 − 10) × 20 / 180) = 1 − 0.682118 × 0.894839 = 0.389614
  //   ASA = 0.682118 × 180 / (11 − 10) = 122.78 s
  test('A = 10 E, N = 11, AHT 180 s, T 20 s → SL ≈ 0.3896 and ASA ≈ 122.78 s', () => {
    close(unwrap(erlangCServiceLevel(11, 10, 180, 20)), 0.389614, 1e-6);
    close(unwrap(erlangCAsa(11, 10, 180)), 122.7813, 1e-4);
  });

  test('with a threshold of 0 the service level is the share that does not wait at all (1 − C)', () => {
    close(unwrap(erlangCServiceLevel(11, 10, 180, 0)), 1 - unwrap(erlangC(11, 10)), 1e-15);
  });

  test('occupancy = A / N, capped at 1', () => {
    assert.equal(unwrap(erlangCOccupancy(11, 10)), 10 / 11);
    assert.equal(unwrap(erlangCOccupancy(4, 6)), 1);
  });

  test('bad inputs are refused: fractional or negative agents, negative traffic, AHT 0, occupancy of 0 agents', () => {
    assert.equal(erlangC(2.5, 1).ok, false);
    assert.equal(erlangC(-1, 1).ok, false);
    assert.equal(erlangB(3, -1).ok, false);
    assert.equal(erlangC(3, Number.NaN).ok, false);
    assert.equal(erlangCServiceLevel(3, 1, 0, 20).ok, false);
    assert.equal(erlangCServiceLevel(3, 1, 180, -1).ok, false);
    assert.equal(erlangCAsa(3, 1, Number.POSITIVE_INFINITY).ok, false);
    assert.equal(erlangCOccupancy(0, 0).ok, false);
  });
});
