// A binary min-heap that tells each item where it sits, so an item can be removed or re-keyed in
// O(log n) without a search (a contact leaving from the middle of a queue, a relaxation re-timed).
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly less: (a: T, b: T) => boolean;
  private readonly setIndex: (item: T, index: number) => void;

  /** `setIndex(item, -1)` is called when an item leaves the heap. */
  constructor(less: (a: T, b: T) => boolean, setIndex: (item: T, index: number) => void) {
    this.less = less;
    this.setIndex = setIndex;
  }

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** The items in heap (not sorted) order. */
  values(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    this.items.push(item);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  removeAt(index: number): void {
    const items = this.items;
    const removed = items[index]!;
    const last = items.pop()!;
    this.setIndex(removed, -1);
    if (index < items.length) {
      items[index] = last;
      this.setIndex(last, index);
      this.update(index);
    }
  }

  /** Restores the heap after the key of the item at `index` changed. */
  update(index: number): void {
    if (index > 0 && this.less(this.items[index]!, this.items[(index - 1) >> 1]!)) this.up(index);
    else this.down(index);
  }

  clear(): void {
    for (const item of this.items) this.setIndex(item, -1);
    this.items.length = 0;
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!this.less(item, parent)) break;
      items[index] = parent;
      this.setIndex(parent, index);
      index = parentIndex;
    }
    items[index] = item;
    this.setIndex(item, index);
  }

  private down(index: number): void {
    const items = this.items;
    const length = items.length;
    const item = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.less(items[right]!, items[left]!) ? right : left;
      if (!this.less(items[child]!, item)) break;
      items[index] = items[child]!;
      this.setIndex(items[index]!, index);
      index = child;
    }
    items[index] = item;
    this.setIndex(item, index);
  }
}
