import type { Millis } from '@switchboard/core';
import type { Clock, TimerHandle } from './ports/clock.ts';

/**
 * Timers addressed by a key such as `rna:c-12` or `wrapup:a-3`: setting a key replaces its old
 * timer, so a contact or agent never has two of the same kind running, and cancelling by key needs
 * no handle bookkeeping at the call sites.
 */
export class KeyedTimers {
  private readonly handles = new Map<string, TimerHandle>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  set(key: string, at: Millis, fn: () => void): void {
    this.cancel(key);
    const handle = this.clock.setTimer(at, () => {
      this.handles.delete(key);
      fn();
    });
    this.handles.set(key, handle);
  }

  cancel(key: string): void {
    const handle = this.handles.get(key);
    if (handle === undefined) return;
    this.clock.cancelTimer(handle);
    this.handles.delete(key);
  }

  has(key: string): boolean {
    return this.handles.has(key);
  }

  get size(): number {
    return this.handles.size;
  }

  cancelAll(): void {
    for (const handle of this.handles.values()) this.clock.cancelTimer(handle);
    this.handles.clear();
  }
}
