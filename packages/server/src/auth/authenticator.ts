// The authentication façade the server's transports call: password login, UCS SSO login,
// refresh, logout and access-token checks, composed from the primitives beside it.
import { fail, type Millis, ok, type Result, SwitchboardError } from '@switchboard/core';
import type { AccessTokenKeyRing } from './access-token-keys.ts';
import { type AccessTokenClaims, signAccessToken, verifyAccessToken } from './access-token.ts';
import { authFailure } from './auth-failure.ts';
import type { LoginThrottle } from './login-throttle.ts';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  isValidScryptParams,
  needsRehash,
  normalizePassword,
  type ScryptParams,
  verifyPassword,
} from './password-hash.ts';
import type { Principal, Role } from './principal.ts';
import { cryptoRandomBytes, type RandomBytes } from './random-source.ts';
import type { RefreshTokenStore } from './refresh-token-store.ts';
import { RefreshTokens } from './refresh-tokens.ts';
import type { ReplayCache } from './ucs-sso-replay-cache.ts';
import { verifyUcsSsoToken } from './ucs-sso-token.ts';
import type { UserDirectory, UserRecord } from './user-directory.ts';

export interface AuthenticatorConfig {
  readonly users: UserDirectory;
  readonly refreshTokenStore: RefreshTokenStore;
  readonly accessKeys: AccessTokenKeyRing;
  readonly throttle: LoginThrottle;
  readonly passwordParams?: ScryptParams;
  readonly accessTokenLifetimeMs?: number;
  readonly accessTokenSkewMs?: number;
  readonly refreshTokenLifetimeMs?: number;
  readonly refreshFamilyLifetimeMs?: number;
  /** Without it, loginWithUcsSso answers 'unavailable'. */
  readonly ucsSso?: { readonly secret: string; readonly replayCache: ReplayCache; readonly skewMs?: number };
  readonly random?: RandomBytes;
}

export interface TokenPair {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Millis;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Millis;
  readonly userId: string;
  readonly role: Role;
}

const MAX_USERNAME_CHARS = 256;

export class Authenticator {
  readonly #config: AuthenticatorConfig;
  readonly #refreshTokens: RefreshTokens;
  readonly #passwordParams: ScryptParams;
  readonly #dummyHash: Promise<string>;

  constructor(config: AuthenticatorConfig) {
    this.#config = config;
    this.#passwordParams = config.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
    if (!isValidScryptParams(this.#passwordParams)) {
      throw new SwitchboardError('invalid_argument', 'scrypt parameters out of range', {
        field: 'passwordParams',
      });
    }
    if (
      config.ucsSso !== undefined &&
      !(typeof config.ucsSso.secret === 'string' && config.ucsSso.secret.length > 0)
    ) {
      throw new SwitchboardError('invalid_argument', 'the UCS SSO secret must not be empty', {
        field: 'ucsSso.secret',
      });
    }
    // The decoy hash is started now, not at the first unknown username, so that first
    // attempt does not take twice as long as the others.
    this.#dummyHash = hashPassword('decoy password for unknown users', this.#passwordParams, config.random);
    this.#dummyHash.catch(() => {}); // awaited (and its error seen) by login; no unhandled rejection meanwhile
    this.#refreshTokens = new RefreshTokens(config.refreshTokenStore, {
      ...(config.refreshTokenLifetimeMs === undefined ? {} : { lifetimeMs: config.refreshTokenLifetimeMs }),
      ...(config.refreshFamilyLifetimeMs === undefined
        ? {}
        : { familyLifetimeMs: config.refreshFamilyLifetimeMs }),
      random: config.random ?? cryptoRandomBytes,
    });
  }

  /**
   * Password login. Unknown user, user without a password and wrong password all give the
   * same 'invalid_credentials', after the same scrypt work (a dummy hash stands in for the
   * missing one), so neither the answer nor its timing tells which usernames exist.
   */
  async login(username: unknown, password: unknown, source: string, now: Millis): Promise<Result<TokenPair>> {
    if (!isUsername(username)) {
      return fail('invalid_argument', 'username must be 1-256 characters', { field: 'username' });
    }
    if (normalizePassword(password) === undefined) {
      return fail('invalid_argument', 'password must be 1 to 1024 bytes of UTF-8', { field: 'password' });
    }
    const admitted = this.#config.throttle.admit(username, source, now);
    if (!admitted.ok) return admitted;
    const user = await this.#config.users.findByUsername(username);
    const hash = user?.passwordHash ?? (await this.#dummyHash);
    const matches = await verifyPassword(password, hash);
    if (user === undefined || user.passwordHash === null || !matches) {
      return authFailure('invalid_credentials', 'invalid username or password');
    }
    // The attempt stays counted as a failure: knowing a disabled account's password is no
    // reason to let someone keep trying it.
    if (user.disabled) return authFailure('account_disabled', 'this account is disabled');
    this.#config.throttle.succeeded(username, source, now);
    await this.#upgradeHash(user, password as string);
    return this.#issuePair(user, now);
  }

  /** Login with a UCS SSO token (window.ucsOperator.sso). Failures are throttled per source address. */
  async loginWithUcsSso(
    username: unknown,
    token: unknown,
    source: string,
    now: Millis,
  ): Promise<Result<TokenPair>> {
    const sso = this.#config.ucsSso;
    if (sso === undefined) {
      return fail('unavailable', 'UCS SSO is not configured', { reason: 'sso_disabled' });
    }
    if (!isUsername(username)) {
      return fail('invalid_argument', 'username must be 1-256 characters', { field: 'username' });
    }
    const admitted = this.#config.throttle.admit(null, source, now);
    if (!admitted.ok) return admitted;
    const verified = verifyUcsSsoToken(token, {
      secret: sso.secret,
      now,
      replayCache: sso.replayCache,
      username,
      ...(sso.skewMs === undefined ? {} : { skewMs: sso.skewMs }),
    });
    if (!verified.ok) return verified;
    this.#config.throttle.succeeded(null, source, now);
    const user = await this.#config.users.findByUsername(verified.value.username);
    if (user === undefined) return authFailure('unknown_user', 'SSO token names no known user');
    if (user.disabled) return authFailure('account_disabled', 'this account is disabled');
    return this.#issuePair(user, now);
  }

  /** Exchanges a refresh token for a new pair; the old token is spent (see RefreshTokens). */
  async refresh(refreshToken: unknown, now: Millis): Promise<Result<TokenPair>> {
    const rotated = await this.#refreshTokens.rotate(refreshToken, now);
    if (!rotated.ok) return rotated;
    const { token, record } = rotated.value;
    // Role, scope and the disabled flag are read afresh: a change to the user takes effect
    // at the next refresh, i.e. within one access-token lifetime.
    const user = await this.#config.users.findById(record.userId);
    if (user === undefined || user.disabled) {
      await this.#refreshTokens.revokeUser(record.userId, now);
      return user === undefined
        ? authFailure('unknown_user', 'the user of this session no longer exists')
        : authFailure('account_disabled', 'this account is disabled');
    }
    return this.#pairWith(user, token, record.expiresAt, now);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are fine: the session is gone either way. */
  async logout(refreshToken: unknown, now: Millis): Promise<Result<void>> {
    const revoked = await this.#refreshTokens.revoke(refreshToken, now);
    return revoked.ok ? ok(undefined) : revoked;
  }

  /** Ends every session of a user (password change, account disabled, "log out everywhere"). */
  async logoutEverywhere(userId: string, now: Millis): Promise<number> {
    return this.#refreshTokens.revokeUser(userId, now);
  }

  verifyAccessToken(token: unknown, now: Millis): Result<AccessTokenClaims> {
    return verifyAccessToken(token, {
      keys: this.#config.accessKeys,
      now,
      ...(this.#config.accessTokenSkewMs === undefined ? {} : { skewMs: this.#config.accessTokenSkewMs }),
    });
  }

  async #issuePair(user: UserRecord, now: Millis): Promise<Result<TokenPair>> {
    const issued = await this.#refreshTokens.issue(user.id, now);
    return this.#pairWith(user, issued.token, issued.record.expiresAt, now);
  }

  #pairWith(
    user: UserRecord,
    refreshToken: string,
    refreshTokenExpiresAt: Millis,
    now: Millis,
  ): Result<TokenPair> {
    const principal: Principal = {
      userId: user.id,
      role: user.role,
      ...(user.scope === undefined ? {} : { scope: user.scope }),
    };
    const access = signAccessToken(principal, {
      keys: this.#config.accessKeys,
      now,
      random: this.#config.random ?? cryptoRandomBytes,
      ...(this.#config.accessTokenLifetimeMs === undefined
        ? {}
        : { lifetimeMs: this.#config.accessTokenLifetimeMs }),
    });
    if (!access.ok) return access;
    return ok({
      tokenType: 'Bearer',
      accessToken: access.value.token,
      accessTokenExpiresAt: access.value.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      userId: user.id,
      role: user.role,
    });
  }

  async #upgradeHash(user: UserRecord, password: string): Promise<void> {
    const update = this.#config.users.updatePasswordHash;
    if (update === undefined || !needsRehash(user.passwordHash, this.#passwordParams)) return;
    const upgraded = await hashPassword(password, this.#passwordParams, this.#config.random);
    await update.call(this.#config.users, user.id, upgraded);
  }
}

function isUsername(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_USERNAME_CHARS;
}
