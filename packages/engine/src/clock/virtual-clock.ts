import type { Millis } from '@switchboard/core';
import type { Clock, TimerHandle } from '../ports/clock.ts';
import { TimerHeap } from './timer-heap.ts';

/**
 * A discrete-event clock: time stands still until `advanceTo`/`runUntilIdle` moves it, jumping from
 * one due timer to the next. Scenario tests and `switchboard simulate` run on it, so nothing sleeps
 * and the same inputs always give the same day.
 */
export class VirtualClock implements Clock {
  private current: Millis;
  private seq = 0;
  private readonly heap = new TimerHeap();
  private readonly cancelled = new Set<TimerHandle>();

  constructor(start: Millis) {
    this.current = start;
  }

  now(): Millis {
    return this.current;
  }

  setTimer(at: Millis, fn: () => void): TimerHandle {
    const seq = ++this.seq;
    // A timer set in the past fires at the current instant: time never runs backwards.
    this.heap.push({ at: Math.max(at, this.current), seq, fn });
    return seq;
  }

  cancelTimer(handle: TimerHandle): void {
    if (handle > 0 && handle <= this.seq) this.cancelled.add(handle);
  }

  /** Fires every timer due up to and including `until`, in order, then sets the time to `until`. */
  advanceTo(until: Millis): void {
    for (;;) {
      const next = this.heap.peek();
      if (next === undefined || next.at > until) break;
      this.heap.pop();
      if (this.cancelled.delete(next.seq)) continue;
      this.current = next.at;
      next.fn();
    }
    if (until > this.current) this.current = until;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Number of timers still scheduled (cancelled ones included until they are reached). */
  get pending(): number {
    return this.heap.size - this.cancelled.size;
  }
}
