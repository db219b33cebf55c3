// One queue's statistics folded from its log. A mutable object owned by whoever feeds it (the
// engine live, or a report rebuilding from storage); it holds no clock and reads nothing.
import type { QueueId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import {
  addQueueCounters,
  countQueueEvent,
  deriveQueueStats,
  emptyQueueCounters,
  type MutableQueueCounters,
  type QueueCounters,
  type QueueStats,
  queueCountersProblem,
} from './queue-counters.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { parseQueueLogEvent } from './queue-log-parse.ts';

export interface QueueStatsConfig {
  readonly queueId: QueueId;
  /** The service-level threshold T in ms (the queue's serviceLevelMs). */
  readonly serviceLevelMs: number;
}

export function validateQueueStatsConfig(config: QueueStatsConfig): Result<QueueStatsConfig> {
  if (typeof config.queueId !== 'string' || config.queueId.length === 0) {
    return fail('invalid_argument', 'queue stats: queueId must be a non-empty string', { field: 'queueId' });
  }
  if (!Number.isFinite(config.serviceLevelMs) || config.serviceLevelMs < 0) {
    return fail('invalid_argument', 'queue stats: serviceLevelMs must be a finite number >= 0', {
      field: 'serviceLevelMs',
    });
  }
  return ok({ queueId: config.queueId, serviceLevelMs: config.serviceLevelMs });
}

/**
 * Checks that `event` is well formed and belongs to `queueId`, so a fold never takes in a
 * negative duration or another queue's contact.
 */
export function checkQueueEventFor(queueId: QueueId, event: QueueLogEvent): Result<QueueLogEvent> {
  const parsed = parseQueueLogEvent(event);
  if (!parsed.ok) return parsed;
  if (parsed.value.queueId !== queueId) {
    return fail('invalid_argument', `queue stats: event of queue ${event.queueId} fed to queue ${queueId}`, {
      field: 'queueId',
      expected: queueId,
      got: event.queueId,
    });
  }
  return parsed;
}

/**
 * Counters are order-independent sums, so the accumulator does not insist on time order; merging
 * the folds of two parts of a log gives exactly the fold of the whole log.
 */
export class QueueStatsAccumulator {
  readonly queueId: QueueId;
  readonly serviceLevelMs: number;
  readonly #counters: MutableQueueCounters;

  private constructor(config: QueueStatsConfig, counters: MutableQueueCounters) {
    this.queueId = config.queueId;
    this.serviceLevelMs = config.serviceLevelMs;
    this.#counters = counters;
  }

  static create(config: QueueStatsConfig): Result<QueueStatsAccumulator> {
    const valid = validateQueueStatsConfig(config);
    if (!valid.ok) return valid;
    return ok(new QueueStatsAccumulator(valid.value, emptyQueueCounters()));
  }

  /** Rebuilds an accumulator from counters saved earlier (e.g. a stored interval row). */
  static fromCounters(config: QueueStatsConfig, counters: QueueCounters): Result<QueueStatsAccumulator> {
    const valid = validateQueueStatsConfig(config);
    if (!valid.ok) return valid;
    const bad = queueCountersProblem(counters);
    if (bad) return fail('invalid_argument', `queue stats: ${bad}`, { field: 'counters' });
    const copy = emptyQueueCounters();
    addQueueCounters(copy, counters);
    return ok(new QueueStatsAccumulator(valid.value, copy));
  }

  /**
   * The same fold going on under a new threshold T (the queue's serviceLevelMs was changed): events
   * added from now on are judged against the new T, the counts so far keep the judgement they got
   * (an answer at 25 s stays "within" a 30 s threshold after T becomes 20 s). Re-judging the past
   * would need every wait again, and would rewrite figures a supervisor has already seen. This
   * accumulator is left unchanged; the result no longer merges with folds taken under the old T.
   */
  withServiceLevel(serviceLevelMs: number): Result<QueueStatsAccumulator> {
    return QueueStatsAccumulator.fromCounters({ queueId: this.queueId, serviceLevelMs }, this.#counters);
  }

  /** Folds one event in. A malformed event or one of another queue is refused and changes nothing. */
  add(event: QueueLogEvent): Result<void> {
    const checked = checkQueueEventFor(this.queueId, event);
    if (!checked.ok) return checked;
    countQueueEvent(this.#counters, checked.value, this.serviceLevelMs);
    return ok(undefined);
  }

  /** A new accumulator holding both folds; neither input changes. Same queue and T required. */
  merge(other: QueueStatsAccumulator): Result<QueueStatsAccumulator> {
    if (other.queueId !== this.queueId || other.serviceLevelMs !== this.serviceLevelMs) {
      return fail('invalid_argument', 'queue stats: can only merge folds of the same queue and threshold', {
        queueId: [this.queueId, other.queueId],
        serviceLevelMs: [this.serviceLevelMs, other.serviceLevelMs],
      });
    }
    const sum = emptyQueueCounters();
    addQueueCounters(sum, this.#counters);
    addQueueCounters(sum, other.#counters);
    return ok(new QueueStatsAccumulator(this, sum));
  }

  counters(): QueueCounters {
    return { ...this.#counters };
  }

  stats(): QueueStats {
    return deriveQueueStats(this.queueId, this.serviceLevelMs, this.#counters);
  }
}
