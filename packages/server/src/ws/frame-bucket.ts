/**
 * The frame-rate limit of one connection: how many frames a client may send, and when a client
 * that keeps sending over it is cut off.
 */
export interface FrameRateLimit {
  /** Frames per second a client may keep up for ever (the bucket's refill rate). */
  readonly ratePerSecond: number;
  /** Frames a client may send at once after a quiet spell (the bucket's size). */
  readonly burst: number;
  /**
   * Frames refused since the bucket was last full after which the next refused frame closes the
   * connection with 4429 instead of being answered.
   */
  readonly refusalsBeforeClose: number;
}

/** admit: execute the frame; refuse: answer it `rate_limited`, do nothing else; close: end with 4429. */
export type FrameVerdict = 'admit' | 'refuse' | 'close';

/**
 * A token bucket over a connection's incoming frames. It starts full (`burst` tokens), regains
 * `ratePerSecond` tokens a second up to `burst`, and each admitted frame takes one; a frame that
 * finds less than one token is refused and costs nothing, so a client that slows back under the rate
 * is served again at once. Refusals are counted until the bucket is full again (the client was quiet
 * for long enough to earn its whole burst back: `burst / ratePerSecond` seconds); the one after
 * `refusalsBeforeClose` of them closes the connection. So a one-off burst a little over the limit is
 * answered and forgotten, a client a little over the rate for a long time is cut after many seconds,
 * and a runaway loop after `refusalsBeforeClose` refusals, a few milliseconds.
 *
 * Time comes in as a value (ms of a monotonic clock, performance.now in production) so tests drive
 * it by hand; a clock that goes back is treated as standing still.
 */
export class FrameBucket {
  readonly #limit: FrameRateLimit;
  #tokens: number;
  #at: number;
  #refusals = 0;

  constructor(limit: FrameRateLimit, now: number) {
    this.#limit = limit;
    this.#tokens = limit.burst;
    this.#at = now;
  }

  /** Decides one incoming frame at `now`. */
  take(now: number): FrameVerdict {
    this.#refill(now);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 'admit';
    }
    this.#refusals += 1;
    return this.#refusals > this.#limit.refusalsBeforeClose ? 'close' : 'refuse';
  }

  /** Whole milliseconds from `now` until a frame would be admitted (0: one would be now). */
  retryAfterMs(now: number): number {
    this.#refill(now);
    if (this.#tokens >= 1) return 0;
    return Math.ceil(((1 - this.#tokens) * 1000) / this.#limit.ratePerSecond);
  }

  /** Frames refused since the bucket was last full. */
  get refusals(): number {
    return this.#refusals;
  }

  #refill(now: number): void {
    const elapsed = now - this.#at;
    if (!(elapsed > 0)) return;
    this.#at = now;
    const { burst, ratePerSecond } = this.#limit;
    this.#tokens = Math.min(burst, this.#tokens + (elapsed * ratePerSecond) / 1000);
    if (this.#tokens === burst) this.#refusals = 0;
  }
}
