// UCS single sign-on tokens (specs/004, `window.ucsOperator.sso(username, token, provider)`):
//
//   token = base64_encode(sha1_hash(secret + username + timestamp) + username + timestamp)
//
// with the SHA-1 digest in binary (20 bytes). This is LDAP's SSHA layout: digest, then the
// "salt" (here username + timestamp) in clear. The spec does not say how the timestamp is
// written; the PHP-style pseudocode (base64_encode, binary sha1) points at PHP's time(), so
// we take it as Unix seconds in exactly 10 ASCII digits (valid 2001-09-09 to 2286-11-20).
// A fixed width is what lets the verifier split username and timestamp apart at all. See
// README.md for why 13-digit milliseconds and 14-digit yyyyMMddHHmmss are refused.
import { createHash, timingSafeEqual } from 'node:crypto';
import { fail, type Millis, ok, type Result } from '@switchboard/core';
import { authFailure } from './auth-failure.ts';
import { decodeBase64Strict } from './strict-base64.ts';
import type { ReplayCache } from './ucs-sso-replay-cache.ts';

export const UCS_SSO_DIGEST_BYTES = 20;
export const UCS_SSO_TIMESTAMP_DIGITS = 10;
export const UCS_SSO_MAX_USERNAME_BYTES = 256;
export const DEFAULT_UCS_SSO_SKEW_MS = 5 * 60_000;

/** Unix seconds, 10 digits, no leading zero: anything else is not the width we agreed on. */
const TIMESTAMP = /^[1-9][0-9]{9}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const MIN_BYTES = UCS_SSO_DIGEST_BYTES + 1 + UCS_SSO_TIMESTAMP_DIGITS;
const MAX_BYTES = UCS_SSO_DIGEST_BYTES + UCS_SSO_MAX_USERNAME_BYTES + UCS_SSO_TIMESTAMP_DIGITS;
const MAX_TOKEN_CHARS = 4 * Math.ceil(MAX_BYTES / 3);

export interface CreateUcsSsoTokenInput {
  readonly secret: string;
  readonly username: string;
  readonly now: Millis;
}

export interface VerifyUcsSsoTokenOptions {
  readonly secret: string;
  readonly now: Millis;
  /** Accepted distance between the token's timestamp and now, either way, inclusive. */
  readonly skewMs?: number;
  readonly replayCache: ReplayCache;
  /** The username passed next to the token in sso(); when given, the token must be for it. */
  readonly username?: string;
}

export interface VerifiedUcsSsoToken {
  readonly username: string;
  readonly issuedAt: Millis;
}

/** Makes a token as the integrating system would (for tests and tools). */
export function createUcsSsoToken(input: CreateUcsSsoTokenInput): Result<string> {
  const seconds = Math.floor(input.now / 1000);
  const timestamp = String(seconds);
  if (!Number.isSafeInteger(seconds) || !TIMESTAMP.test(timestamp)) {
    return fail('invalid_argument', 'now must lie between 2001-09-09 and 2286-11-20', { field: 'now' });
  }
  if (!isUsername(input.username)) {
    return fail('invalid_argument', 'username must be 1-256 bytes of UTF-8 without control characters', {
      field: 'username',
    });
  }
  if (typeof input.secret !== 'string' || input.secret.length === 0) {
    return fail('invalid_argument', 'secret must not be empty', { field: 'secret' });
  }
  const salt = Buffer.from(input.username + timestamp, 'utf8');
  return ok(Buffer.concat([digest(input.secret, salt), salt]).toString('base64'));
}

/**
 * Checks a token; never throws. Every refusal is 'unauthorized' with `details.reason`, except
 * a full replay cache, which is 'unavailable' (the token may be fine; we cannot take it now).
 * The token is remembered as used only once every other check has passed.
 */
export function verifyUcsSsoToken(
  token: unknown,
  options: VerifyUcsSsoTokenOptions,
): Result<VerifiedUcsSsoToken> {
  const skewMs = options.skewMs ?? DEFAULT_UCS_SSO_SKEW_MS;
  // With an empty secret anyone could compute a valid digest: refuse every token instead.
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    return fail('unavailable', 'UCS SSO has no secret configured', { reason: 'sso_disabled' });
  }
  if (typeof token !== 'string') return authFailure('malformed_base64', 'SSO token is not a string');
  if (token.length > MAX_TOKEN_CHARS) return authFailure('wrong_length', 'SSO token is too long');
  const bytes = decodeBase64Strict(token);
  if (bytes === undefined) return authFailure('malformed_base64', 'SSO token is not canonical base64');
  if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
    return authFailure('wrong_length', `SSO token must decode to ${MIN_BYTES}-${MAX_BYTES} bytes`, {
      bytes: bytes.length,
    });
  }
  const salt = bytes.subarray(UCS_SSO_DIGEST_BYTES);
  const split = splitSalt(salt, options.username);
  if (!split.ok) return split;
  const { username, timestamp } = split.value;

  if (!timingSafeEqual(bytes.subarray(0, UCS_SSO_DIGEST_BYTES), digest(options.secret, salt))) {
    return authFailure('bad_digest', 'SSO token digest does not match');
  }
  const issuedAt = Number(timestamp) * 1000;
  if (options.now > issuedAt + skewMs) {
    return authFailure('expired', 'SSO token is too old', { issuedAt, skewMs });
  }
  if (options.now < issuedAt - skewMs) {
    return authFailure('not_yet_valid', 'SSO token is from the future', { issuedAt, skewMs });
  }
  const key = bytes.subarray(0, UCS_SSO_DIGEST_BYTES).toString('hex');
  const verdict = options.replayCache.remember(key, issuedAt + skewMs + 1, options.now);
  if (verdict === 'replayed') return authFailure('replayed', 'SSO token has already been used');
  if (verdict === 'full') {
    return fail('unavailable', 'too many SSO logins in flight; try again shortly', {
      reason: 'replay_cache_full',
    });
  }
  return ok({ username, issuedAt });
}

/**
 * Username and timestamp from the salt: the timestamp is the last 10 bytes. When the
 * expected username (passed next to the token in sso()) is followed by digits only, but not
 * by exactly 10 of them, the token is for this user with a timestamp of another width
 * (13-digit milliseconds, 14-digit yyyyMMddHHmmss): that is 'bad_timestamp', not a mismatch.
 */
function splitSalt(
  salt: Buffer,
  expected: string | undefined,
): Result<{ username: string; timestamp: string }> {
  const usernameBytes = salt.subarray(0, salt.length - UCS_SSO_TIMESTAMP_DIGITS);
  const timestamp = salt.subarray(salt.length - UCS_SSO_TIMESTAMP_DIGITS).toString('latin1');
  if (expected !== undefined) {
    const prefix = Buffer.from(expected, 'utf8');
    const rest = salt.subarray(prefix.length).toString('latin1');
    const forExpected = prefix.length > 0 && salt.subarray(0, prefix.length).equals(prefix);
    if (forExpected && /^[0-9]+$/.test(rest) && rest.length !== UCS_SSO_TIMESTAMP_DIGITS) {
      return authFailure('bad_timestamp', `SSO token timestamp has ${rest.length} digits, not 10`);
    }
  }
  if (!TIMESTAMP.test(timestamp)) {
    return authFailure('bad_timestamp', 'SSO token timestamp is not 10-digit Unix seconds');
  }
  const username = decodeUtf8(usernameBytes);
  if (username === undefined || !isUsername(username)) {
    return authFailure('bad_username', 'SSO token username is not valid UTF-8 text');
  }
  if (expected !== undefined && username !== expected) {
    return authFailure('username_mismatch', 'SSO token was issued for another user');
  }
  return ok({ username, timestamp });
}

function isUsername(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || CONTROL.test(value)) return false;
  return Buffer.byteLength(value, 'utf8') <= UCS_SSO_MAX_USERNAME_BYTES;
}

function digest(secret: string, salt: Buffer): Buffer {
  return createHash('sha1').update(secret, 'utf8').update(salt).digest();
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
