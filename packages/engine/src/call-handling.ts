import {
  type AgentId,
  type AgentState,
  answerLeg,
  type QueueId,
  agentHangup,
  connectContact,
  customerHangup,
  fail,
  finishContactWrapup,
  type Millis,
  ok,
  type Result,
  withdrawOffer,
  offerContact,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import { type ContactEntry, loggedQueue } from './contact-book.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * A call's life once an agent is involved: answer, talk, hang-up by either side, wrap-up and the
 * contact record at the end. Every `completed` or `transferred` queue log line is followed by a
 * `wrapupEnded` line for the same agent (0 ms when the queue has no wrap-up): statistics take the
 * handle time from that pair.
 */
export class CallHandling {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  /**
   * Contact each agent is wrapping up, with when the wrap-up started and the queue whose log got the
   * agent's `completed`/`transferred` line (its `wrapupEnded` goes there too, even if the contact has
   * moved on to another queue since).
   */
  private readonly wrapups = new Map<
    AgentId,
    { entry: ContactEntry; since: Millis; queueId: QueueId | null }
  >();

  constructor(ctx: EngineContext, acd: Acd) {
    this.ctx = ctx;
    this.acd = acd;
  }

  /** The offered agent picked up. A stale answer (offer already withdrawn) is refused, nothing changes. */
  answered(entry: ContactEntry, agentId: AgentId): Result<void> {
    const { contacts, agents, queues, router, timers } = this.ctx;
    const now = this.ctx.clock.now();
    if (!entry.offers.has(agentId)) {
      return fail('conflict', `contact ${entry.contact.id} is not ringing agent ${agentId}`, {
        contactId: entry.contact.id,
        agentId,
      });
    }
    const agentNext = agents.check(agentId, { type: 'answer' });
    if (!agentNext.ok) return agentNext;
    if (entry.contact.phase === 'connected') return this.transferAnswered(entry, agentId, now);
    this.acd.withdrawOffers(entry, agentId);
    let contact = entry.contact;
    if (contact.offeredTo !== agentId) {
      // Ring-all: another member of the group answered first; the contact's offer moves to it.
      contact = contacts.change(
        entry,
        must(withdrawOffer(contact, { reason: 'withdrawn', at: now }), 'move offer'),
      ).contact;
      contact = contacts.change(
        entry,
        must(offerContact(contact, { agentId, at: now }), 'move offer'),
      ).contact;
    }
    contacts.change(entry, must(connectContact(contact, { at: now, agentId }), 'connect'));
    agents.apply(agentId, { type: 'answer' });
    timers.cancel(`maxwait:${contact.id}`);
    entry.offers.clear();
    entry.firstConnectedAt ??= now;
    contacts.startTalk(entry, now);
    entry.agents.push(agentId);
    const queueId = loggedQueue(entry);
    if (queueId !== null && contact.queuedAt !== null) {
      queues.log({
        type: 'connected',
        at: now,
        contactId: contact.id,
        queueId,
        agentId,
        waitMs: now - contact.queuedAt,
      });
      router.recordAnswered(agentId, queueId, now);
    }
    return ok(undefined);
  }

  /** A blind-transfer target agent picked up: it becomes the handling agent. */
  private transferAnswered(entry: ContactEntry, agentId: AgentId, now: Millis): Result<void> {
    const leg = entry.contact.legs.find(
      (l) =>
        l.role === 'transferred-to' &&
        l.state === 'ringing' &&
        l.party.kind === 'agent' &&
        l.party.agentId === agentId,
    );
    if (leg === undefined) return fail('conflict', `no transfer is ringing agent ${agentId}`, { agentId });
    const step = answerLeg(entry.contact, { legId: leg.id, at: now });
    if (!step.ok) return step;
    this.ctx.contacts.change(entry, step.value);
    this.ctx.agents.apply(agentId, { type: 'answer' });
    this.ctx.timers.cancel(`rna:${entry.contact.id}`);
    entry.offers.clear();
    entry.agents.push(agentId);
    this.ctx.contacts.startTalk(entry, now);
    return ok(undefined);
  }

  /** Either side hung up a connected call: the call ends, the agent wraps up, the record follows. */
  ended(entry: ContactEntry, endedBy: 'caller' | 'agent'): Result<void> {
    const now = this.ctx.clock.now();
    const contact = entry.contact;
    const agentId = contact.agentId;
    const queueId = loggedQueue(entry);
    const wrapupMs = contact.queueId === null ? 0 : (this.ctx.queues.config(contact.queueId)?.wrapupMs ?? 0);
    const step =
      endedBy === 'caller'
        ? customerHangup(contact, { at: now, wrapup: wrapupMs > 0 })
        : agentHangup(contact, { at: now, wrapup: wrapupMs > 0 });
    if (!step.ok) return step;
    const { talkMs, holdMs } = this.ctx.contacts.closeSegments(entry, now);
    this.ctx.contacts.change(entry, step.value);
    this.acd.clearTimers(contact.id);
    if (agentId === null) {
      // Handed over and not answered yet: a transfer target still ringing is withdrawn.
      this.acd.withdrawOffers(entry, null);
      if (entry.contact.phase === 'done') this.ctx.contacts.finish(entry);
      return ok(undefined);
    }
    if (queueId !== null) {
      this.ctx.queues.log({
        type: 'completed',
        at: now,
        contactId: contact.id,
        queueId,
        agentId,
        talkMs,
        holdMs,
        endedBy,
      });
    }
    const agentState = must(this.ctx.agents.apply(agentId, { type: 'callEnded', wrapupMs }), 'call ended');
    this.beginWrapup(entry, agentId, queueId, agentState, now);
    return ok(undefined);
  }

  /** After the agent's part of a call ended: wrap-up runs (timed or open), or closes at once. */
  beginWrapup(
    entry: ContactEntry,
    agentId: AgentId,
    queueId: QueueId | null,
    agentState: AgentState,
    now: Millis,
  ): void {
    if (agentState.name === 'Wrapup') {
      this.wrapups.set(agentId, { entry, since: now, queueId });
      if (agentState.wrapupEndsAt !== null) this.armWrapupTimer(agentId, agentState.wrapupEndsAt);
    } else {
      this.closeWrapup(entry, agentId, queueId, now, now);
    }
  }

  /** The agent's wrap-up ended (timer, agent, or into pause): the contact is done. */
  wrapupEnded(agentId: AgentId): void {
    const wrap = this.wrapups.get(agentId);
    if (wrap === undefined) return;
    this.wrapups.delete(agentId);
    this.ctx.timers.cancel(`wrapup:${agentId}`);
    const now = this.ctx.clock.now();
    this.closeWrapup(wrap.entry, agentId, wrap.queueId, wrap.since, now);
  }

  /** Re-arms the wrap-up timer after an extension. */
  armWrapupTimer(agentId: AgentId, at: Millis): void {
    this.ctx.timers.set(`wrapup:${agentId}`, at, () => {
      if (this.ctx.agents.apply(agentId, { type: 'wrapupExpired' }).ok) this.wrapupEnded(agentId);
    });
  }

  isWrappingUp(agentId: AgentId): boolean {
    return this.wrapups.has(agentId);
  }

  private closeWrapup(
    entry: ContactEntry,
    agentId: AgentId,
    queueId: QueueId | null,
    since: Millis,
    now: Millis,
  ): void {
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
    // The contact's wrap-up belongs to its last handler: an agent who transferred it away ends only
    // its own after-call work (in the queue log and its statistics), even when the new handler is
    // already wrapping up too; the record's wrap-up is the contact's own.
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
