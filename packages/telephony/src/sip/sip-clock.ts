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

/** Wall-clock time for running servers. Timers are unref'd: they never hold the process open. */
export class SystemSipClock implements SipClock {
  #seq = 0;
  readonly #timers = new Map<SipTimerHandle, NodeJS.Timeout>();

  now(): Millis {
    return Date.now();
  }

  setTimer(at: Millis, fn: () => void): SipTimerHandle {
    const handle = ++this.#seq;
    const timer = setTimeout(
      () => {
        this.#timers.delete(handle);
        fn();
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
    this.#timers.set(handle, timer);
    return handle;
  }

  cancelTimer(handle: SipTimerHandle): void {
    const timer = this.#timers.get(handle);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(handle);
  }

  /** Timers still pending (what a graceful stop leaves behind). */
  get pending(): number {
    return this.#timers.size;
  }

  cancelAll(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
