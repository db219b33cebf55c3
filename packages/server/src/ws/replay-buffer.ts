/**
 * The last `capacity` events of one session, by sequence number, for resume after a reconnect:
 * a client that says "I have everything up to N" gets N+1… replayed if they are all still here,
 * otherwise it must be sent a full state snapshot instead.
 */
export class ReplayBuffer<T> {
  private readonly items: (T | undefined)[];
  private readonly capacity: number;
  /** Sequence number of the newest item (0 before the first). */
  private last = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(0, Math.floor(capacity));
    this.items = new Array(this.capacity);
  }

  /** Stores the item under the next sequence number and returns that number (1, 2, …). */
  push(item: T): number {
    this.last += 1;
    if (this.capacity > 0) this.items[this.last % this.capacity] = item;
    return this.last;
  }

  get lastSeq(): number {
    return this.last;
  }

  /** Oldest sequence number still held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  /**
   * Items after `afterSeq`, in order; null when some of them have been dropped (or afterSeq is from
   * the future, which means the client talks about another session).
   */
  since(afterSeq: number): T[] | null {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0 || afterSeq > this.last) return null;
    if (afterSeq + 1 < this.firstSeq) return null;
    const out: T[] = [];
    for (let seq = afterSeq + 1; seq <= this.last; seq++) out.push(this.items[seq % this.capacity] as T);
    return out;
  }
}
