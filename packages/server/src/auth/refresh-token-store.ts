// Where refresh tokens live between uses. Only the SHA-256 of a token is stored, so a
// leaked table cannot be replayed. The in-memory store is the first implementation; a
// database one follows the same contract (every method may be a single SQL statement).
import type { Millis } from '@switchboard/core';

export interface RefreshTokenRecord {
  /** base64url SHA-256 of the token text; the token itself is never stored. */
  readonly tokenHash: string;
  /** Every token descending from one login shares the family id; theft detection revokes by it. */
  readonly familyId: string;
  readonly userId: string;
  readonly issuedAt: Millis;
  readonly expiresAt: Millis;
  /** No token of the family outlives this, however often it is rotated. */
  readonly familyExpiresAt: Millis;
  /** Set when the token was exchanged for a new pair; a second use is theft. */
  readonly usedAt: Millis | null;
  readonly revokedAt: Millis | null;
}

export interface RefreshTokenStore {
  /**
   * Stores a new token. A token inserted into a family that was already revoked is stored
   * revoked: this closes the race where a reuse revokes the family while the legitimate
   * rotation is still writing its successor.
   */
  insert(record: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Atomically marks the token used. True only for the one caller that found it unused and
   * unrevoked; two concurrent refreshes with the same token cannot both win.
   */
  markUsed(tokenHash: string, now: Millis): Promise<boolean>;
  /** Revokes every token of the family (and any inserted into it later). Returns how many were live. */
  revokeFamily(familyId: string, now: Millis): Promise<number>;
  /** Revokes every token of the user: logout everywhere, password change, account disabled. */
  revokeUser(userId: string, now: Millis): Promise<number>;
  /** Forgets tokens past their expiry (a used token must be kept until then to detect reuse). */
  deleteExpired(now: Millis): Promise<number>;
}
