import {
  type AgentId,
  type AgentState,
  finishContactWrapup,
  type Millis,
  type QueueId,
} from '@switchboard/core';
import type { ContactEntry } from './contact-book.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';

interface Wrapping {
  readonly entry: ContactEntry;
  readonly since: Millis;
  /** The queue whose log got the agent's `completed`/`transferred` line; its `wrapupEnded` goes there too. */
  readonly queueId: QueueId | null;
}

/**
 * Agents' after-call work. Every `completed` or `transferred` queue log line is followed by one
 * `wrapupEnded` line for the same agent and contact in the same queue (0 ms when there was no
 * wrap-up): statistics take the handle time from that pair.
 */
export class Wrapups {
  private readonly ctx: EngineContext;
  private readonly wrapping = new Map<AgentId, Wrapping>();

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
  }

  /** The wrap-up a contact of this queue gets (none outside a queue). */
  wrapupMsOf(queueId: QueueId | null): number {
    return queueId === null ? 0 : (this.ctx.queues.config(queueId)?.wrapupMs ?? 0);
  }

  /**
   * The agent's part of the call is over (hang-up, or it handed the customer on): it wraps up for
   * `wrapupMs`, or goes straight to its after-call state. `queueId` is where its lines are logged.
   */
  leaveCall(
    entry: ContactEntry,
    agentId: AgentId,
    queueId: QueueId | null,
    wrapupMs: number,
    now: Millis,
  ): void {
    const state: AgentState = must(
      this.ctx.agents.apply(agentId, { type: 'callEnded', wrapupMs }),
      'leave call',
    );
    if (state.name === 'Wrapup') {
      this.wrapping.set(agentId, { entry, since: now, queueId });
      if (state.wrapupEndsAt !== null) this.armTimer(agentId, state.wrapupEndsAt);
    } else {
      this.close(agentId, { entry, since: now, queueId }, now);
    }
  }

  /** The agent's wrap-up ended (its timer, the agent, or into a pause): its agent state already moved. */
  ended(agentId: AgentId): void {
    const wrap = this.wrapping.get(agentId);
    if (wrap === undefined) return;
    this.wrapping.delete(agentId);
    this.ctx.timers.cancel(`wrapup:${agentId}`);
    this.close(agentId, wrap, this.ctx.clock.now());
  }

  /** (Re-)arms the wrap-up timer, e.g. after an extension. */
  armTimer(agentId: AgentId, at: Millis): void {
    this.ctx.timers.set(`wrapup:${agentId}`, at, () => {
      if (this.ctx.agents.apply(agentId, { type: 'wrapupExpired' }).ok) this.ended(agentId);
    });
  }

  private close(agentId: AgentId, { entry, since, queueId }: Wrapping, now: Millis): void {
    const wrapupMs = now - since;
    if (queueId !== null) {
      this.ctx.queues.log({
        type: 'wrapupEnded',
        at: now,
        contactId: entry.contact.id,
        queueId,
        agentId,
        wrapupMs,
      });
    }
    // The contact's wrap-up belongs to its last handler: an agent who handed it on ends only its own
    // after-call work (in the queue log and its statistics), even when the new handler is already
    // wrapping up too; the record's wrap-up is the contact's own.
    if (entry.contact.phase === 'wrapup' && entry.contact.agentId === agentId) {
      entry.wrapupMs += wrapupMs;
      this.ctx.contacts.change(
        entry,
        must(finishContactWrapup(entry.contact, { at: now }), 'finish wrap-up'),
      );
    }
    if (entry.contact.phase === 'done' && this.ctx.contacts.get(entry.contact.id) !== undefined) {
      this.ctx.contacts.finish(entry);
    }
  }
}
