// Refresh tokens: opaque random strings, stored hashed, used once. Each use rotates: the old
// token is spent and a successor of the same family is issued. A spent token that comes back
// means two parties hold it (the user and a thief), and we cannot tell which is which, so
// the whole family is revoked and both must log in again (OAuth 2.0 Security BCP §4.14.2).
import { createHash } from 'node:crypto';
import { fail, type Millis, ok, type Result, SwitchboardError } from '@switchboard/core';
import { authFailure } from './auth-failure.ts';
import { cryptoRandomBytes, type RandomBytes } from './random-source.ts';
import type { RefreshTokenRecord, RefreshTokenStore } from './refresh-token-store.ts';
import { decodeBase64UrlStrict, encodeBase64Url } from './strict-base64.ts';

export const DEFAULT_REFRESH_TOKEN_LIFETIME_MS = 7 * 24 * 3600_000;
/** A family (one login) ends after this however often it is refreshed: a stolen session cannot live forever. */
export const DEFAULT_REFRESH_FAMILY_LIFETIME_MS = 30 * 24 * 3600_000;
export const REFRESH_TOKEN_BYTES = 32;

const TOKEN_TEXT = /^[A-Za-z0-9_-]{43}$/;

export interface RefreshTokenOptions {
  readonly lifetimeMs?: number;
  readonly familyLifetimeMs?: number;
  readonly random?: RandomBytes;
}

export interface IssuedRefreshToken {
  /** Given to the client once; only its hash is kept. */
  readonly token: string;
  readonly record: RefreshTokenRecord;
}

/** base64url SHA-256 of the token text. A 256-bit random token needs no salt or slow hash. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url');
}

/** 32 bytes in canonical unpadded base64url (43 characters). */
export function isRefreshTokenText(token: unknown): token is string {
  if (typeof token !== 'string' || !TOKEN_TEXT.test(token)) return false;
  return decodeBase64UrlStrict(token)?.length === REFRESH_TOKEN_BYTES;
}

export class RefreshTokens {
  readonly #store: RefreshTokenStore;
  readonly #lifetimeMs: number;
  readonly #familyLifetimeMs: number;
  readonly #random: RandomBytes;

  constructor(store: RefreshTokenStore, options: RefreshTokenOptions = {}) {
    this.#store = store;
    this.#lifetimeMs = options.lifetimeMs ?? DEFAULT_REFRESH_TOKEN_LIFETIME_MS;
    this.#familyLifetimeMs = options.familyLifetimeMs ?? DEFAULT_REFRESH_FAMILY_LIFETIME_MS;
    this.#random = options.random ?? cryptoRandomBytes;
  }

  /** Starts a new family (one login session) for the user. */
  async issue(userId: string, now: Millis): Promise<IssuedRefreshToken> {
    const familyId = encodeBase64Url(this.#random(16));
    return this.#issueInFamily(userId, familyId, now + this.#familyLifetimeMs, now);
  }

  /** Spends `token` and returns its successor; see the file comment for what a reuse does. */
  async rotate(token: unknown, now: Millis): Promise<Result<IssuedRefreshToken>> {
    const found = await this.#find(token);
    if (!found.ok) return found;
    const record = found.value;
    if (record.revokedAt !== null) return authFailure('revoked', 'refresh token has been revoked');
    if (record.usedAt !== null) return this.#reuseDetected(record, now);
    if (record.expiresAt <= now) return authFailure('expired', 'refresh token has expired');
    if (!(await this.#store.markUsed(record.tokenHash, now))) {
      // Lost a race with a concurrent use of the same token: that is a reuse as well, unless
      // the loser was a revocation (logout) that got there first.
      const again = await this.#store.findByHash(record.tokenHash);
      if (again === undefined || again.revokedAt !== null) {
        return authFailure('revoked', 'refresh token has been revoked');
      }
      return this.#reuseDetected(again, now);
    }
    const successor = await this.#issueInFamily(record.userId, record.familyId, record.familyExpiresAt, now);
    // The store revokes a successor written into a family that a concurrent reuse has just
    // revoked; hand out no token that is dead on arrival.
    const stored = await this.#store.findByHash(successor.record.tokenHash);
    if (stored === undefined || stored.revokedAt !== null) {
      return authFailure('revoked', 'refresh token family was revoked during rotation');
    }
    return ok(successor);
  }

  /** Logout: revokes the family of `token`. Unknown or already revoked tokens are not an error. */
  async revoke(token: unknown, now: Millis): Promise<Result<{ readonly revoked: number }>> {
    if (!isRefreshTokenText(token))
      return fail('invalid_argument', 'not a refresh token', { field: 'refreshToken' });
    const record = await this.#store.findByHash(hashRefreshToken(token));
    if (record === undefined) return ok({ revoked: 0 });
    return ok({ revoked: await this.#store.revokeFamily(record.familyId, now) });
  }

  /** Logout everywhere for one user. */
  async revokeUser(userId: string, now: Millis): Promise<number> {
    return this.#store.revokeUser(userId, now);
  }

  /** The stored record of `token`, or why there is none. */
  async #find(token: unknown): Promise<Result<RefreshTokenRecord>> {
    if (!isRefreshTokenText(token)) return authFailure('malformed', 'not a refresh token');
    const record = await this.#store.findByHash(hashRefreshToken(token));
    return record === undefined ? authFailure('unknown_token', 'refresh token is not known') : ok(record);
  }

  async #reuseDetected(record: RefreshTokenRecord, now: Millis): Promise<Result<never>> {
    const revoked = await this.#store.revokeFamily(record.familyId, now);
    return authFailure('reused', 'refresh token was already used; its session has been revoked', {
      familyRevoked: true,
      liveTokensRevoked: revoked,
    });
  }

  async #issueInFamily(
    userId: string,
    familyId: string,
    familyExpiresAt: Millis,
    now: Millis,
  ): Promise<IssuedRefreshToken> {
    const token = encodeBase64Url(this.#random(REFRESH_TOKEN_BYTES));
    if (!isRefreshTokenText(token)) {
      throw new SwitchboardError('internal', 'random source returned the wrong number of bytes');
    }
    const record: RefreshTokenRecord = {
      tokenHash: hashRefreshToken(token),
      familyId,
      userId,
      issuedAt: now,
      expiresAt: Math.min(now + this.#lifetimeMs, familyExpiresAt),
      familyExpiresAt,
      usedAt: null,
      revokedAt: null,
    };
    await this.#store.insert(record);
    return { token, record };
  }
}
