// The eight ACD strategies and the one function that says which eligible member(s) a strategy
// picks. Router and NaiveRouter both call `chooseAgents` (or, for the ordered strategies, walk a
// pool kept in exactly the order it defines), so the two can only differ in how they FIND the
// eligible members, never in what a strategy means. Rules: README.md in this folder.
import type { Millis } from '../ids.ts';

export const ROUTING_STRATEGIES = [
  'longest-idle',
  'least-recent',
  'fewest-calls',
  'round-robin',
  'linear',
  'random',
  'weighted-random',
  'ring-all',
] as const;

export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export function isRoutingStrategy(value: unknown): value is RoutingStrategy {
  return typeof value === 'string' && (ROUTING_STRATEGIES as readonly string[]).includes(value);
}

/** One eligible, available member of a queue as a strategy sees it. */
export interface StrategyCandidate {
  readonly penalty: number;
  /** Membership ordinal in the queue: the "membership order" of round-robin and linear. Unique per queue. */
  readonly order: number;
  /** `strategyMetric` of the member: lower is picked first by the ordered strategies. */
  readonly metric: number;
}

/** What the ordered strategies rank a member by (lower first); 0 where the strategy has no metric. */
export function strategyMetric(
  strategy: RoutingStrategy,
  availableSince: Millis,
  answered: number,
  lastAnsweredAt: Millis,
): number {
  switch (strategy) {
    case 'longest-idle':
      return availableSince;
    case 'least-recent':
      return lastAnsweredAt;
    case 'fewest-calls':
      return answered;
    default:
      return 0;
  }
}

/** Strategies whose pick is simply the first eligible member in (penalty, metric, order) order. */
export function isOrderedStrategy(strategy: RoutingStrategy): boolean {
  return (
    strategy === 'longest-idle' ||
    strategy === 'least-recent' ||
    strategy === 'fewest-calls' ||
    strategy === 'linear'
  );
}

/**
 * The member(s) a strategy offers a contact to, from the eligible available members of the queue
 * given in ascending membership order. Returns [] when there is none, one member for every strategy
 * but ring-all, and the whole lowest-penalty tier for ring-all (in membership order).
 *
 * `random()` is called exactly once for 'random' and once per candidate (in the given order) for
 * 'weighted-random', and never otherwise, so two routers fed the same random sequence pick alike.
 */
export function chooseAgents<T extends StrategyCandidate>(
  strategy: RoutingStrategy,
  candidates: readonly T[],
  roundRobinLast: number,
  random: () => number,
): T[] {
  if (candidates.length === 0) return [];
  if (strategy === 'weighted-random') {
    // Asterisk wrandom: the penalty is a weight, not a tier (with tiers it would be plain random).
    let best = candidates[0]!;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const score = random() * (candidate.penalty + 1);
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return [best];
  }
  // Every other strategy looks only at the lowest penalty present, as Asterisk does.
  let tierPenalty = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) if (candidate.penalty < tierPenalty) tierPenalty = candidate.penalty;
  const tier = candidates.filter((candidate) => candidate.penalty === tierPenalty);
  switch (strategy) {
    case 'ring-all':
      return tier;
    case 'random':
      return [tier[Math.min(tier.length - 1, Math.floor(random() * tier.length))]!];
    case 'round-robin':
      return [tier.find((candidate) => candidate.order > roundRobinLast) ?? tier[0]!];
    default: {
      let best = tier[0]!;
      for (const candidate of tier) {
        if (
          candidate.metric < best.metric ||
          (candidate.metric === best.metric && candidate.order < best.order)
        ) {
          best = candidate;
        }
      }
      return [best];
    }
  }
}
