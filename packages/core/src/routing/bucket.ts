// A bucket: the contacts of one queue with the same requirement class, priority and relaxation
// step — every one of them is eligible for exactly the same agents — in (rank, seq) order.
// Contacts almost always join at the tail (they arrive, or reach a step, in time order) and leave
// from the head (the oldest is served or relaxed first), so this is a FIFO array: O(1) at both
// ends, a binary-search insert for the rare contact that sorts elsewhere (a requeue at the head
// goes in front in O(1) too). A contact taken from the middle stays as a dead entry (its `bucket`
// no longer points here) and is skipped; dead entries are compacted once they outnumber the live.
// The head's key and the step's cap/drop are copied onto the bucket so that scanning buckets
// (the hot loop of routing) reads one object per bucket, not three.
import type { SkillRequirement } from './queue-config.ts';
import type { QueueState } from './queue-state.ts';
import type { ContactRecord, RequirementClass } from './router-records.ts';

const before = (a: ContactRecord, b: ContactRecord): boolean =>
  a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq;

export class Bucket {
  readonly queue: QueueState;
  readonly requirementClass: RequirementClass;
  readonly requirements: readonly SkillRequirement[];
  readonly priority: number;
  readonly step: number;
  /** Penalty cap and level drop of `step` in the queue's ladder. */
  readonly cap: number;
  readonly drop: number;
  /** rank and seq of the head (meaningless while empty). */
  headRank = 0;
  headSeq = 0;
  /** Position in QueueState.active. */
  activeIndex = -1;
  size = 0;
  private items: ContactRecord[] = [];
  /** Index of the head; items[start] is live whenever size > 0. */
  private start = 0;
  private dead = 0;

  constructor(queue: QueueState, requirementClass: RequirementClass, priority: number, step: number) {
    this.queue = queue;
    this.requirementClass = requirementClass;
    this.requirements = requirementClass.requirements;
    this.priority = priority;
    this.step = step;
    this.cap = queue.steps.caps[step]!;
    this.drop = queue.steps.drops[step]!;
  }

  peek(): ContactRecord | undefined {
    return this.size > 0 ? this.items[this.start] : undefined;
  }

  /** Adds a contact whose `bucket` is already this one; true when it became the head. */
  push(contact: ContactRecord): boolean {
    const items = this.items;
    this.size += 1;
    if (this.size === 1) {
      items.length = 0;
      this.start = 0;
      this.dead = 0;
      items.push(contact);
      return this.newHead();
    }
    if (!before(contact, items[items.length - 1]!)) {
      items.push(contact);
      return false;
    }
    if (before(contact, items[this.start]!)) {
      if (this.start > 0) items[--this.start] = contact;
      else items.unshift(contact);
      return this.newHead();
    }
    let low = this.start;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(contact, items[mid]!)) high = mid;
      else low = mid + 1;
    }
    items.splice(low, 0, contact);
    return false;
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

  /** The live contacts, in order. */
  values(): ContactRecord[] {
    const live: ContactRecord[] = [];
    for (let i = this.start; i < this.items.length; i += 1) {
      if (this.items[i]!.bucket === this) live.push(this.items[i]!);
    }
    return live;
  }

  private newHead(): true {
    const head = this.items[this.start]!;
    this.headRank = head.rank;
    this.headSeq = head.seq;
    return true;
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
