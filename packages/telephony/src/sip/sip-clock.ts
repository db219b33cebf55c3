// Time as the SIP layers see it: the same three methods as the engine's Clock port, copied here
// so telephony never depends on the engine. Transaction timers, binding expiry, TCP idle close
// and nonce ages all read this clock, so tests drive them with a virtual one and never sleep.
import type { Millis } from '@switchboard/core';

/** Opaque handle of a scheduled timer. */
export type SipTimerHandle = number;

export interface SipClock {
  now(): Millis;
  /** Runs `fn` once when the clock reaches `at`. */
  setTimer(at: Millis, fn: () => void): SipTimerHandle;
  /** Cancelling an already-fired or unknown handle is a no-op. */
  cancelTimer(handle: SipTimerHandle): void;
}

interface Entry {
  readonly at: Millis;
  readonly handle: SipTimerHandle;
  readonly fn: () => void;
}

/**
 * Wall-clock time for running servers. Every transaction arms a timer (J alone lives 32 s), so
 * at thousands of requests a second one Node timer per SIP timer would keep ~100,000 Timeout
 * objects alive; instead the timers sit in a binary heap behind a single unref'd Node timer
 * for the earliest one, and cancelling only marks the entry.
 */
export class SystemSipClock implements SipClock {
  #seq = 0;
  readonly #heap: Entry[] = [];
  readonly #live = new Set<SipTimerHandle>();
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  now(): Millis {
    return Date.now();
  }

  setTimer(at: Millis, fn: () => void): SipTimerHandle {
    const handle = ++this.#seq;
    this.#push({ at, handle, fn });
    this.#live.add(handle);
    if (at < this.#timerAt) this.#arm(at);
    return handle;
  }

  cancelTimer(handle: SipTimerHandle): void {
    if (!this.#live.delete(handle)) return;
    // Cancelled entries wait in the heap until due; a binding refreshed every minute with an
    // hour's expiry would pile them up, so the heap is rebuilt once they outnumber live ones.
    if (this.#heap.length > 1024 && this.#heap.length > 2 * this.#live.size) this.#compact();
  }

  /** Timers still pending (what a graceful stop leaves behind). */
  get pending(): number {
    return this.#live.size;
  }

  cancelAll(): void {
    this.#live.clear();
    this.#heap.length = 0;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  #arm(at: Millis): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    for (;;) {
      const top = this.#heap[0];
      if (top === undefined) return;
      if (top.at > now) {
        this.#arm(top.at);
        return;
      }
      this.#pop();
      if (!this.#live.delete(top.handle)) continue;
      try {
        top.fn();
      } catch {
        // One failing timer callback must not stop the others from firing.
      }
    }
  }

  #compact(): void {
    const kept = this.#heap.filter((e) => this.#live.has(e.handle));
    this.#heap.length = 0;
    for (const e of kept) this.#push(e);
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.handle < b.handle);
}
