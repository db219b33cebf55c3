import type { AgentId, ContactId, Destination, EndOutcome, Millis, QueueId } from '@switchboard/core';
import type { ContactEntry } from './contact-book.ts';
import { describeDestination } from './destination-text.ts';
import type { EngineContext } from './engine-context.ts';
import type { HangupReason } from './ports/telephony.ts';

/** Why the switch releases a call; null: it is not told (it reported the end, or the call went elsewhere). */
export type Release = HangupReason | null;

/**
 * What the switch is told when a contact ends with this outcome and no more precise reason is
 * known: a refusal nobody explained is the dial plan's (or an overflow rule's) hang-up.
 */
export function hangupReasonOf(outcome: EndOutcome): HangupReason {
  switch (outcome) {
    case 'refused':
      return 'rejected';
    case 'timeout':
      return 'timeout';
    case 'interrupted':
      return 'interrupted';
    case 'failed':
      return 'failed';
    case 'abandoned':
    case 'overflowed':
      return 'normal';
  }
}

/**
 * The queues one chain of refusals and overflows has passed through within one instant. A
 * destination already in it ends the contact with the rule's fallback: A full → B full → A would
 * otherwise recurse for ever, and re-entering the queue the contact is leaving is not a new wait.
 */
export type Visited = ReadonlySet<QueueId>;
export const NOWHERE: Visited = new Set();

/** What the overflow rules need of the ACD flow. */
export interface QueueFlow {
  join(
    entry: ContactEntry,
    queueId: QueueId,
    now: Millis,
    contactAlreadyMoved: boolean,
    visited: Visited,
  ): void;
  end(entry: ContactEntry, outcome: EndOutcome, now: Millis, reason?: Release): void;
  /** Rings one Ready agent outside any queue; false (nothing done) when that cannot be. */
  offerDirect(entry: ContactEntry, agentId: AgentId, now: Millis): boolean;
  clearTimers(contactId: ContactId): void;
}

/**
 * Where contacts go when a queue rule sends them away: max wait (`onTimeout`), a refused join
 * (`onFull`, `onEmpty`, applied by the flow's join) and leave-when-empty (`onEmpty`).
 */
export class OverflowRules {
  private readonly ctx: EngineContext;
  private readonly flow: QueueFlow;

  constructor(ctx: EngineContext, flow: QueueFlow) {
    this.ctx = ctx;
    this.flow = flow;
  }

  /** The max-wait timer fired (or max wait had passed when the contact came back from an offer). */
  maxWaitReached(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const contact = entry.contact;
    // A contact ringing an agent is left to ring; the flow applies max wait when it comes back.
    if (contact.phase !== 'queued' || contact.queueId === null || contact.queuedAt === null) return;
    const now = this.ctx.clock.now();
    this.ctx.router.remove(contactId);
    const waitMs = now - contact.queuedAt;
    const onTimeout = this.ctx.queues.config(contact.queueId)?.overflow.onTimeout ?? null;
    if (onTimeout === null || onTimeout.kind === 'hangup') {
      this.ctx.queues.log({ type: 'timeout', at: now, contactId, queueId: contact.queueId, waitMs });
      this.flow.end(entry, 'timeout', now);
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

  /** Contacts whose queue became empty leave it (leave-when-empty), to onEmpty or refused. */
  checkLeaveWhenEmpty(): void {
    const now = this.ctx.clock.now();
    for (const waiting of this.ctx.router.leaveWhenEmpty(now)) {
      const entry = this.ctx.contacts.get(waiting.contactId);
      if (entry !== undefined) this.leaveEmpty(entry, waiting.queueId, waiting.enqueuedAt, now, NOWHERE);
    }
  }

  /** The contact (already out of routing) leaves an empty queue for onEmpty, or ends refused. */
  leaveEmpty(entry: ContactEntry, queueId: QueueId, enqueuedAt: Millis, now: Millis, visited: Visited): void {
    const contactId = entry.contact.id;
    this.ctx.queues.log({ type: 'leftEmpty', at: now, contactId, queueId, waitMs: now - enqueuedAt });
    const onEmpty = this.ctx.queues.config(queueId)?.overflow.onEmpty ?? null;
    if (onEmpty === null) this.flow.end(entry, 'refused', now, 'no-agents');
    else this.sendTo(entry, onEmpty, now, 'refused', new Set(visited).add(queueId), 'no-agents');
  }

  /**
   * Sends a contact that is not waiting anywhere to a destination (dial plan or overflow rule).
   * `reason` is why the contact was sent (queue full, empty): the switch hears it if the contact
   * ends here; without one the fallback outcome says it, and an agent not offerable is 'no-agents'.
   */
  sendTo(
    entry: ContactEntry,
    destination: Destination,
    now: Millis,
    fallback: EndOutcome,
    visited = NOWHERE,
    reason: Release = null,
  ): void {
    this.flow.clearTimers(entry.contact.id);
    const why = reason ?? hangupReasonOf(fallback);
    switch (destination.kind) {
      case 'queue':
        if (visited.has(destination.queueId)) this.flow.end(entry, fallback, now, why);
        else this.flow.join(entry, destination.queueId, now, false, visited);
        return;
      case 'hangup':
        this.flow.end(entry, fallback, now, why);
        return;
      case 'agent':
        // A direct offer needs the agent offerable now; otherwise the contact ends as the rule says.
        if (!this.flow.offerDirect(entry, destination.agentId, now))
          this.flow.end(entry, fallback, now, reason ?? 'no-agents');
        return;
      case 'extension':
      case 'external':
        this.ctx.telephony.redirect(
          entry.contact.id,
          destination.kind === 'extension'
            ? { kind: 'extension', extension: destination.extension }
            : { kind: 'external', number: destination.number },
        );
        this.flow.end(entry, 'overflowed', now, null);
        return;
    }
  }
}
