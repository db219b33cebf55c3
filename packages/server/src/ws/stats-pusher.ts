import type { AgentId, QueueId } from '@switchboard/core';
import type { Clock, Engine, EngineEvent, TimerHandle } from '@switchboard/engine';
import type { WireEvent } from '@switchboard/protocol';
import type { SubscriptionIndex } from './subscription-index.ts';

export interface StatsPusherDeps {
  readonly clock: Clock;
  readonly engine: Engine;
  readonly index: SubscriptionIndex;
  readonly intervalMs: number;
  readonly deliver: (event: WireEvent) => void;
}

/**
 * Live statistics are pushed, not streamed: a queue's or agent's figures change with nearly every
 * event, and a wallboard needs them at human pace. Events only mark what they touch; at most once
 * per interval (on the engine's clock) the marked queues and agents that someone listens to are
 * sent as `queue.stats` / `agent.stats` events. A queue whose figures did not change (besides the
 * time stamp) is not sent again.
 */
export class StatsPusher {
  readonly #deps: StatsPusherDeps;
  readonly #dirtyQueues = new Set<QueueId>();
  readonly #dirtyAgents = new Set<AgentId>();
  /** Agent state changes move the agent counts of every queue the agent is in: recompute them all. */
  #allQueuesDirty = false;
  readonly #lastSent = new Map<QueueId, string>();
  #timer: TimerHandle | null = null;
  #lastPushAt = Number.NEGATIVE_INFINITY;

  constructor(deps: StatsPusherDeps) {
    this.#deps = deps;
  }

  note(event: EngineEvent): void {
    switch (event.type) {
      case 'queue.log':
        this.#dirtyQueues.add(event.entry.queueId);
        if ('agentId' in event.entry) this.#dirtyAgents.add(event.entry.agentId);
        break;
      case 'agent.state':
        this.#allQueuesDirty = true;
        this.#dirtyAgents.add(event.agentId);
        break;
      case 'agent.log':
        this.#dirtyAgents.add(event.entry.agentId);
        break;
      default:
        return;
    }
    this.#arm();
  }

  stop(): void {
    if (this.#timer !== null) this.#deps.clock.cancelTimer(this.#timer);
    this.#timer = null;
  }

  #arm(): void {
    if (this.#timer !== null) return;
    const { clock, intervalMs } = this.#deps;
    this.#timer = clock.setTimer(Math.max(clock.now(), this.#lastPushAt + intervalMs), () => this.#push());
  }

  #push(): void {
    const { clock, engine, index, deliver } = this.#deps;
    this.#timer = null;
    const now = clock.now();
    this.#lastPushAt = now;
    const everyQueue = index.has('stats') || index.has('queues');
    const queues = this.#allQueuesDirty ? engine.queueIds() : [...this.#dirtyQueues];
    this.#allQueuesDirty = false;
    this.#dirtyQueues.clear();
    for (const queueId of queues) {
      if (!everyQueue && !index.has(`queue:${queueId}`)) continue;
      const snapshot = engine.queueSnapshot(queueId);
      if (!snapshot.ok) continue;
      const figures = JSON.stringify({ ...snapshot.value, at: 0 });
      if (this.#lastSent.get(queueId) === figures) continue;
      this.#lastSent.set(queueId, figures);
      deliver({ type: 'queue.stats', at: now, snapshot: snapshot.value });
    }
    const everyAgent = index.has('stats');
    const agents = [...this.#dirtyAgents];
    this.#dirtyAgents.clear();
    for (const agentId of agents) {
      if (!everyAgent && !index.has(`agent:${agentId}`)) continue;
      const stats = engine.agentStats(agentId);
      if (stats.ok) deliver({ type: 'agent.stats', at: now, stats: stats.value });
    }
  }
}
