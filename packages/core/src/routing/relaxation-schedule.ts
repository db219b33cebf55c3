// When each waiting contact reaches its next relaxation step. Contacts mostly arrive in time order
// and a queue's step offsets are fixed, so the times for one offset (say "+30 s") arrive already
// sorted: each offset gets a FIFO lane and popping is O(1). An out-of-order time (a contact that
// entered with an old enqueuedAt, a requeue) goes to a small heap instead. Cancelling is lazy: an
// entry is live only while its token is still the contact's relaxToken, which is far cheaper than
// digging it out of a 50,000-entry heap on every assignment.
import type { Millis } from '../ids.ts';
import type { ContactRecord } from './router-records.ts';

interface Entry {
  readonly at: Millis;
  readonly contact: ContactRecord;
  readonly token: number;
}

/** A FIFO of entries with non-decreasing `at`, compacted as its head advances. */
class Lane {
  entries: Entry[] = [];
  head = 0;

  get last(): Entry | undefined {
    return this.head < this.entries.length ? this.entries[this.entries.length - 1] : undefined;
  }

  shift(): void {
    this.head += 1;
    // Drop the consumed prefix once it is most of the array, keeping shift amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

const live = (entry: Entry): boolean => entry.contact.relaxToken === entry.token;

export class RelaxationSchedule {
  private readonly lanes = new Map<number, Lane>();
  /** The same lanes as a list: scanned on every route(), so no Map iterator is allocated. */
  private readonly laneList: Lane[] = [];
  /** Min-heap by `at` for entries that would break their lane's order. */
  private readonly stragglers: Entry[] = [];
  private tokens = 0;

  /** Schedules the contact's next step at `at` = enqueuedAt + `offset` (replacing any earlier schedule). */
  schedule(contact: ContactRecord, at: Millis, offset: number): void {
    const entry: Entry = { at, contact, token: ++this.tokens };
    contact.relaxToken = entry.token;
    let lane = this.lanes.get(offset);
    if (lane === undefined) {
      lane = new Lane();
      this.lanes.set(offset, lane);
      this.laneList.push(lane);
    }
    const last = lane.last;
    if (last === undefined || last.at <= at) lane.entries.push(entry);
    else this.pushStraggler(entry);
  }

  cancel(contact: ContactRecord): void {
    contact.relaxToken = 0;
  }

  /** The contact with the earliest live schedule, if it is due (<= now); it is unscheduled. */
  takeDue(now: Millis): ContactRecord | null {
    const first = this.earliest();
    if (first === null || first.entry.at > now) return null;
    if (first.lane === null) this.popStraggler();
    else first.lane.shift();
    first.entry.contact.relaxToken = 0;
    return first.entry.contact;
  }

  next(): Millis | null {
    return this.earliest()?.entry.at ?? null;
  }

  private earliest(): { entry: Entry; lane: Lane | null } | null {
    let best: Entry | undefined;
    let bestLane: Lane | null = null;
    for (const lane of this.laneList) {
      while (lane.head < lane.entries.length && !live(lane.entries[lane.head]!)) lane.shift();
      const entry = lane.entries[lane.head];
      if (entry !== undefined && (best === undefined || entry.at < best.at)) {
        best = entry;
        bestLane = lane;
      }
    }
    while (this.stragglers.length > 0 && !live(this.stragglers[0]!)) this.popStraggler();
    const straggler = this.stragglers[0];
    if (straggler !== undefined && (best === undefined || straggler.at < best.at))
      return { entry: straggler, lane: null };
    return best === undefined ? null : { entry: best, lane: bestLane };
  }

  private pushStraggler(entry: Entry): void {
    const heap = this.stragglers;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= entry.at) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private popStraggler(): void {
    const heap = this.stragglers;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.at < heap[left]!.at ? right : left;
      if (heap[child]!.at >= last.at) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}
