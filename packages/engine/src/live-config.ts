import {
  type AgentId,
  createPauseReasonCatalog,
  fail,
  ok,
  type PauseReason,
  type QueueConfig,
  type QueueId,
  type Result,
  validateQueueConfig,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import type { AgentConfig, DialPlanEntry, MembershipConfig } from './engine-config.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * Configuration changes applied to the running engine (the server writes them to the database first).
 * Each validates everything before it changes anything, like every other engine command.
 */
export class LiveConfig {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  readonly dialPlan = new Map<string, DialPlanEntry>();

  constructor(ctx: EngineContext, acd: Acd) {
    this.ctx = ctx;
    this.acd = acd;
  }

  addAgent(config: AgentConfig): Result<void> {
    return this.ctx.agents.add(config);
  }

  updateAgent(config: AgentConfig): Result<void> {
    return this.ctx.agents.update(config);
  }

  /** A logged-out agent only; its memberships go with it. */
  removeAgent(agentId: AgentId): Result<void> {
    const removed = this.ctx.agents.remove(agentId);
    if (!removed.ok) return removed;
    for (const queueId of this.ctx.queues.ids()) {
      this.ctx.router.removeMembership(agentId, queueId);
      this.ctx.queues.removeMember(queueId, agentId);
    }
    return ok(undefined);
  }

  upsertQueue(config: QueueConfig): Result<void> {
    const valid = validateQueueConfig(config);
    if (!valid.ok) return valid;
    const routed = this.ctx.router.upsertQueue(valid.value);
    if (!routed.ok) return routed;
    const booked = this.ctx.queues.upsert(valid.value);
    if (booked.ok) this.acd.scheduleRoute();
    return booked;
  }

  /** Refused while contacts wait in it or the dial plan sends callers to it. */
  removeQueue(queueId: QueueId): Result<void> {
    for (const entry of this.dialPlan.values()) {
      if (entry.destination.kind === 'queue' && entry.destination.queueId === queueId) {
        return fail('conflict', `dial plan number ${entry.number} sends callers to queue ${queueId}`, {
          queueId,
        });
      }
    }
    const removed = this.ctx.router.removeQueue(queueId);
    if (!removed.ok) return removed;
    this.ctx.queues.remove(queueId);
    return ok(undefined);
  }

  setMembership(m: MembershipConfig): Result<void> {
    if (this.ctx.agents.get(m.agentId) === undefined)
      return fail('unknown_agent', `no agent ${m.agentId}`, { ...m });
    const set = this.ctx.router.setMembership(m.agentId, m.queueId, m.penalty);
    if (!set.ok) return set;
    this.ctx.queues.addMember(m.queueId, m.agentId);
    this.acd.scheduleRoute();
    return ok(undefined);
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Result<void> {
    const removed = this.ctx.router.removeMembership(agentId, queueId);
    if (!removed.ok) return removed;
    this.ctx.queues.removeMember(queueId, agentId);
    this.acd.overflow.checkLeaveWhenEmpty();
    return ok(undefined);
  }

  setDialPlanEntry(entry: DialPlanEntry): Result<void> {
    if (
      entry.destination.kind === 'queue' &&
      this.ctx.queues.config(entry.destination.queueId) === undefined
    ) {
      return fail('unknown_queue', `dial plan ${entry.number} names queue ${entry.destination.queueId}`, {
        ...entry,
      });
    }
    this.dialPlan.set(entry.number, entry);
    return ok(undefined);
  }

  removeDialPlanEntry(number: string): Result<void> {
    if (!this.dialPlan.delete(number))
      return fail('unknown_number', `no dial plan number ${number}`, { number });
    return ok(undefined);
  }

  /** Replaces the catalogue; the system reasons (no_answer, disconnected, restart) are always kept. */
  setPauseReasons(reasons: readonly PauseReason[]): Result<void> {
    const catalog = createPauseReasonCatalog(reasons);
    if (!catalog.ok) return catalog;
    this.ctx.agents.catalog = catalog.value;
    return ok(undefined);
  }
}
