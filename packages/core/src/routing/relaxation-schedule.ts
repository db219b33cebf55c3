// When each bucket's head reaches its next relaxation step (enqueuedAt + the step's offset).
// Heads mostly come in time order and a queue's step offsets are fixed, so the times for one offset
// (say "+30 s") usually arrive already sorted: each offset gets a FIFO lane and popping is O(1). An
// out-of-order time goes to a small heap instead. Cancelling is lazy: an entry is live only while
// its token is still the item's relaxToken, far cheaper than digging it out of a large heap.
// Lanes are parallel arrays, so scheduling allocates nothing in the common case.
import type { Millis } from '../ids.ts';

export interface Schedulable {
  /** The token of the item's live entry; 0 when it has none. */
  relaxToken: number;
}

/** A FIFO with non-decreasing times, compacted as its head advances. */
class Lane<T extends Schedulable> {
  at: number[] = [];
  items: T[] = [];
  tokens: number[] = [];
  head = 0;

  /** Skips cancelled entries; true while a live head remains. */
  settle(): boolean {
    while (this.head < this.at.length) {
      if (this.items[this.head]!.relaxToken === this.tokens[this.head]) return true;
      this.shift();
    }
    return false;
  }

  shift(): void {
    this.head += 1;
    // Drop the consumed prefix once it is most of the arrays, keeping shift amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.at.length) {
      this.at = this.at.slice(this.head);
      this.items = this.items.slice(this.head);
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }
}

interface Straggler<T> {
  readonly at: Millis;
  readonly item: T;
  readonly token: number;
}

export class RelaxationSchedule<T extends Schedulable> {
  private readonly lanes = new Map<number, Lane<T>>();
  /** The same lanes as a list: scanned on every route(), so no Map iterator is allocated. */
  private readonly laneList: Lane<T>[] = [];
  /** Min-heap by `at` for entries that would break their lane's order. */
  private readonly stragglers: Straggler<T>[] = [];
  private tokens = 0;

  /** Schedules the item at `at` = a start time + `offset` (replacing any earlier schedule of it). */
  schedule(item: T, at: Millis, offset: number): void {
    const token = ++this.tokens;
    item.relaxToken = token;
    let lane = this.lanes.get(offset);
    if (lane === undefined) {
      lane = new Lane<T>();
      this.lanes.set(offset, lane);
      this.laneList.push(lane);
    }
    const length = lane.at.length;
    if (length === lane.head || lane.at[length - 1]! <= at) {
      lane.at.push(at);
      lane.items.push(item);
      lane.tokens.push(token);
    } else this.pushStraggler({ at, item, token });
  }

  cancel(item: T): void {
    item.relaxToken = 0;
  }

  /** The item with the earliest live schedule, if it is due (<= now); it is unscheduled. */
  takeDue(now: Millis): T | null {
    const lane = this.earliestLane();
    const straggler = this.liveStraggler();
    if (straggler !== undefined && (lane === null || straggler.at < lane.at[lane.head]!)) {
      if (straggler.at > now) return null;
      this.popStraggler();
      straggler.item.relaxToken = 0;
      return straggler.item;
    }
    if (lane === null || lane.at[lane.head]! > now) return null;
    const item = lane.items[lane.head]!;
    lane.shift();
    item.relaxToken = 0;
    return item;
  }

  next(): Millis | null {
    const lane = this.earliestLane();
    const straggler = this.liveStraggler();
    if (straggler !== undefined && (lane === null || straggler.at < lane.at[lane.head]!)) return straggler.at;
    return lane === null ? null : lane.at[lane.head]!;
  }

  private earliestLane(): Lane<T> | null {
    let best: Lane<T> | null = null;
    for (const lane of this.laneList) {
      if (lane.settle() && (best === null || lane.at[lane.head]! < best.at[best.head]!)) best = lane;
    }
    return best;
  }

  private liveStraggler(): Straggler<T> | undefined {
    const heap = this.stragglers;
    while (heap.length > 0 && heap[0]!.item.relaxToken !== heap[0]!.token) this.popStraggler();
    return heap[0];
  }

  private pushStraggler(entry: Straggler<T>): void {
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
