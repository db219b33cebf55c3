/**
 * The last `capacity` events of one session, by sequence number, for resume after a reconnect:
 * a client that says "I have everything up to N" gets N+1… replayed if they are all still here,
 * otherwise it must be sent a full state snapshot instead. Items the client is known to have
 * received can be released early (`release`), so a connected session holds only what is in flight.
 */
export class ReplayBuffer<T> {
  private readonly items: (T | undefined)[];
  private readonly capacity: number;
  /** Sequence number of the newest item (0 before the first). */
  private last = 0;
  /** Items up to this sequence number have been released. */
  private released = 0;

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
    return Math.max(1, this.last - this.capacity + 1, this.released + 1);
  }

  /** Drops the items up to `seq` (the client has them); later ones stay. */
  release(seq: number): void {
    const upTo = Math.min(Math.floor(seq), this.last);
    for (let s = Math.max(this.released + 1, this.last - this.capacity + 1); s <= upTo; s++) {
      this.items[s % this.capacity] = undefined;
    }
    if (upTo > this.released) this.released = upTo;
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
