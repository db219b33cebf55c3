import {
  type AgentId,
  type Assignment,
  type ContactId,
  endContact,
  endLeg,
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
import type { EngineContext } from './engine-context.ts';
import { hangupReasonOf, NOWHERE, OverflowRules, type Release } from './overflow-rules.ts';
import type { HangupReason } from './ports/telephony.ts';
import { RoutePasses } from './route-passes.ts';

/**
 * The ACD flow: contacts join queues, routing passes (`passes`) match them with agents, offers ring,
 * unanswered offers go back to the head of the queue; `overflow` sends contacts elsewhere.
 */
export class Acd {
  private readonly ctx: EngineContext;
  readonly overflow: OverflowRules;
  private readonly passes: RoutePasses;

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
    this.overflow = new OverflowRules(ctx, this);
    this.passes = new RoutePasses(ctx, (assignment, now) => this.offer(assignment, now));
  }

  /** Something changed that may make a match: route on the next turn of the clock. */
  scheduleRoute(): void {
    this.passes.schedule();
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
      const reason = outcome.reason === 'full' ? 'queue-full' : 'no-agents';
      if (outcome.overflow === null) this.end(entry, 'refused', now, reason);
      else this.overflow.sendTo(entry, outcome.overflow, now, 'refused', chain, reason);
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
      this.overflow.leaveEmpty(entry, queueId, now, now, chain);
      return;
    }
    if (config.maxWaitMs !== null) {
      timers.set(`maxwait:${contact.id}`, now + config.maxWaitMs, () =>
        this.overflow.maxWaitReached(contact.id),
      );
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
    this.end(entry, 'abandoned', now, null);
  }

  /** Ring-no-answer: ringing agents go Paused('no_answer'); an ACD offer requeues, a blind transfer fails. */
  ringNoAnswer(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || entry.offers.size === 0) return;
    const now = this.ctx.clock.now();
    // A transfer target ringing is not a queue offer: it has no line in the queue log.
    const queueId = entry.contact.phase === 'offered' ? loggedQueue(entry) : null;
    for (const agentId of entry.offers) {
      this.ctx.agents.apply(agentId, { type: 'ringNoAnswer' });
      this.ctx.telephony.cancelOffer(contactId, agentId);
      if (queueId !== null)
        this.ctx.queues.log({ type: 'ringNoAnswer', at: now, contactId, queueId, agentId });
    }
    entry.offers.clear();
    this.offersEnded(entry, 'no_answer', now);
  }

  /** The agent declined the offer: the agent follows core's rule, the contact as when nobody answers. */
  rejected(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    if (!entry.offers.delete(agentId)) return;
    this.ctx.agents.apply(agentId, { type: 'reject' });
    this.ctx.telephony.cancelOffer(entry.contact.id, agentId);
    // With ring-all the others keep ringing, and their ring timeout keeps running; the contact only
    // returns when nobody rings any more.
    if (entry.offers.size > 0) {
      // The contact models one ringing agent leg (its offeredTo): it moves to a phone still ringing.
      const [next] = entry.offers;
      if (entry.contact.offeredTo === agentId && next !== undefined) this.moveOffer(entry, next, now);
      return;
    }
    this.ctx.timers.cancel(`rna:${entry.contact.id}`);
    this.offersEnded(entry, 'withdrawn', now);
  }

  /** Ring-all: the contact's offer moves to another agent of the group (who answered, or still rings). */
  moveOffer(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    const { contacts } = this.ctx;
    contacts.change(
      entry,
      must(withdrawOffer(entry.contact, { reason: 'withdrawn', at: now }), 'move offer'),
    );
    contacts.change(entry, must(offerContact(entry.contact, { agentId, at: now }), 'move offer'));
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

  /** Ends a contact that never reached an agent; tells the switch why (null: it knows already). */
  end(
    entry: ContactEntry,
    outcome: EndOutcome,
    now: Millis,
    reason: Release = hangupReasonOf(outcome),
  ): void {
    this.clearTimers(entry.contact.id);
    this.ctx.router.remove(entry.contact.id);
    this.ctx.contacts.change(entry, must(endContact(entry.contact, { outcome, at: now }), `end ${outcome}`));
    if (reason !== null) this.ctx.telephony.hangup(entry.contact.id, reason);
    this.ctx.contacts.finish(entry);
  }

  clearTimers(contactId: ContactId): void {
    this.ctx.timers.cancel(`maxwait:${contactId}`);
    this.ctx.timers.cancel(`rna:${contactId}`);
  }

  offerDirect(entry: ContactEntry, agentId: AgentId, now: Millis): boolean {
    const queueId = entry.contact.queueId;
    // Ready, and not claimed by a routing decision being carried out (a ring-all group is offered
    // agent by agent, and each offer may empty a queue whose contacts then come here).
    const offerable =
      this.ctx.agents.get(agentId)?.state.name === 'Ready' &&
      this.ctx.router.presenceOf(agentId) === 'available';
    if (!offerable || queueId === null) return false;
    entry.direct = true;
    this.ctx.router.setAgentPresence(agentId, 'busy', now);
    this.offer({ contactId: entry.contact.id, queueId, agentIds: [agentId], waitedMs: 0 }, now);
    return true;
  }

  /** Rings a blind-transfer target: the contact stays connected, with no agent of ours, until it answers. */
  offerTransfer(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    must(this.ctx.agents.apply(agentId, { type: 'offer', contactId: entry.contact.id }), 'offer transfer');
    this.ring(entry, agentId, entry.contact.queueId);
    // The ring timeout of the contact's queue applies as to any offer; a contact of no queue rings
    // until the target answers or rejects, or the caller hangs up.
    this.armRingTimeout(entry, entry.contact.queueId, now);
  }

  /**
   * An unattended consult transfer: the consulted agent already rings and from now on rings as a
   * transfer target (ring timeout, reject and caller hang-up as for a blind transfer).
   */
  adoptTransferRing(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    entry.offers.add(agentId);
    this.armRingTimeout(entry, entry.contact.queueId, now);
  }

  private offer(assignment: Assignment, now: Millis): void {
    const { contacts, agents, queues } = this.ctx;
    const entry = contacts.get(assignment.contactId);
    if (entry === undefined) return;
    const [first] = assignment.agentIds;
    if (first === undefined) return;
    contacts.change(entry, must(offerContact(entry.contact, { agentId: first, at: now }), 'offer contact'));
    const queueId = loggedQueue(entry);
    for (const agentId of assignment.agentIds) {
      must(agents.apply(agentId, { type: 'offer', contactId: assignment.contactId }), 'offer to agent');
      if (queueId !== null)
        queues.log({ type: 'offered', at: now, contactId: entry.contact.id, queueId, agentId });
      this.ring(entry, agentId, queueId);
    }
    this.armRingTimeout(entry, assignment.queueId, now);
  }

  private ring(entry: ContactEntry, agentId: AgentId, queueId: QueueId | null): void {
    entry.offers.add(agentId);
    const extension = this.ctx.agents.get(agentId)?.state.extension ?? null;
    this.ctx.telephony.offer({ contactId: entry.contact.id, agentId, extension, queueId });
  }

  private armRingTimeout(entry: ContactEntry, queueId: QueueId | null, now: Millis): void {
    const contactId = entry.contact.id;
    const ringMs = queueId === null ? 0 : (this.ctx.queues.config(queueId)?.ringTimeoutMs ?? 0);
    if (ringMs > 0) this.ctx.timers.set(`rna:${contactId}`, now + ringMs, () => this.ringNoAnswer(contactId));
  }

  /** Nobody rings for the contact any more. */
  private offersEnded(entry: ContactEntry, reason: 'no_answer' | 'withdrawn', now: Millis): void {
    if (entry.contact.phase !== 'connected') this.requeue(entry, reason, now);
    else this.transferUnanswered(entry, now, reason === 'no_answer' ? 'timeout' : 'no-agents');
  }

  /** Nobody took a blind transfer to an agent (rang out: 'timeout'; declined or left: 'no-agents'). */
  transferUnanswered(entry: ContactEntry, now: Millis, reason: HangupReason = 'no-agents'): void {
    const leg = entry.contact.legs.find((l) => l.role === 'transferred-to' && l.state === 'ringing');
    if (leg === undefined) return;
    this.clearTimers(entry.contact.id);
    this.ctx.contacts.change(
      entry,
      must(endLeg(entry.contact, { legId: leg.id, at: now }), 'transfer unanswered'),
    );
    this.ctx.telephony.hangup(entry.contact.id, reason);
    if (entry.contact.phase === 'done') this.ctx.contacts.finish(entry);
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
    // The queue may have emptied while the contact rang (its last agent let it ring out, say).
    this.overflow.checkLeaveWhenEmpty();
    if (router.position(contact.id) === null) return;
    // Max wait counts waiting, ringing included: if it passed while the contact rang, it applies now
    // (its timer fired during the offer and did nothing).
    const maxWaitMs = queues.config(contact.queueId)?.maxWaitMs ?? null;
    if (maxWaitMs !== null && contact.queuedAt + maxWaitMs <= now) {
      this.overflow.maxWaitReached(contact.id);
      return;
    }
    this.scheduleRoute();
  }
}
