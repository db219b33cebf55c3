import {
  type AgentId,
  fail,
  ok,
  type QueueConfig,
  type QueueId,
  type QueueLogEvent,
  QueueStatsAccumulator,
  RecentHandleTimes,
  type Result,
  unwrap,
} from '@switchboard/core';
import type { EventBus } from './ports/event-bus.ts';
import type { Store } from './ports/store.ts';

interface QueueEntry {
  config: QueueConfig;
  /** Replaced (same counts, new T) when the queue's serviceLevelMs changes. */
  stats: QueueStatsAccumulator;
  readonly recent: RecentHandleTimes;
  readonly members: Set<AgentId>;
}

/**
 * Queue configurations with their live statistics. Every queue log line goes through `log`, which
 * feeds the statistics, the store and the bus in one step, so live figures and the stored log can
 * never disagree about what happened.
 */
export class QueueBook {
  private readonly queues = new Map<QueueId, QueueEntry>();
  private readonly store: Store;
  private readonly bus: EventBus;

  constructor(store: Store, bus: EventBus) {
    this.store = store;
    this.bus = bus;
  }

  upsert(config: QueueConfig): Result<void> {
    const existing = this.queues.get(config.id);
    if (existing !== undefined) {
      // A new service-level threshold applies from now on; answers and abandons counted before keep
      // the judgement they got (core's withServiceLevel). Checked before anything changes.
      if (config.serviceLevelMs !== existing.stats.serviceLevelMs) {
        const stats = existing.stats.withServiceLevel(config.serviceLevelMs);
        if (!stats.ok) return stats;
        existing.stats = stats.value;
      }
      existing.config = config;
      return ok(undefined);
    }
    const stats = QueueStatsAccumulator.create({ queueId: config.id, serviceLevelMs: config.serviceLevelMs });
    if (!stats.ok) return stats;
    const recent = RecentHandleTimes.create({ queueId: config.id });
    if (!recent.ok) return recent;
    this.queues.set(config.id, { config, stats: stats.value, recent: recent.value, members: new Set() });
    return ok(undefined);
  }

  remove(queueId: QueueId): void {
    this.queues.delete(queueId);
  }

  config(queueId: QueueId): QueueConfig | undefined {
    return this.queues.get(queueId)?.config;
  }

  require(queueId: QueueId): Result<QueueEntry> {
    const entry = this.queues.get(queueId);
    return entry === undefined ? fail('unknown_queue', `no queue ${queueId}`, { queueId }) : ok(entry);
  }

  ids(): QueueId[] {
    return [...this.queues.keys()];
  }

  addMember(queueId: QueueId, agentId: AgentId): void {
    this.queues.get(queueId)?.members.add(agentId);
  }

  removeMember(queueId: QueueId, agentId: AgentId): void {
    this.queues.get(queueId)?.members.delete(agentId);
  }

  members(queueId: QueueId): readonly AgentId[] {
    return [...(this.queues.get(queueId)?.members ?? [])];
  }

  stats(queueId: QueueId): QueueStatsAccumulator | undefined {
    return this.queues.get(queueId)?.stats;
  }

  recentHandleTimes(queueId: QueueId): readonly number[] {
    return this.queues.get(queueId)?.recent.samples() ?? [];
  }

  /** Appends one queue log line: statistics, store, bus. A line the statistics refuse is a bug. */
  log(entry: QueueLogEvent): void {
    const queue = this.queues.get(entry.queueId);
    if (queue !== undefined) {
      unwrap(queue.stats.add(entry));
      unwrap(queue.recent.add(entry));
    }
    this.store.appendQueueLog(entry);
    this.bus.publish({ type: 'queue.log', at: entry.at, entry });
  }
}
