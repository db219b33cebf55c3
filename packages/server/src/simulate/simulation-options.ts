import { fail, ok, type Result, ROUTING_STRATEGIES, type RoutingStrategy } from '@switchboard/core';
import type { Distribution } from '@switchboard/telephony/sim';

/** One simulated day: who works, who calls, how long people take. All durations in ms. */
export interface SimulationOptions {
  readonly agents: number;
  readonly queues: number;
  /** Total arrivals per minute, split evenly over the queues. */
  readonly arrivalsPerMinute: number;
  readonly talk: Distribution;
  readonly patience: Distribution;
  readonly answerDelay: Distribution;
  readonly wrapupMs: number;
  readonly durationMs: number;
  readonly strategy: RoutingStrategy;
  readonly seed: number;
  /** Service-level threshold T. */
  readonly serviceLevelMs: number;
  /** `all`: every agent serves every queue (pooled); `split`: agents divided evenly over the queues. */
  readonly membership: 'all' | 'split';
  /** Unanswered offers go back to the queue after this (the agent is paused 'no_answer'). */
  readonly ringTimeoutMs: number;
  /** 'naive' runs the full-scan router (benchmarks compare the two). */
  readonly router: 'indexed' | 'naive';
}

export const SIMULATION_DEFAULTS: SimulationOptions = {
  agents: 50,
  queues: 3,
  arrivalsPerMinute: 40,
  talk: { kind: 'exponential', meanMs: 180_000 },
  patience: { kind: 'exponential', meanMs: 60_000 },
  answerDelay: { kind: 'fixed', ms: 0 },
  wrapupMs: 0,
  durationMs: 8 * 3_600_000,
  strategy: 'longest-idle',
  seed: 1,
  serviceLevelMs: 20_000,
  membership: 'all',
  ringTimeoutMs: 15_000,
  router: 'indexed',
};

/** Checks ranges once, so the run itself never meets an impossible setting. */
export function validateSimulationOptions(o: SimulationOptions): Result<SimulationOptions> {
  const positiveInt = (name: string, value: number, max: number) =>
    Number.isInteger(value) && value >= 1 && value <= max
      ? null
      : `${name} must be a whole number from 1 to ${max}`;
  const problems = [
    positiveInt('agents', o.agents, 100_000),
    positiveInt('queues', o.queues, 10_000),
    Number.isFinite(o.arrivalsPerMinute) && o.arrivalsPerMinute >= 0
      ? null
      : 'arrivals-per-minute must be >= 0',
    Number.isFinite(o.durationMs) && o.durationMs > 0 && o.durationMs <= 31 * 86_400_000
      ? null
      : 'duration must be more than 0 and at most 31 days',
    Number.isFinite(o.wrapupMs) && o.wrapupMs >= 0 ? null : 'wrapup must be >= 0',
    Number.isFinite(o.serviceLevelMs) && o.serviceLevelMs >= 0 ? null : 'service-level must be >= 0',
    Number.isFinite(o.ringTimeoutMs) && o.ringTimeoutMs > 0 ? null : 'ring-timeout must be > 0',
    (ROUTING_STRATEGIES as readonly string[]).includes(o.strategy)
      ? null
      : `strategy must be one of ${ROUTING_STRATEGIES.join(', ')}`,
    Number.isSafeInteger(o.seed) ? null : 'seed must be an integer',
    o.membership === 'split' && o.agents < o.queues
      ? 'split membership needs at least one agent per queue'
      : null,
    ...[o.talk, o.patience, o.answerDelay].map(checkDistribution),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) return fail('invalid_argument', problems.join('; '), { problems });
  return ok(o);
}

function checkDistribution(d: Distribution): string | null {
  switch (d.kind) {
    case 'exponential':
      return d.meanMs > 0 && Number.isFinite(d.meanMs) ? null : 'exponential means must be > 0';
    case 'fixed':
      return d.ms >= 0 && Number.isFinite(d.ms) ? null : 'fixed durations must be >= 0';
    case 'uniform':
      return d.minMs >= 0 && d.maxMs >= d.minMs ? null : 'uniform needs 0 <= min <= max';
    case 'lognormal':
      return d.meanMs > 0 && d.sdMs >= 0 ? null : 'lognormal needs mean > 0 and sd >= 0';
    case 'never':
      return null;
  }
}
