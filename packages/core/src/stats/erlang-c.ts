// Erlang B and Erlang C (M/M/N queue), for staffing what-ifs and for checking the simulator.
// N = agents, A = offered traffic in erlangs (arrival rate × AHT), AHT and threshold in seconds.
//
// The factorial form Aᴺ/N! overflows doubles from N ≈ 170, so both are computed with the
// recursion of Erlang B, whose every step stays in [0, 1]:
//   B(0) = 1,   B(n) = A·B(n−1) / (n + A·B(n−1))
// and Erlang C from it:
//   C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))          (for A < N)
//
// Hand check, A = 10 E, N = 11 (textbook value P(wait) ≈ 0.6821):
//   B(1) = 10/11 = 0.909091        B(6)  = 0.484515
//   B(2) = 9.0909/11.0909 = 0.819672   B(7)  = 0.409041
//   B(3) = 8.19672/11.19672 = 0.732064 B(8)  = 0.338318
//   B(4) = 0.646663                B(9)  = 0.273208
//   B(5) = 0.563952                B(10) = 0.214582
//   B(11) = 2.14582 / (11 + 2.14582) = 0.163232
//   C = 11 × 0.163232 / (11 − 10 × (1 − 0.163232)) = 1.795556 / 2.632323 = 0.682118
import { fail, ok, type Result } from '../result.ts';

function agentsProblem(agents: number, min: number): Result<never> | null {
  return Number.isSafeInteger(agents) && agents >= min
    ? null
    : fail('invalid_argument', `erlang: agents must be an integer >= ${min}`, { field: 'agents' });
}

function nonNegative(field: string, value: number): Result<never> | null {
  return Number.isFinite(value) && value >= 0
    ? null
    : fail('invalid_argument', `erlang: ${field} must be a finite number >= 0`, { field });
}

function positive(field: string, value: number): Result<never> | null {
  return Number.isFinite(value) && value > 0
    ? null
    : fail('invalid_argument', `erlang: ${field} must be a finite number > 0`, { field });
}

function erlangBOf(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

function erlangCOf(agents: number, traffic: number): number {
  // At A >= N the queue grows without bound: every caller waits.
  if (traffic >= agents) return 1;
  const b = erlangBOf(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Erlang B: probability that a call finds all N servers busy when there is no queue (blocking). */
export function erlangB(agents: number, trafficErlangs: number): Result<number> {
  const bad = agentsProblem(agents, 0) ?? nonNegative('trafficErlangs', trafficErlangs);
  return bad ?? ok(erlangBOf(agents, trafficErlangs));
}

/** Erlang C: probability that a call has to wait (all N agents busy on arrival). 1 when A >= N. */
export function erlangC(agents: number, trafficErlangs: number): Result<number> {
  const bad = agentsProblem(agents, 0) ?? nonNegative('trafficErlangs', trafficErlangs);
  return bad ?? ok(erlangCOf(agents, trafficErlangs));
}

/**
 * Share of calls answered within T:  SL = 1 − C(N, A) · e^(−(N − A) · T / AHT).
 * The waiting time of a caller who waits is exponential with rate (N − A)/AHT. 0 when A >= N.
 */
export function erlangCServiceLevel(
  agents: number,
  trafficErlangs: number,
  ahtSeconds: number,
  thresholdSeconds: number,
): Result<number> {
  const bad =
    agentsProblem(agents, 0) ??
    nonNegative('trafficErlangs', trafficErlangs) ??
    positive('ahtSeconds', ahtSeconds) ??
    nonNegative('thresholdSeconds', thresholdSeconds);
  if (bad) return bad;
  if (trafficErlangs >= agents) return ok(0);
  const c = erlangCOf(agents, trafficErlangs);
  return ok(1 - c * Math.exp((-(agents - trafficErlangs) * thresholdSeconds) / ahtSeconds));
}

/**
 * Average speed of answer in seconds over all callers:  ASA = C(N, A) · AHT / (N − A).
 * Infinity when A >= N (the queue never drains).
 */
export function erlangCAsa(agents: number, trafficErlangs: number, ahtSeconds: number): Result<number> {
  const bad =
    agentsProblem(agents, 0) ??
    nonNegative('trafficErlangs', trafficErlangs) ??
    positive('ahtSeconds', ahtSeconds);
  if (bad) return bad;
  if (trafficErlangs >= agents) return ok(Number.POSITIVE_INFINITY);
  return ok((erlangCOf(agents, trafficErlangs) * ahtSeconds) / (agents - trafficErlangs));
}

/** Agent occupancy = A / N, capped at 1 (above it the work left over waits, agents cannot exceed 100%). */
export function erlangCOccupancy(agents: number, trafficErlangs: number): Result<number> {
  const bad = agentsProblem(agents, 1) ?? nonNegative('trafficErlangs', trafficErlangs);
  return bad ?? ok(Math.min(1, trafficErlangs / agents));
}
