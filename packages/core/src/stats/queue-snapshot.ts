// A queue's figures at one instant: the folded history plus what only the live system knows
// (who waits since when, what each member is doing). The engine passes the live part in; the
// arithmetic stays here so every projection (xuc, uContact, UCS, wallboard) shows the same numbers.
import type { Millis } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { estimateNewArrivalWait, type WaitEstimate } from './ewt.ts';
import type { QueueStats } from './queue-counters.ts';
import { AGENT_LOG_STATES, type AgentLogState } from './queue-log-event.ts';
import type { QueueStatsAccumulator } from './queue-stats-accumulator.ts';

export interface LiveQueueInput {
  /** When each contact now waiting in the queue entered it. */
  readonly waitingSince: readonly Millis[];
  /** The current state of every member agent of the queue (one entry per member). */
  readonly members: readonly AgentLogState[];
  /** RecentHandleTimes.samples() of the queue: the AHT input of the EWT. */
  readonly recentHandleTimesMs: readonly number[];
  readonly ewtMinSamples?: number;
}

export interface QueueAgentCounts {
  /** Members in any state but LoggedOut. */
  readonly logged: number;
  /** Ready: idle and offerable. */
  readonly available: number;
  readonly ringing: number;
  readonly dialing: number;
  /** OnCall (on hold included). */
  readonly talking: number;
  readonly paused: number;
  readonly wrapup: number;
  /** N of the EWT: logged and not paused (logged − paused). */
  readonly serving: number;
}

export interface QueueSnapshot extends QueueStats {
  readonly at: Millis;
  readonly waiting: number;
  /** now − the earliest entry time among waiting contacts; 0 when nobody waits. */
  readonly longestWaitMs: number;
  readonly agents: QueueAgentCounts;
  /** The EWT quoted to a contact arriving now (position waiting + 1). */
  readonly ewt: WaitEstimate;
}

export function countQueueAgents(members: readonly AgentLogState[]): QueueAgentCounts {
  const by = Object.fromEntries(AGENT_LOG_STATES.map((s) => [s, 0])) as Record<AgentLogState, number>;
  for (const state of members) by[state] += 1;
  const logged = members.length - by.LoggedOut;
  return {
    logged,
    available: by.Ready,
    ringing: by.Ringing,
    dialing: by.Dialing,
    talking: by.OnCall,
    paused: by.Paused,
    wrapup: by.Wrapup,
    serving: logged - by.Paused,
  };
}

export function snapshotQueue(
  acc: QueueStatsAccumulator,
  live: LiveQueueInput,
  now: Millis,
): Result<QueueSnapshot> {
  if (!Number.isFinite(now))
    return fail('invalid_argument', 'queue snapshot: now must be finite', { field: 'now' });
  if (!live.waitingSince.every(Number.isFinite)) {
    return fail('invalid_argument', 'queue snapshot: waitingSince must hold finite times', {
      field: 'waitingSince',
    });
  }
  if (!live.members.every((s) => (AGENT_LOG_STATES as readonly string[]).includes(s))) {
    return fail('invalid_argument', 'queue snapshot: members must hold agent states', { field: 'members' });
  }
  const agents = countQueueAgents(live.members);
  const waiting = live.waitingSince.length;
  // A loop, not Math.min(...list): spreading a very long queue would overflow the call stack.
  let earliest = Number.POSITIVE_INFINITY;
  for (const since of live.waitingSince) if (since < earliest) earliest = since;
  // Clamped at 0: an entry stamped a little after `now` (clock skew between nodes) is a fresh
  // arrival, not a negative wait.
  const longestWaitMs = waiting === 0 ? 0 : Math.max(0, now - earliest);
  const ewt = estimateNewArrivalWait({
    waiting,
    handleTimesMs: live.recentHandleTimesMs,
    servingAgents: agents.serving,
    ...(live.ewtMinSamples === undefined ? {} : { minSamples: live.ewtMinSamples }),
  });
  if (!ewt.ok) return ewt;
  return ok({ ...acc.stats(), at: now, waiting, longestWaitMs, agents, ewt: ewt.value });
}
