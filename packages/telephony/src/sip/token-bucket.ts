// Per-key token buckets (a key is a source address): `ratePerSecond` tokens flow in, at most
// `burst` are kept, each message takes one. The table is bounded: past `maxKeys` the least
// recently seen source is forgotten, which at worst gives a flooder a fresh bucket - never
// unbounded memory under a spoofed-address flood.
import type { Millis } from '@switchboard/core';

export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
  /** Default 100,000 sources. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: Millis;
}

export class TokenBucketLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    this.#rate = Math.max(options.ratePerSecond, Number.MIN_VALUE);
    this.#burst = Math.max(1, options.burst);
    this.#maxKeys = Math.max(1, options.maxKeys ?? 100_000);
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one token for `key`: 0 when granted, else the milliseconds until one is available. */
  take(key: string, now: Millis): number {
    let bucket = this.#buckets.get(key);
    if (bucket) {
      const elapsed = Math.max(0, now - bucket.at);
      bucket.tokens = Math.min(this.#burst, bucket.tokens + (elapsed * this.#rate) / 1000);
      bucket.at = now;
      // Re-inserting keeps the Map in least-recently-seen order for eviction.
      this.#buckets.delete(key);
    } else {
      bucket = { tokens: this.#burst, at: now };
    }
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / this.#rate);
  }
}
