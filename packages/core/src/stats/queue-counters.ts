// The queue statistics, defined once. Counters are plain sums (and one max) of per-event
// contributions, so folding is order-independent, two folds merge exactly by adding them, and
// every ratio is derived from the sums only at read time (an average of averages would not merge).
import type { QueueId } from '../ids.ts';
import type { QueueLogEvent } from './queue-log-event.ts';

/** Raw sums over a stretch of the queue log (serialisable; the accumulators hold one of these). */
export interface QueueCounters {
  readonly entered: number;
  readonly offered: number;
  readonly ringNoAnswers: number;
  readonly answered: number;
  /** Answered with waitMs <= T: answering exactly at the threshold still meets it. */
  readonly answeredWithinThreshold: number;
  readonly abandoned: number;
  /** Short abandons, waitMs < T: the caller gave up before the queue owed an answer. */
  readonly abandonedWithinThreshold: number;
  readonly timedOut: number;
  readonly overflowed: number;
  readonly refused: number;
  readonly leftEmpty: number;
  /** Contacts the system cut off (crash, restart) while in this queue's hands; see `interruptedWaiting`. */
  readonly interrupted: number;
  /**
   * The interrupted ones never answered here (waiting or ringing): like timeouts and overflows they
   * close their entry. The others were answered (already in `answered`) and lost their conversation
   * or wrap-up, so they are in neither `handled` nor any time total.
   */
  readonly interruptedWaiting: number;
  readonly completed: number;
  readonly transferred: number;
  readonly wrapups: number;
  readonly totalWaitAnsweredMs: number;
  readonly totalWaitAbandonedMs: number;
  /** Longest wait among answered contacts; null while none was answered. */
  readonly maxWaitAnsweredMs: number | null;
  readonly totalTalkMs: number;
  readonly totalHoldMs: number;
  readonly totalWrapupMs: number;
}

/**
 * Entries of the queue that have their outcome there: answered, abandoned, timed out, overflowed,
 * left because the queue emptied, or cut off before an answer. `entered` minus this is what is still
 * waiting or ringing (never negative: each entry gets at most one outcome).
 */
export function closedEntries(
  c: Pick<
    QueueCounters,
    'answered' | 'abandoned' | 'timedOut' | 'overflowed' | 'leftEmpty' | 'interruptedWaiting'
  >,
): number {
  return c.answered + c.abandoned + c.timedOut + c.overflowed + c.leftEmpty + c.interruptedWaiting;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableQueueCounters = Mutable<QueueCounters>;

export function emptyQueueCounters(): MutableQueueCounters {
  return {
    entered: 0,
    offered: 0,
    ringNoAnswers: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    abandonedWithinThreshold: 0,
    timedOut: 0,
    overflowed: 0,
    refused: 0,
    leftEmpty: 0,
    interrupted: 0,
    interruptedWaiting: 0,
    completed: 0,
    transferred: 0,
    wrapups: 0,
    totalWaitAnsweredMs: 0,
    totalWaitAbandonedMs: 0,
    maxWaitAnsweredMs: null,
    totalTalkMs: 0,
    totalHoldMs: 0,
    totalWrapupMs: 0,
  };
}

/** Adds one event's contribution to `c` (in place). `thresholdMs` is the queue's service level T. */
export function countQueueEvent(c: MutableQueueCounters, event: QueueLogEvent, thresholdMs: number): void {
  switch (event.type) {
    case 'entered':
      c.entered += 1;
      return;
    case 'offered':
      c.offered += 1;
      return;
    case 'ringNoAnswer':
      c.ringNoAnswers += 1;
      return;
    case 'connected':
      c.answered += 1;
      if (event.waitMs <= thresholdMs) c.answeredWithinThreshold += 1;
      c.totalWaitAnsweredMs += event.waitMs;
      c.maxWaitAnsweredMs = Math.max(c.maxWaitAnsweredMs ?? 0, event.waitMs);
      return;
    case 'abandoned':
      c.abandoned += 1;
      if (event.waitMs < thresholdMs) c.abandonedWithinThreshold += 1;
      c.totalWaitAbandonedMs += event.waitMs;
      return;
    case 'timeout':
      c.timedOut += 1;
      return;
    case 'overflowed':
      c.overflowed += 1;
      return;
    case 'refused':
      c.refused += 1;
      return;
    case 'leftEmpty':
      c.leftEmpty += 1;
      return;
    case 'completed':
      c.completed += 1;
      c.totalTalkMs += event.talkMs;
      c.totalHoldMs += event.holdMs;
      return;
    case 'transferred':
      c.transferred += 1;
      c.totalTalkMs += event.talkMs;
      return;
    case 'wrapupEnded':
      c.wrapups += 1;
      c.totalWrapupMs += event.wrapupMs;
      return;
    case 'interrupted':
      // Not judged against T and in no wait total: the wait of one never answered runs to the
      // restart (minutes or hours of outage, not queue behaviour), and one answered was judged
      // by its `connected` line already.
      c.interrupted += 1;
      if (!('agentId' in event)) c.interruptedWaiting += 1;
      return;
  }
}

/** Checks counters that come from outside (a stored row): every figure finite and >= 0, parts <= wholes. */
export function queueCountersProblem(c: QueueCounters): string | null {
  for (const key of Object.keys(emptyQueueCounters()) as (keyof QueueCounters)[]) {
    const value = c[key];
    if (key === 'maxWaitAnsweredMs' && value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      return `${key} must be a number >= 0`;
  }
  if (c.answeredWithinThreshold > c.answered) return 'answeredWithinThreshold exceeds answered';
  if (c.abandonedWithinThreshold > c.abandoned) return 'abandonedWithinThreshold exceeds abandoned';
  if (c.interruptedWaiting > c.interrupted) return 'interruptedWaiting exceeds interrupted';
  if ((c.maxWaitAnsweredMs === null) !== (c.answered === 0))
    return 'maxWaitAnsweredMs must be null exactly when answered is 0';
  return null;
}

/** Adds `from` into `into` (in place): sums add, the max takes the larger. */
export function addQueueCounters(into: MutableQueueCounters, from: QueueCounters): void {
  for (const key of Object.keys(into) as (keyof QueueCounters)[]) {
    if (key === 'maxWaitAnsweredMs') continue;
    into[key] = (into[key] as number) + (from[key] as number);
  }
  if (from.maxWaitAnsweredMs !== null) {
    into.maxWaitAnsweredMs = Math.max(into.maxWaitAnsweredMs ?? 0, from.maxWaitAnsweredMs);
  }
}

export interface QueueStats extends QueueCounters {
  readonly queueId: QueueId;
  /**
   * The threshold T in force (the queue's serviceLevelMs). After T changes, counts folded before
   * keep the judgement of the T they were folded with (QueueStatsAccumulator.withServiceLevel).
   */
  readonly serviceLevelMs: number;
  readonly abandonedAfterThreshold: number;
  /** Contacts whose conversation with an agent ended: completed + transferred. */
  readonly handled: number;
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  /** Average speed of answer. */
  readonly asaMs: number | null;
  readonly averageTalkMs: number | null;
  readonly averageHandleMs: number | null;
  readonly averageAbandonWaitMs: number | null;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function deriveQueueStats(queueId: QueueId, serviceLevelMs: number, c: QueueCounters): QueueStats {
  // Abandons at or after T: the caller waited as long as the queue promised and was not answered.
  const abandonedAfterThreshold = c.abandoned - c.abandonedWithinThreshold;
  const handled = c.completed + c.transferred;
  return {
    queueId,
    serviceLevelMs,
    ...c,
    abandonedAfterThreshold,
    handled,
    // Service level = answeredWithinThreshold / (answered + abandonedAfterThreshold). Short abandons
    // are left out of the denominator (the queue could not have met T for them yet); timeouts,
    // overflows and leave-empty are routing outcomes, reported on their own, not service failures here;
    // so are interruptions: a system failure, neither the caller's choice nor the queue's routing.
    serviceLevel: ratio(c.answeredWithinThreshold, c.answered + abandonedAfterThreshold),
    // Abandon rate = abandoned / (answered + abandoned): caller hang-ups only, among contacts that
    // reached an answer-or-abandon outcome (still-waiting, routed-away and interrupted contacts do not
    // count).
    abandonRate: ratio(c.abandoned, c.answered + c.abandoned),
    // ASA = Σ waitMs of answered / answered.
    asaMs: ratio(c.totalWaitAnsweredMs, c.answered),
    // Average talk = Σ talkMs / handled (talk excludes hold).
    averageTalkMs: ratio(c.totalTalkMs, handled),
    // Average handle time = (Σ talk + Σ hold + Σ wrap-up) / handled. A contact still in wrap-up is
    // already in `handled` but not yet in Σ wrap-up, so a live figure reads slightly low until it ends.
    averageHandleMs: ratio(c.totalTalkMs + c.totalHoldMs + c.totalWrapupMs, handled),
    // Average abandon wait = Σ waitMs of abandoned / abandoned.
    averageAbandonWaitMs: ratio(c.totalWaitAbandonedMs, c.abandoned),
  };
}
