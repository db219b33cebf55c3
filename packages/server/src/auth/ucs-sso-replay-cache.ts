// Remembers UCS SSO tokens already used, so each is good for one login. An entry is needed
// only while its token could still pass the clock-skew check; after that the time check
// refuses the token anyway, so the entry is dropped. Memory is capped: when the cap is
// reached with nothing expired, new logins are refused ('full') rather than forgetting a
// token that could then be replayed: failing closed costs availability, not security.
import type { Millis } from '@switchboard/core';

export type ReplayVerdict = 'fresh' | 'replayed' | 'full';

export interface ReplayCache {
  /** Records `key` until `expiresAt`; 'replayed' if it is already recorded and unexpired. */
  remember(key: string, expiresAt: Millis, now: Millis): ReplayVerdict;
}

export const DEFAULT_REPLAY_CACHE_ENTRIES = 100_000;
/** Expired entries dropped from the front per call: keeps the cache small without full scans. */
const SWEEP_PER_CALL = 8;

export class InMemoryReplayCache implements ReplayCache {
  readonly #maxEntries: number;
  readonly #expiries = new Map<string, Millis>();

  constructor(maxEntries: number = DEFAULT_REPLAY_CACHE_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  remember(key: string, expiresAt: Millis, now: Millis): ReplayVerdict {
    this.#sweepFront(now);
    const known = this.#expiries.get(key);
    if (known !== undefined && known > now) return 'replayed';
    if (known === undefined && this.#expiries.size >= this.#maxEntries) {
      // Insertion order only roughly follows expiry order, so before refusing look at all.
      for (const [k, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(k);
      if (this.#expiries.size >= this.#maxEntries) return 'full';
    }
    this.#expiries.delete(key);
    this.#expiries.set(key, expiresAt);
    return 'fresh';
  }

  get size(): number {
    return this.#expiries.size;
  }

  #sweepFront(now: Millis): void {
    let checked = 0;
    for (const [key, expiry] of this.#expiries) {
      if (checked++ >= SWEEP_PER_CALL || expiry > now) return;
      this.#expiries.delete(key);
    }
  }
}
