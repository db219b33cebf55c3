// When each waiting contact reaches its next relaxation step. Contacts mostly arrive in time order
// and a queue's step offsets are fixed, so the times for one offset (say "+30 s") arrive already
// sorted: each offset gets a FIFO lane and popping is O(1). An out-of-order time (a contact that
// entered with an old enqueuedAt, a requeue) goes to a small heap instead. Cancelling is lazy: an
// entry is live only while its token is still the contact's relaxToken, which is far cheaper than
// digging it out of a 50,000-entry heap on every assignment. Lanes are parallel arrays, so
// scheduling allocates nothing in the common case.
import type { Millis } from '../ids.ts';
import type { ContactRecord } from './router-records.ts';

/** A FIFO with non-decreasing times, compacted as its head advances. */
class Lane {
  at: number[] = [];
  contacts: ContactRecord[] = [];
  tokens: number[] = [];
  head = 0;

  /** Skips cancelled entries; true while a live head remains. */
  settle(): boolean {
    while (this.head < this.at.length) {
      if (this.contacts[this.head]!.relaxToken === this.tokens[this.head]) return true;
      this.shift();
    }
    return false;
  }

  shift(): void {
    this.head += 1;
    // Drop the consumed prefix once it is most of the arrays, keeping shift amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.at.length) {
      this.at = this.at.slice(this.head);
      this.contacts = this.contacts.slice(this.head);
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }
}

interface Straggler {
  readonly at: Millis;
  readonly contact: ContactRecord;
  readonly token: number;
}

export class RelaxationSchedule {
  private readonly lanes = new Map<number, Lane>();
  /** The same lanes as a list: scanned on every route(), so no Map iterator is allocated. */
  private readonly laneList: Lane[] = [];
  /** Min-heap by `at` for entries that would break their lane's order. */
  private readonly stragglers: Straggler[] = [];
  private tokens = 0;

  /** Schedules the contact's next step at `at` = enqueuedAt + `offset` (replacing any earlier schedule). */
  schedule(contact: ContactRecord, at: Millis, offset: number): void {
    const token = ++this.tokens;
    contact.relaxToken = token;
    let lane = this.lanes.get(offset);
    if (lane === undefined) {
      lane = new Lane();
      this.lanes.set(offset, lane);
      this.laneList.push(lane);
    }
    const length = lane.at.length;
    if (length === lane.head || lane.at[length - 1]! <= at) {
      lane.at.push(at);
      lane.contacts.push(contact);
      lane.tokens.push(token);
    } else this.pushStraggler({ at, contact, token });
  }

  cancel(contact: ContactRecord): void {
    contact.relaxToken = 0;
  }

  /** The contact with the earliest live schedule, if it is due (<= now); it is unscheduled. */
  takeDue(now: Millis): ContactRecord | null {
    const lane = this.earliestLane();
    const straggler = this.liveStraggler();
    if (straggler !== undefined && (lane === null || straggler.at < lane.at[lane.head]!)) {
      if (straggler.at > now) return null;
      this.popStraggler();
      straggler.contact.relaxToken = 0;
      return straggler.contact;
    }
    if (lane === null || lane.at[lane.head]! > now) return null;
    const contact = lane.contacts[lane.head]!;
    lane.shift();
    contact.relaxToken = 0;
    return contact;
  }

  next(): Millis | null {
    const lane = this.earliestLane();
    const straggler = this.liveStraggler();
    if (straggler !== undefined && (lane === null || straggler.at < lane.at[lane.head]!)) return straggler.at;
    return lane === null ? null : lane.at[lane.head]!;
  }

  private earliestLane(): Lane | null {
    let best: Lane | null = null;
    for (const lane of this.laneList) {
      if (lane.settle() && (best === null || lane.at[lane.head]! < best.at[best.head]!)) best = lane;
    }
    return best;
  }

  private liveStraggler(): Straggler | undefined {
    const heap = this.stragglers;
    while (heap.length > 0 && heap[0]!.contact.relaxToken !== heap[0]!.token) this.popStraggler();
    return heap[0];
  }

  private pushStraggler(entry: Straggler): void {
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
