// A bucket: contacts of one queue with the same requirement class and priority, in service order
// (rank, seq), kept so that enqueuedAt never decreases along that order either. Then the head has
// waited longest, so it is on the widest relaxation step: an agent that is not eligible for the
// head is eligible for no one behind it, and the bucket's eligibility is its head's (`step`,
// `cap`, `drop`). A contact that would break the enqueuedAt order (an old enqueuedAt arriving late,
// a requeue ahead of older contacts) gets a bucket of its own (`single`).
//
// Storage: contacts almost always join at the tail and leave from the head, so this is a FIFO
// array, O(1) at both ends; a contact taken from the middle stays as a dead entry (its `bucket` no
// longer points here), skipped, and compacted away once the dead outnumber the live. The head's
// key is copied onto the bucket so scanning buckets reads one object per bucket.
import type { SkillRequirement } from './queue-config.ts';
import type { QueueState } from './queue-state.ts';
import type { ContactRecord, RequirementClass } from './router-records.ts';

const before = (a: ContactRecord, b: ContactRecord): boolean =>
  a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq;
const enqueuedAt = (contact: ContactRecord): number => contact.contact.enqueuedAt;

export class Bucket {
  readonly queue: QueueState;
  readonly requirementClass: RequirementClass;
  readonly requirements: readonly SkillRequirement[];
  readonly priority: number;
  /** A bucket of one out-of-order contact, dropped when it empties. */
  readonly single: boolean;
  /** The head's relaxation step, and that step's penalty cap and level drop. */
  step = 0;
  cap = 0;
  drop = 0;
  /** RelaxationSchedule token for the head's next step; 0 when none is scheduled. */
  relaxToken = 0;
  /**
   * The bucket's step when the last route() ended (-1 if it was empty then): no agent available
   * at that moment was eligible at that step, so only a step above it can let such an agent in
   * (the bucket is then dirty); agents that became available since are dirty themselves.
   * Recorded lazily, by `capture`, at the bucket's first change after that route().
   */
  refStep = -1;
  /** The WaitingSet epoch (count of finished route() calls) refStep belongs to. */
  refEpoch = -1;
  /** Listed in WaitingSet.dirty. */
  dirty = false;
  /** rank and seq of the head (meaningless while empty). */
  headRank = 0;
  headSeq = 0;
  /** Position in QueueState.active; -1 while empty. */
  activeIndex = -1;
  size = 0;
  private items: ContactRecord[] = [];
  /** Index of the head; items[start] is live whenever size > 0. */
  private start = 0;
  private dead = 0;

  constructor(queue: QueueState, requirementClass: RequirementClass, priority: number, single: boolean) {
    this.queue = queue;
    this.requirementClass = requirementClass;
    this.requirements = requirementClass.requirements;
    this.priority = priority;
    this.single = single;
  }

  peek(): ContactRecord | undefined {
    return this.size > 0 ? this.items[this.start] : undefined;
  }

  /** Call before any change to the bucket: records its state as of the last route()'s end. */
  capture(epoch: number): void {
    if (this.refEpoch === epoch) return;
    this.refEpoch = epoch;
    this.refStep = this.size > 0 ? this.step : -1;
  }

  setStep(step: number): void {
    this.step = step;
    this.cap = this.queue.steps.caps[step]!;
    this.drop = this.queue.steps.drops[step]!;
  }

  /**
   * Finds the contact's place; returns false (and changes nothing) when putting it there would
   * break the enqueuedAt order. Otherwise adds it (setting its `bucket`) and returns true.
   */
  tryPush(contact: ContactRecord): boolean {
    const items = this.items;
    if (this.size === 0) {
      items.length = 0;
      this.start = 0;
      this.dead = 0;
      items.push(contact);
      return this.added(contact);
    }
    const last = items[items.length - 1]!;
    if (!before(contact, last)) {
      if (enqueuedAt(contact) < enqueuedAt(last)) return false;
      items.push(contact);
      return this.added(contact);
    }
    const head = items[this.start]!;
    if (before(contact, head)) {
      if (enqueuedAt(contact) > enqueuedAt(head)) return false;
      if (this.start > 0) items[--this.start] = contact;
      else items.unshift(contact);
      return this.added(contact);
    }
    let low = this.start + 1;
    let high = items.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(contact, items[mid]!)) high = mid;
      else low = mid + 1;
    }
    if (enqueuedAt(contact) < enqueuedAt(items[low - 1]!) || enqueuedAt(contact) > enqueuedAt(items[low]!)) {
      return false;
    }
    items.splice(low, 0, contact);
    return this.added(contact);
  }

  /** Whether the contact is the head (call right after tryPush to learn if the head changed). */
  isHead(contact: ContactRecord): boolean {
    return this.size > 0 && this.items[this.start] === contact;
  }

  /** Takes a live contact out (and clears its `bucket`); true when it was the head. */
  remove(contact: ContactRecord): boolean {
    contact.bucket = null;
    this.size -= 1;
    const items = this.items;
    if (items[this.start] !== contact) {
      this.dead += 1;
      if (this.dead > 32 && this.dead > this.size) this.compact();
      return false;
    }
    this.start += 1;
    while (this.start < items.length && items[this.start]!.bucket !== this) {
      this.start += 1;
      this.dead -= 1;
    }
    if (this.start > 64 && this.start * 2 > items.length) this.compact();
    if (this.size > 0) this.newHead();
    return true;
  }

  /** Empties a bucket of a reconfigured queue for good (its contacts are being re-filed). */
  retire(): void {
    this.items = [];
    this.start = 0;
    this.dead = 0;
    this.size = 0;
    this.activeIndex = -1;
    this.relaxToken = 0;
  }

  /** The live contacts, in order. */
  values(): ContactRecord[] {
    const live: ContactRecord[] = [];
    for (let i = this.start; i < this.items.length; i += 1) {
      if (this.items[i]!.bucket === this) live.push(this.items[i]!);
    }
    return live;
  }

  private added(contact: ContactRecord): true {
    contact.bucket = this;
    this.size += 1;
    if (this.items[this.start] === contact) this.newHead();
    return true;
  }

  private newHead(): void {
    const head = this.items[this.start]!;
    this.headRank = head.rank;
    this.headSeq = head.seq;
  }

  private compact(): void {
    this.items = this.values();
    this.start = 0;
    this.dead = 0;
  }
}

/** Whether a's head is served before b's (the service order of waiting-contact.ts, on bucket heads). */
export function headBefore(a: Bucket, b: Bucket): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.headRank !== b.headRank) return a.headRank < b.headRank;
  if (a.queue !== b.queue) {
    const weightA = a.queue.config.weight;
    const weightB = b.queue.config.weight;
    if (weightA !== weightB) return weightA > weightB;
    return a.queue.id < b.queue.id;
  }
  return a.headSeq < b.headSeq;
}
