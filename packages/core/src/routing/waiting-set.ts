// The Router's side of waiting contacts: where each one is, when its next relaxation step starts,
// and which ones changed since the last route(). Queues hold the buckets; this holds the ids, the
// relaxation timetable and the arrival counters that give the service order its tie-breaks.
import type { ContactId, Millis } from '../ids.ts';
import { nextStepTime, stepAt } from './eligibility.ts';
import type { QueueConfig } from './queue-config.ts';
import type { QueueState } from './queue-state.ts';
import { RelaxationSchedule } from './relaxation-schedule.ts';
import type { ContactRecord } from './router-records.ts';
import type { WaitingContact } from './waiting-contact.ts';

export class WaitingSet {
  private readonly byId = new Map<ContactId, ContactRecord>();
  /** Waiting contacts with a relaxation step still ahead, by when it starts. */
  private readonly relaxations = new RelaxationSchedule();
  /** Contacts that arrived, came back or changed step since the last route(). */
  readonly dirty: ContactRecord[] = [];
  private seq = 0;
  private headSeq = 0;

  get(contactId: ContactId): ContactRecord | undefined {
    return this.byId.get(contactId);
  }

  has(contactId: ContactId): boolean {
    return this.byId.has(contactId);
  }

  /**
   * A record for a contact about to wait in `queue` (not yet placed). An ordinary arrival ranks by
   * its enqueuedAt after everything before it; a contact put back at the head takes the rank of its
   * priority band's head (or its own, if earlier) and a seq below every other.
   */
  create(contact: WaitingContact, queue: QueueState, atHead: boolean): ContactRecord {
    return {
      contact,
      queue,
      queueId: queue.id,
      priority: contact.priority,
      rank: atHead ? Math.min(contact.enqueuedAt, queue.bandHeadRank(contact.priority)) : contact.enqueuedAt,
      seq: atHead ? --this.headSeq : ++this.seq,
      queueWeight: queue.config.weight,
      requirementClass: queue.requirementClass(contact.requirements),
      step: 0,
      nextStepAt: null,
      bucket: null,
      relaxToken: 0,
      waiting: true,
      dirty: false,
    };
  }

  admit(contact: ContactRecord, now: Millis): void {
    this.byId.set(contact.contact.contactId, contact);
    this.place(contact, stepAt(contact.queue.steps, contact.contact.enqueuedAt, now));
    this.markDirty(contact);
  }

  detach(contact: ContactRecord): void {
    contact.queue.detach(contact);
    this.relaxations.cancel(contact);
    this.byId.delete(contact.contact.contactId);
    contact.waiting = false;
  }

  /** Applies a new config to a queue and re-files its contacts (requirement class, weight, step). */
  reconfigure(queue: QueueState, config: QueueConfig): void {
    for (const contact of queue.reconfigure(config)) {
      this.relaxations.cancel(contact);
      contact.queueWeight = config.weight;
      contact.requirementClass = queue.requirementClass(contact.contact.requirements);
      // Back to the base step: the next applyRelaxations(now) lifts it to the right one.
      this.place(contact, 0);
      this.markDirty(contact);
    }
  }

  /** Moves every contact whose next relaxation step has started (<= now) to its current step. */
  applyRelaxations(now: Millis): void {
    for (let due = this.relaxations.takeDue(now); due !== null; due = this.relaxations.takeDue(now)) {
      due.queue.detach(due);
      this.place(due, stepAt(due.queue.steps, due.contact.enqueuedAt, now));
      this.markDirty(due);
    }
  }

  /** The earliest pending step start (call applyRelaxations(now) first to get one > now). */
  nextRelaxation(): Millis | null {
    return this.relaxations.next();
  }

  private place(contact: ContactRecord, step: number): void {
    contact.step = step;
    contact.nextStepAt = nextStepTime(contact.queue.steps, contact.contact.enqueuedAt, step);
    contact.queue.insert(contact);
    if (contact.nextStepAt !== null) {
      this.relaxations.schedule(contact, contact.nextStepAt, contact.queue.steps.afterMs[step + 1]!);
    }
  }

  private markDirty(contact: ContactRecord): void {
    if (contact.dirty) return;
    contact.dirty = true;
    this.dirty.push(contact);
  }
}
