// An agent's statistics per interval, rebuilt from the stored logs with core's AgentStatsAccumulator:
// each interval folds the state the agent was in when it began (carried over from before) and the
// events inside it, up to its end. The carried state is not a login of that interval, so the login
// counters are corrected for it. Intervals in which the agent was logged out throughout are left
// out, as core's queue intervals leave out empty buckets.
import {
  type AgentId,
  type AgentLogEvent,
  type AgentStats,
  AgentStatsAccumulator,
  fail,
  type Millis,
  ok,
  type QueueLogEvent,
  type Result,
} from '@switchboard/core';

/** One request may not ask for more buckets than this (a year of days, a week of minutes). */
export const MAX_AGENT_INTERVALS = 10_080;

export interface AgentIntervalInput {
  readonly agentId: AgentId;
  readonly from: Millis;
  readonly to: Millis;
  readonly intervalMs: number;
  /** The agent's state log up to `to`, in time order, including what came before `from`. */
  readonly states: readonly AgentLogEvent[];
  /** Queue log lines in [from, to); lines not naming the agent are ignored. */
  readonly queueEvents: readonly QueueLogEvent[];
}

export interface AgentInterval {
  readonly start: Millis;
  readonly end: Millis;
  readonly stats: AgentStats;
}

export function agentIntervalStats(input: AgentIntervalInput): Result<AgentInterval[]> {
  const { agentId, from, to, intervalMs } = input;
  const first = Math.floor(from / intervalMs) * intervalMs;
  if (Math.ceil((to - first) / intervalMs) > MAX_AGENT_INTERVALS) {
    return fail('invalid_argument', `at most ${MAX_AGENT_INTERVALS} intervals per request`, { field: 'to' });
  }
  const mine = input.queueEvents.filter((e) => 'agentId' in e && e.agentId === agentId);
  const out: AgentInterval[] = [];
  let carried: AgentLogEvent | null = null;
  let next = 0;
  for (let start = first; start < to; start += intervalMs) {
    const lo = Math.max(start, from);
    const hi = Math.min(start + intervalMs, to);
    while (next < input.states.length && input.states[next]!.at < lo) carried = input.states[next++]!;
    const inside: AgentLogEvent[] = [];
    while (next < input.states.length && input.states[next]!.at < hi) inside.push(input.states[next++]!);
    const queueLines = mine.filter((e) => e.at >= lo && e.at < hi);
    const loggedIn = carried !== null && carried.state !== 'LoggedOut';
    if (!loggedIn && inside.length === 0 && queueLines.length === 0) continue;
    const stats = foldInterval(agentId, loggedIn ? carried : null, lo, hi, inside, queueLines);
    if (!stats.ok) return stats;
    out.push({ start, end: start + intervalMs, stats: stats.value });
    carried = inside.at(-1) ?? carried;
  }
  return ok(out);
}

function foldInterval(
  agentId: AgentId,
  carried: AgentLogEvent | null,
  lo: Millis,
  hi: Millis,
  inside: readonly AgentLogEvent[],
  queueLines: readonly QueueLogEvent[],
): Result<AgentStats> {
  const acc = new AgentStatsAccumulator(agentId);
  if (carried !== null) {
    const opened = acc.addState({ ...carried, at: lo });
    if (!opened.ok) return opened;
  }
  let wasOut = carried === null;
  let firstLoginAt: Millis | null = null;
  let lastLoginAt: Millis | null = null;
  for (const event of inside) {
    const added = acc.addState(event);
    if (!added.ok) return added;
    if (wasOut && event.state !== 'LoggedOut') {
      firstLoginAt ??= event.at;
      lastLoginAt = event.at;
    }
    wasOut = event.state === 'LoggedOut';
  }
  for (const line of queueLines) {
    const added = acc.addQueueEvent(line);
    if (!added.ok) return added;
  }
  const stats = acc.stats(hi);
  if (carried === null) return ok(stats);
  // The state carried in at `lo` began before the interval: not a login, and its real start is kept.
  return ok({
    ...stats,
    logins: stats.logins - 1,
    firstLoginAt,
    lastLoginAt,
    stateSince: inside.length === 0 ? carried.at : stats.stateSince,
  });
}
