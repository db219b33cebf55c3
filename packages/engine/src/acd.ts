import {
  type AgentId,
  type Assignment,
  type ContactId,
  type Destination,
  endContact,
  enqueueContact,
  type EndOutcome,
  isQueueEmpty,
  type Millis,
  offerContact,
  type QueueId,
  withdrawOffer,
} from '@switchboard/core';
import { type ContactEntry, loggedQueue } from './contact-book.ts';
import { must } from './contact-ops.ts';
import { describeDestination } from './destination-text.ts';
import type { EngineContext } from './engine-context.ts';

const RELAX_TIMER = 'relax';

/**
 * The queues one chain of refusals and overflows has passed through within one instant. A
 * destination already in it ends the contact with the rule's fallback: A full → B full → A would
 * otherwise recurse for ever, and re-entering the queue the contact is leaving is not a new wait.
 */
type Visited = ReadonlySet<QueueId>;
const NOWHERE: Visited = new Set();

/**
 * The ACD flow: contacts join queues, routing passes match them with agents, offers ring, unanswered
 * offers go back to the head of the queue, and max-wait, overflow and leave-when-empty rules send
 * contacts elsewhere. Routing passes are coalesced: any number of changes within one instant cause
 * one pass, run on the next turn of the clock.
 */
export class Acd {
  private readonly ctx: EngineContext;
  private routePending = false;
  private relaxAt: Millis | null = null;

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
  }

  scheduleRoute(): void {
    if (this.routePending) return;
    this.routePending = true;
    this.ctx.clock.setTimer(this.ctx.clock.now(), () => {
      this.routePending = false;
      this.routePass();
    });
  }

  routePass(): void {
    const now = this.ctx.clock.now();
    for (const assignment of this.ctx.router.route(now)) this.offer(assignment, now);
    this.armRelaxation(now);
  }

  /** Puts a contact (phase queued, not waiting anywhere) into a queue, or applies the queue's refusal. */
  join(
    entry: ContactEntry,
    queueId: QueueId,
    now: Millis,
    contactAlreadyMoved = false,
    visited = NOWHERE,
  ): void {
    const { router, queues, contacts, timers } = this.ctx;
    const config = queues.config(queueId);
    if (config === undefined) {
      this.end(entry, 'failed', now);
      return;
    }
    const contact = entry.contact;
    const outcome = must(
      router.enqueue({ contactId: contact.id, queueId, priority: contact.priority, enqueuedAt: now }, now),
      'enqueue',
    );
    const chain = new Set(visited).add(queueId);
    if (outcome.kind === 'refused') {
      queues.log({ type: 'refused', at: now, contactId: contact.id, queueId, reason: outcome.reason });
      if (outcome.overflow === null) this.end(entry, 'refused', now);
      else this.sendTo(entry, outcome.overflow, now, 'refused', chain);
      return;
    }
    // A blind transfer to a queue has already put the contact in it (core's blindTransfer).
    if (!contactAlreadyMoved)
      contacts.change(entry, must(enqueueContact(contact, { queueId, at: now }), 'enqueue contact'));
    entry.direct = false;
    queues.log({ type: 'entered', at: now, contactId: contact.id, queueId, priority: contact.priority });
    // A queue already empty by its leave-when-empty rule keeps nobody: the check made when agents
    // leave would never see this queue again if no member changes.
    if (isQueueEmpty(config.leaveWhenEmpty, router.memberCounts(queueId))) {
      router.remove(contact.id);
      this.leaveEmpty(entry, queueId, now, now, chain);
      return;
    }
    if (config.maxWaitMs !== null) {
      timers.set(`maxwait:${contact.id}`, now + config.maxWaitMs, () => this.maxWaitReached(contact.id));
    }
    this.scheduleRoute();
  }

  /** The caller hung up while queued or ringing an agent: an abandon. */
  abandon(entry: ContactEntry, now: Millis): void {
    const contact = entry.contact;
    const queueId = loggedQueue(entry);
    const position = this.ctx.router.position(contact.id) ?? 1;
    this.ctx.router.remove(contact.id);
    this.withdrawOffers(entry, null);
    if (queueId !== null && contact.queuedAt !== null) {
      this.ctx.queues.log({
        type: 'abandoned',
        at: now,
        contactId: contact.id,
        queueId,
        waitMs: now - contact.queuedAt,
        position,
      });
    }
    this.end(entry, 'abandoned', now, false);
  }

  /** Ring-no-answer: every ringing agent goes Paused('no_answer'), the contact returns to the head. */
  ringNoAnswer(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || entry.contact.phase !== 'offered') return;
    const now = this.ctx.clock.now();
    const queueId = loggedQueue(entry);
    for (const agentId of entry.offers) {
      this.ctx.agents.apply(agentId, { type: 'ringNoAnswer' });
      this.ctx.telephony.cancelOffer(contactId, agentId);
      if (queueId !== null)
        this.ctx.queues.log({ type: 'ringNoAnswer', at: now, contactId, queueId, agentId });
    }
    entry.offers.clear();
    this.requeue(entry, 'no_answer', now);
  }

  /** The agent declined the offer: the contact goes back to the head; the agent follows core's rule. */
  rejected(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    if (!entry.offers.delete(agentId)) return;
    this.ctx.agents.apply(agentId, { type: 'reject' });
    this.ctx.telephony.cancelOffer(entry.contact.id, agentId);
    // With ring-all the others keep ringing, and their ring timeout keeps running; the contact only
    // returns when nobody rings any more.
    if (entry.offers.size > 0) return;
    this.ctx.timers.cancel(`rna:${entry.contact.id}`);
    this.requeue(entry, 'withdrawn', now);
  }

  /** Withdraws every ringing offer except `keep` (first answer of a ring-all, or caller gone). */
  withdrawOffers(entry: ContactEntry, keep: AgentId | null): void {
    for (const agentId of entry.offers) {
      if (agentId === keep) continue;
      this.ctx.agents.apply(agentId, { type: 'withdraw' });
      this.ctx.telephony.cancelOffer(entry.contact.id, agentId);
    }
    entry.offers.clear();
    if (keep !== null) entry.offers.add(keep);
    this.ctx.timers.cancel(`rna:${entry.contact.id}`);
  }

  /** Ends a contact that never reached an agent (refused, timed out, failed, abandoned …). */
  end(entry: ContactEntry, outcome: EndOutcome, now: Millis, hangup = true): void {
    this.clearTimers(entry.contact.id);
    this.ctx.router.remove(entry.contact.id);
    this.ctx.contacts.change(entry, must(endContact(entry.contact, { outcome, at: now }), `end ${outcome}`));
    if (hangup) this.ctx.telephony.hangup(entry.contact.id);
    this.ctx.contacts.finish(entry);
  }

  clearTimers(contactId: ContactId): void {
    this.ctx.timers.cancel(`maxwait:${contactId}`);
    this.ctx.timers.cancel(`rna:${contactId}`);
  }

  /** Contacts whose queue became empty leave it (leave-when-empty), to onEmpty or refused. */
  checkLeaveWhenEmpty(): void {
    const now = this.ctx.clock.now();
    for (const waiting of this.ctx.router.leaveWhenEmpty(now)) {
      const entry = this.ctx.contacts.get(waiting.contactId);
      if (entry === undefined) continue;
      this.leaveEmpty(entry, waiting.queueId, waiting.enqueuedAt, now, NOWHERE);
    }
  }

  /** The contact (already out of routing) leaves an empty queue for onEmpty, or ends refused. */
  private leaveEmpty(
    entry: ContactEntry,
    queueId: QueueId,
    enqueuedAt: Millis,
    now: Millis,
    visited: Visited,
  ) {
    const contactId = entry.contact.id;
    this.ctx.queues.log({ type: 'leftEmpty', at: now, contactId, queueId, waitMs: now - enqueuedAt });
    const onEmpty = this.ctx.queues.config(queueId)?.overflow.onEmpty ?? null;
    if (onEmpty === null) this.end(entry, 'refused', now);
    else this.sendTo(entry, onEmpty, now, 'refused', new Set(visited).add(queueId));
  }

  private offer(assignment: Assignment, now: Millis): void {
    const { contacts, agents, telephony, queues, timers } = this.ctx;
    const entry = contacts.get(assignment.contactId);
    if (entry === undefined) return;
    const [first] = assignment.agentIds;
    if (first === undefined) return;
    contacts.change(entry, must(offerContact(entry.contact, { agentId: first, at: now }), 'offer contact'));
    const queueId = loggedQueue(entry);
    for (const agentId of assignment.agentIds) {
      must(agents.apply(agentId, { type: 'offer', contactId: assignment.contactId }), 'offer to agent');
      entry.offers.add(agentId);
      if (queueId !== null)
        queues.log({ type: 'offered', at: now, contactId: entry.contact.id, queueId, agentId });
      const extension = agents.get(agentId)?.state.extension ?? null;
      telephony.offer({ contactId: assignment.contactId, agentId, extension, queueId });
    }
    const ringMs = queues.config(assignment.queueId)?.ringTimeoutMs ?? 0;
    if (ringMs > 0)
      timers.set(`rna:${assignment.contactId}`, now + ringMs, () => this.ringNoAnswer(assignment.contactId));
  }

  private requeue(entry: ContactEntry, reason: 'no_answer' | 'withdrawn', now: Millis): void {
    const { contacts, router, queues } = this.ctx;
    contacts.change(entry, must(withdrawOffer(entry.contact, { reason, at: now }), 'withdraw offer'));
    const contact = entry.contact;
    // A direct offer (overflow to an agent) never waited in routing: there is no head to go back to.
    if (entry.direct || contact.queueId === null || contact.queuedAt === null) {
      this.end(entry, 'timeout', now);
      return;
    }
    const back = router.requeueAtHead(
      {
        contactId: contact.id,
        queueId: contact.queueId,
        priority: contact.priority,
        enqueuedAt: contact.queuedAt,
      },
      now,
    );
    if (!back.ok) {
      this.end(entry, 'timeout', now);
      return;
    }
    // Max wait counts waiting, ringing included: if it passed while the contact rang, it applies now
    // (its timer fired during the offer and did nothing).
    const maxWaitMs = queues.config(contact.queueId)?.maxWaitMs ?? null;
    if (maxWaitMs !== null && contact.queuedAt + maxWaitMs <= now) {
      this.maxWaitReached(contact.id);
      return;
    }
    this.scheduleRoute();
  }

  private maxWaitReached(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const contact = entry.contact;
    // A contact ringing an agent is left to ring: max wait applies to waiting, not to an offer.
    if (contact.phase !== 'queued' || contact.queueId === null || contact.queuedAt === null) return;
    const now = this.ctx.clock.now();
    this.ctx.router.remove(contactId);
    const waitMs = now - contact.queuedAt;
    const onTimeout = this.ctx.queues.config(contact.queueId)?.overflow.onTimeout ?? null;
    if (onTimeout === null || onTimeout.kind === 'hangup') {
      this.ctx.queues.log({ type: 'timeout', at: now, contactId, queueId: contact.queueId, waitMs });
      this.end(entry, 'timeout', now);
      return;
    }
    this.ctx.queues.log({
      type: 'overflowed',
      at: now,
      contactId,
      queueId: contact.queueId,
      waitMs,
      destination: describeDestination(onTimeout),
    });
    this.sendTo(entry, onTimeout, now, 'timeout', new Set([contact.queueId]));
  }

  /** Sends a contact that is not waiting anywhere to an overflow destination. */
  sendTo(
    entry: ContactEntry,
    destination: Destination,
    now: Millis,
    fallback: EndOutcome,
    visited = NOWHERE,
  ): void {
    this.clearTimers(entry.contact.id);
    switch (destination.kind) {
      case 'queue':
        if (visited.has(destination.queueId)) this.end(entry, fallback, now);
        else this.join(entry, destination.queueId, now, false, visited);
        return;
      case 'hangup':
        this.end(entry, fallback, now);
        return;
      case 'agent': {
        // A direct offer needs the agent offerable now; otherwise the contact ends as the rule says.
        const agent = this.ctx.agents.get(destination.agentId);
        if (agent?.state.name === 'Ready' && entry.contact.queueId !== null) {
          entry.direct = true;
          this.ctx.router.setAgentPresence(destination.agentId, 'busy', now);
          this.offer(
            {
              contactId: entry.contact.id,
              queueId: entry.contact.queueId,
              agentIds: [destination.agentId],
              waitedMs: 0,
            },
            now,
          );
          return;
        }
        this.end(entry, fallback, now);
        return;
      }
      case 'extension':
        this.ctx.telephony.redirect(entry.contact.id, {
          kind: 'extension',
          extension: destination.extension,
        });
        this.end(entry, 'overflowed', now, false);
        return;
      case 'external':
        this.ctx.telephony.redirect(entry.contact.id, { kind: 'external', number: destination.number });
        this.end(entry, 'overflowed', now, false);
        return;
    }
  }

  private armRelaxation(now: Millis): void {
    const next = this.ctx.router.nextRelaxationAt(now);
    if (next === this.relaxAt) return;
    this.relaxAt = next;
    if (next === null) {
      this.ctx.timers.cancel(RELAX_TIMER);
      return;
    }
    this.ctx.timers.set(RELAX_TIMER, next, () => {
      this.relaxAt = null;
      this.routePass();
    });
  }
}
