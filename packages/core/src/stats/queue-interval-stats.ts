// Queue statistics split into fixed intervals (15 min by default), the shape of intraday reports
// and Erlang C forecasting input. Each event counts in the interval that contains its `at` (an
// answer at 10:16 for a call that entered at 10:14 is an answer of the 10:15 interval), so every
// event lands in exactly one bucket and the buckets always sum to the whole-period figures.
import type { Millis, QueueId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import {
  addQueueCounters,
  countQueueEvent,
  deriveQueueStats,
  emptyQueueCounters,
  type MutableQueueCounters,
  type QueueStats,
} from './queue-counters.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { checkQueueEventFor, validateQueueStatsConfig } from './queue-stats-accumulator.ts';

export const DEFAULT_STATS_INTERVAL_MS = 15 * 60_000;

export interface QueueIntervalStatsConfig {
  readonly queueId: QueueId;
  readonly serviceLevelMs: number;
  /** Bucket length; default 15 minutes. */
  readonly intervalMs?: number;
  /** Buckets start at originMs + k × intervalMs; default 0 (aligned to the epoch, i.e. UTC). */
  readonly originMs?: Millis;
}

export interface QueueIntervalStats {
  /** The bucket key: the interval's start. */
  readonly start: Millis;
  /** Exclusive end: start + intervalMs. */
  readonly end: Millis;
  readonly stats: QueueStats;
}

export class QueueIntervalStatsAccumulator {
  readonly queueId: QueueId;
  readonly serviceLevelMs: number;
  readonly intervalMs: number;
  readonly originMs: Millis;
  readonly #buckets = new Map<Millis, MutableQueueCounters>();

  private constructor(queueId: QueueId, serviceLevelMs: number, intervalMs: number, originMs: Millis) {
    this.queueId = queueId;
    this.serviceLevelMs = serviceLevelMs;
    this.intervalMs = intervalMs;
    this.originMs = originMs;
  }

  static create(config: QueueIntervalStatsConfig): Result<QueueIntervalStatsAccumulator> {
    const valid = validateQueueStatsConfig(config);
    if (!valid.ok) return valid;
    const intervalMs = config.intervalMs ?? DEFAULT_STATS_INTERVAL_MS;
    const originMs = config.originMs ?? 0;
    if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) {
      return fail('invalid_argument', 'queue interval stats: intervalMs must be an integer > 0', {
        field: 'intervalMs',
      });
    }
    if (!Number.isSafeInteger(originMs)) {
      return fail('invalid_argument', 'queue interval stats: originMs must be an integer', {
        field: 'originMs',
      });
    }
    return ok(
      new QueueIntervalStatsAccumulator(
        valid.value.queueId,
        valid.value.serviceLevelMs,
        intervalMs,
        originMs,
      ),
    );
  }

  /** The start of the interval that contains `at`. */
  intervalStart(at: Millis): Millis {
    return this.originMs + Math.floor((at - this.originMs) / this.intervalMs) * this.intervalMs;
  }

  add(event: QueueLogEvent): Result<void> {
    const checked = checkQueueEventFor(this.queueId, event);
    if (!checked.ok) return checked;
    const start = this.intervalStart(checked.value.at);
    let bucket = this.#buckets.get(start);
    if (!bucket) {
      bucket = emptyQueueCounters();
      this.#buckets.set(start, bucket);
    }
    countQueueEvent(bucket, checked.value, this.serviceLevelMs);
    return ok(undefined);
  }

  /** A new accumulator with both folds, bucket by bucket; the settings must match exactly. */
  merge(other: QueueIntervalStatsAccumulator): Result<QueueIntervalStatsAccumulator> {
    if (
      other.queueId !== this.queueId ||
      other.serviceLevelMs !== this.serviceLevelMs ||
      other.intervalMs !== this.intervalMs ||
      other.originMs !== this.originMs
    ) {
      return fail('invalid_argument', 'queue interval stats: can only merge folds with the same settings', {
        queueId: [this.queueId, other.queueId],
      });
    }
    const merged = new QueueIntervalStatsAccumulator(
      this.queueId,
      this.serviceLevelMs,
      this.intervalMs,
      this.originMs,
    );
    for (const source of [this, other]) {
      for (const [start, counters] of source.#buckets) {
        let bucket = merged.#buckets.get(start);
        if (!bucket) {
          bucket = emptyQueueCounters();
          merged.#buckets.set(start, bucket);
        }
        addQueueCounters(bucket, counters);
      }
    }
    return ok(merged);
  }

  /** The intervals that saw at least one event, oldest first. */
  intervals(): readonly QueueIntervalStats[] {
    return [...this.#buckets.keys()]
      .sort((a, b) => a - b)
      .map((start) => ({
        start,
        end: start + this.intervalMs,
        stats: deriveQueueStats(this.queueId, this.serviceLevelMs, this.#buckets.get(start)!),
      }));
  }

  /** The whole period: the sum of every interval. */
  total(): QueueStats {
    const sum = emptyQueueCounters();
    for (const counters of this.#buckets.values()) addQueueCounters(sum, counters);
    return deriveQueueStats(this.queueId, this.serviceLevelMs, sum);
  }
}
