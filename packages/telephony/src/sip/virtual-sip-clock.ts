// A discrete-event clock for tests of the SIP layers (the idea of the engine's VirtualClock,
// not its code): time stands still until `advanceTo`/`advanceBy` moves it, jumping from one due
// timer to the next, so a 32-second timer H is tested in microseconds and always the same way.
import type { Millis } from '@switchboard/core';
import type { SipClock, SipTimerHandle } from './sip-clock.ts';

interface Pending {
  readonly at: Millis;
  readonly handle: SipTimerHandle;
  readonly fn: () => void;
}

export class VirtualSipClock implements SipClock {
  #now: Millis;
  #seq = 0;
  /** Kept sorted by (at, handle): same-instant timers fire in the order they were set. */
  #queue: Pending[] = [];

  constructor(start: Millis = 0) {
    this.#now = start;
  }

  now(): Millis {
    return this.#now;
  }

  setTimer(at: Millis, fn: () => void): SipTimerHandle {
    const handle = ++this.#seq;
    const timer = { at: Math.max(at, this.#now), handle, fn };
    let i = this.#queue.length;
    while (i > 0 && this.#queue[i - 1]!.at > timer.at) i--;
    this.#queue.splice(i, 0, timer);
    return handle;
  }

  cancelTimer(handle: SipTimerHandle): void {
    this.#queue = this.#queue.filter((t) => t.handle !== handle);
  }

  /** Fires every timer due up to and including `until`, in order, then sets the time to `until`. */
  advanceTo(until: Millis): void {
    for (;;) {
      const next = this.#queue[0];
      if (next === undefined || next.at > until) break;
      this.#queue.shift();
      this.#now = next.at;
      next.fn();
    }
    if (until > this.#now) this.#now = until;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  get pending(): number {
    return this.#queue.length;
  }
}
