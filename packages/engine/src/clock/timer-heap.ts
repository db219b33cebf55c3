// A binary min-heap of timers ordered by (due time, insertion sequence): two timers due at the same
// instant fire in the order they were set, which keeps simulations deterministic.

export interface HeapTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

export class TimerHeap {
  private readonly items: HeapTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): HeapTimer | undefined {
    return this.items[0];
  }

  push(timer: HeapTimer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): HeapTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && before(items[l]!, items[m]!)) m = l;
      if (r < items.length && before(items[r]!, items[m]!)) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
    return top;
  }
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
