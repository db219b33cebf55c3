// Replay protection for digest authentication: per nonce, the nonce-count (nc) a client sends
// must grow with every request (RFC 7616 §3.4.5). Memory is bounded: past `maxNonces` the least
// recently used nonce is forgotten, and so is every nonce issued no later than a forgotten one
// - those answer 'forgotten', which the server turns into a stale challenge. Forgetting can
// thus cost an honest client one round trip, never let a replay through.
import type { Millis } from '@switchboard/core';

export type NonceCountVerdict = 'ok' | 'replay' | 'forgotten';

interface Entry {
  readonly issuedAt: Millis;
  lastNc: number;
}

export class NonceCountTracker {
  readonly #maxNonces: number;
  readonly #entries = new Map<string, Entry>();
  #forgottenUpTo = Number.NEGATIVE_INFINITY;

  constructor(options: { readonly maxNonces: number }) {
    this.#maxNonces = Math.max(1, Math.floor(options.maxNonces));
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Records `nc` for `nonce` (issued at `issuedAt`) when it exceeds every nc seen before. */
  accept(nonce: string, issuedAt: Millis, nc: number): NonceCountVerdict {
    const entry = this.#entries.get(nonce);
    if (!entry) {
      if (issuedAt <= this.#forgottenUpTo) return 'forgotten';
      if (nc < 1) return 'replay';
      this.#entries.set(nonce, { issuedAt, lastNc: nc });
      this.#evict();
      return 'ok';
    }
    if (nc <= entry.lastNc) return 'replay';
    entry.lastNc = nc;
    // Re-inserting moves the nonce to the most recently used end of the Map's order.
    this.#entries.delete(nonce);
    this.#entries.set(nonce, entry);
    return 'ok';
  }

  #evict(): void {
    while (this.#entries.size > this.#maxNonces) {
      const oldest = this.#entries.entries().next().value;
      if (!oldest) return;
      const [nonce, entry] = oldest;
      this.#entries.delete(nonce);
      this.#forgottenUpTo = Math.max(this.#forgottenUpTo, entry.issuedAt);
    }
  }
}
