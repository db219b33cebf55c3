// The transaction timers of RFC 3261 §17 (table 4 of Appendix A) and RFC 6026's L and M, from
// T1 (RTT estimate, 500 ms), T2 (longest retransmit interval for non-INVITE requests and
// INVITE responses, 4 s) and T4 (longest time a message stays in the network, 5 s).
// Retransmissions (A, E, G) run only on unreliable transports; the "wait for stray
// retransmissions" timers (D, I, J, K) are zero on reliable ones.
import type { SipClock, SipTimerHandle } from './sip-clock.ts';

export interface SipTimerValues {
  readonly t1: number;
  readonly t2: number;
  readonly t4: number;
}

export const DEFAULT_SIP_TIMERS: SipTimerValues = { t1: 500, t2: 4_000, t4: 5_000 };

/** Timer B, F, H, L, M: 64*T1, how long a transaction waits for an answer or an ACK. */
export function transactionTimeout(t: SipTimerValues): number {
  return 64 * t.t1;
}

/** Timer D: at least 32 s on UDP (absorbs retransmitted final responses), 0 on a reliable one. */
export function timerD(t: SipTimerValues, reliable: boolean): number {
  return reliable ? 0 : Math.max(32_000, 64 * t.t1);
}

/** Timers I and K: T4 on UDP, 0 on a reliable transport. */
export function timerT4(t: SipTimerValues, reliable: boolean): number {
  return reliable ? 0 : t.t4;
}

/** Timer J: 64*T1 on UDP, 0 on a reliable transport. */
export function timerJ(t: SipTimerValues, reliable: boolean): number {
  return reliable ? 0 : 64 * t.t1;
}

/** Named one-shot timers of one transaction on the injected clock. */
export class TransactionTimers {
  readonly #clock: SipClock;
  readonly #handles = new Map<string, SipTimerHandle>();

  constructor(clock: SipClock) {
    this.#clock = clock;
  }

  start(name: string, delayMs: number, fn: () => void): void {
    this.stop(name);
    const handle = this.#clock.setTimer(this.#clock.now() + delayMs, () => {
      this.#handles.delete(name);
      fn();
    });
    this.#handles.set(name, handle);
  }

  stop(name: string): void {
    const handle = this.#handles.get(name);
    if (handle === undefined) return;
    this.#clock.cancelTimer(handle);
    this.#handles.delete(name);
  }

  stopAll(): void {
    for (const handle of this.#handles.values()) this.#clock.cancelTimer(handle);
    this.#handles.clear();
  }
}
