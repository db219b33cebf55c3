// The Router's side of waiting contacts: where each one is, when each bucket's head reaches its
// next relaxation step, and which buckets must be looked at by the next route() ("dirty": their
// eligibility may have grown past what the last route() saw). Queues hold the buckets; this holds
// the ids, the relaxation timetable and the arrival counters that give the service order its
// tie-breaks.
import type { ContactId, Millis } from '../ids.ts';
import type { Bucket } from './bucket.ts';
import { nextStepTime, stepAt } from './eligibility.ts';
import type { QueueConfig } from './queue-config.ts';
import type { QueueState } from './queue-state.ts';
import { RelaxationSchedule } from './relaxation-schedule.ts';
import type { ContactRecord } from './router-records.ts';
import type { WaitingContact } from './waiting-contact.ts';

export class WaitingSet {
  private readonly byId = new Map<ContactId, ContactRecord>();
  private readonly relaxations = new RelaxationSchedule<Bucket>();
  /** Buckets whose step rose above their refStep since the last route(). */
  readonly dirty: Bucket[] = [];
  /** Finished route() calls: the buckets' refStep are as of the end of the last one. */
  private epoch = 0;
  /**
   * The latest `now` the router was given. A head that changes in a call without a time (remove)
   * gets its step at this time; anything due later is caught by applyRelaxations(now).
   */
  private lastNow = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private headSeq = 0;

  observe(now: Millis): void {
    if (now > this.lastNow) this.lastNow = now;
  }

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
      bucket: null,
      waiting: true,
    };
  }

  admit(contact: ContactRecord, now: Millis): void {
    this.observe(now);
    this.byId.set(contact.contact.contactId, contact);
    const bucket = contact.queue.insert(contact, this.epoch);
    if (bucket !== null) this.refreshHead(bucket, now);
  }

  detach(contact: ContactRecord): void {
    const bucket = contact.queue.detach(contact, this.epoch);
    if (bucket !== null) {
      if (bucket.size === 0) this.relaxations.cancel(bucket);
      else this.refreshHead(bucket, this.lastNow);
    }
    this.byId.delete(contact.contact.contactId);
    contact.waiting = false;
  }

  /** Applies a new config to a queue and re-files its contacts (requirement class, weight, buckets). */
  reconfigure(queue: QueueState, config: QueueConfig): void {
    for (const contact of queue.reconfigure(config)) {
      contact.queueWeight = config.weight;
      contact.requirementClass = queue.requirementClass(contact.contact.requirements);
      const bucket = queue.insert(contact, this.epoch);
      if (bucket !== null) this.refreshHead(bucket, this.lastNow);
    }
  }

  /** Lifts every bucket whose head's next relaxation step has started (<= now) to its current step. */
  applyRelaxations(now: Millis): void {
    this.observe(now);
    for (let due = this.relaxations.takeDue(now); due !== null; due = this.relaxations.takeDue(now)) {
      due.capture(this.epoch);
      this.refreshHead(due, now);
    }
  }

  /** The earliest pending head step (call applyRelaxations(now) first to get one > now). */
  nextRelaxation(): Millis | null {
    return this.relaxations.next();
  }

  /**
   * At the end of a route(): no (waiting, available) pair is eligible any more, so every bucket's
   * current state becomes its reference (lazily: a new epoch makes the next capture record it).
   */
  settle(): void {
    for (const bucket of this.dirty) bucket.dirty = false;
    this.dirty.length = 0;
    this.epoch += 1;
  }

  /** The bucket's head changed or reached a step: its step, schedule and dirtiness follow the head. */
  private refreshHead(bucket: Bucket, now: Millis): void {
    const steps = bucket.queue.steps;
    const enqueuedAt = bucket.peek()!.contact.enqueuedAt;
    const step = stepAt(steps, enqueuedAt, now);
    bucket.setStep(step);
    const next = nextStepTime(steps, enqueuedAt, step);
    if (next === null) this.relaxations.cancel(bucket);
    else this.relaxations.schedule(bucket, next, steps.afterMs[step + 1]!);
    if (step > bucket.refStep && !bucket.dirty) {
      bucket.dirty = true;
      this.dirty.push(bucket);
    }
  }
}
