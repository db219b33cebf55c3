import type { Millis } from '@switchboard/core';
import type { Clock, TimerHandle } from '../ports/clock.ts';

/** Wall-clock time for the running server. Timers are unref'd so they never hold the process open. */
export class SystemClock implements Clock {
  private seq = 0;
  private readonly timers = new Map<TimerHandle, NodeJS.Timeout>();

  now(): Millis {
    return Date.now();
  }

  setTimer(at: Millis, fn: () => void): TimerHandle {
    const handle = ++this.seq;
    const delay = Math.max(0, at - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, delay);
    timer.unref();
    this.timers.set(handle, timer);
    return handle;
  }

  cancelTimer(handle: TimerHandle): void {
    const timer = this.timers.get(handle);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(handle);
  }

  /** Cancels every pending timer (graceful stop). */
  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
