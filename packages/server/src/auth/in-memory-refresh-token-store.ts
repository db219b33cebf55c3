// RefreshTokenStore in process memory: for tests, the demo and a single-node server. Memory
// is bounded by the live sessions: expired tokens and families are swept as inserts arrive.
import type { Millis } from '@switchboard/core';
import type { RefreshTokenRecord, RefreshTokenStore } from './refresh-token-store.ts';

interface Family {
  readonly userId: string;
  readonly expiresAt: Millis;
  revokedAt: Millis | null;
  readonly tokenHashes: Set<string>;
}

/** Inserts between two sweeps: sweeping is O(tokens), so doing it every insert would be quadratic. */
const SWEEP_EVERY_INSERTS = 256;

export class InMemoryRefreshTokenStore implements RefreshTokenStore {
  readonly #tokens = new Map<string, RefreshTokenRecord>();
  readonly #families = new Map<string, Family>();
  #insertsSinceSweep = 0;

  async insert(record: RefreshTokenRecord): Promise<void> {
    if (++this.#insertsSinceSweep >= SWEEP_EVERY_INSERTS) this.#sweep(record.issuedAt);
    let family = this.#families.get(record.familyId);
    if (family === undefined) {
      family = {
        userId: record.userId,
        expiresAt: record.familyExpiresAt,
        revokedAt: null,
        tokenHashes: new Set(),
      };
      this.#families.set(record.familyId, family);
    }
    const stored =
      family.revokedAt !== null && record.revokedAt === null
        ? { ...record, revokedAt: family.revokedAt }
        : record;
    this.#tokens.set(record.tokenHash, stored);
    family.tokenHashes.add(record.tokenHash);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return this.#tokens.get(tokenHash);
  }

  async markUsed(tokenHash: string, now: Millis): Promise<boolean> {
    const record = this.#tokens.get(tokenHash);
    if (record === undefined || record.usedAt !== null || record.revokedAt !== null) return false;
    this.#tokens.set(tokenHash, { ...record, usedAt: now });
    return true;
  }

  async revokeFamily(familyId: string, now: Millis): Promise<number> {
    const family = this.#families.get(familyId);
    if (family === undefined) return 0;
    family.revokedAt ??= now;
    let live = 0;
    for (const hash of family.tokenHashes) {
      const record = this.#tokens.get(hash);
      if (record === undefined || record.revokedAt !== null) continue;
      if (record.usedAt === null && record.expiresAt > now) live++;
      this.#tokens.set(hash, { ...record, revokedAt: now });
    }
    return live;
  }

  async revokeUser(userId: string, now: Millis): Promise<number> {
    let live = 0;
    for (const [familyId, family] of this.#families) {
      if (family.userId === userId) live += await this.revokeFamily(familyId, now);
    }
    return live;
  }

  async deleteExpired(now: Millis): Promise<number> {
    return this.#sweep(now);
  }

  /** How many tokens and families are held; for tests of the memory bound. */
  size(): { tokens: number; families: number } {
    return { tokens: this.#tokens.size, families: this.#families.size };
  }

  #sweep(now: Millis): number {
    this.#insertsSinceSweep = 0;
    let deleted = 0;
    for (const [hash, record] of this.#tokens) {
      if (record.expiresAt > now) continue;
      this.#tokens.delete(hash);
      this.#families.get(record.familyId)?.tokenHashes.delete(hash);
      deleted++;
    }
    // A family outlives its last token only while it may still receive one (until its own
    // expiry), so a revoked family keeps revoking late inserts of the rotation race.
    for (const [familyId, family] of this.#families) {
      if (family.expiresAt <= now) this.#families.delete(familyId);
    }
    return deleted;
  }
}
