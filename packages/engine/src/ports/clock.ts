import type { Millis } from '@switchboard/core';

/** Opaque handle of a scheduled timer. */
export type TimerHandle = number;

/**
 * Time port. The engine never reads Date.now or calls setTimeout itself: the composition root
 * passes a system clock in production and a virtual clock in tests and simulations, so a day of
 * traffic runs in seconds and every scenario is reproducible.
 */
export interface Clock {
  now(): Millis;
  /** Runs `fn` once when the clock reaches `at` (immediately-due timers run on the next turn). */
  setTimer(at: Millis, fn: () => void): TimerHandle;
  /** Cancelling an already-fired or unknown handle is a no-op. */
  cancelTimer(handle: TimerHandle): void;
}
