// Short-lived access tokens in JWS compact form (`header.payload.signature`, base64url),
// HMAC-SHA256 only. We are the only issuer and the only verifier, so verification is strict:
// exactly our header fields, exactly our claims, canonical base64url, and no algorithm but HS256.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail, type Millis, ok, type Result } from '@switchboard/core';
import type { AccessTokenKeyRing } from './access-token-keys.ts';
import { authFailure } from './auth-failure.ts';
import {
  isConsistentScope,
  isIdentifier,
  isRole,
  type Principal,
  type Role,
  type SupervisorScope,
} from './principal.ts';
import { cryptoRandomBytes, type RandomBytes } from './random-source.ts';
import { decodeBase64UrlStrict, encodeBase64Url } from './strict-base64.ts';

export const DEFAULT_ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000;
/** Tolerated clock difference between the signing and the verifying node. */
export const DEFAULT_ACCESS_TOKEN_SKEW_MS = 30_000;
/** Far above any token we issue (a supervisor with a big scope is a few KiB); bounds parsing work. */
export const MAX_ACCESS_TOKEN_CHARS = 16_384;

export interface AccessTokenClaims {
  readonly sub: string;
  readonly role: Role;
  readonly scope?: SupervisorScope;
  /** Seconds since the epoch (JWT NumericDate), as are nbf and exp. */
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly jti: string;
}

export interface SignedAccessToken {
  readonly token: string;
  readonly claims: AccessTokenClaims;
  readonly expiresAt: Millis;
}

export interface SignAccessTokenOptions {
  readonly keys: AccessTokenKeyRing;
  readonly now: Millis;
  readonly lifetimeMs?: number;
  readonly random?: RandomBytes;
}

export interface VerifyAccessTokenOptions {
  readonly keys: AccessTokenKeyRing;
  readonly now: Millis;
  readonly skewMs?: number;
}

const HEADER_FIELDS = new Set(['alg', 'typ', 'kid']);
const CLAIM_FIELDS = new Set(['sub', 'role', 'scope', 'iat', 'nbf', 'exp', 'jti']);
const SIGNATURE_BYTES = 32;
const JTI = /^[A-Za-z0-9_-]{16,64}$/;

export function signAccessToken(
  principal: Principal,
  options: SignAccessTokenOptions,
): Result<SignedAccessToken> {
  const lifetimeMs = options.lifetimeMs ?? DEFAULT_ACCESS_TOKEN_LIFETIME_MS;
  if (!isIdentifier(principal.userId) || !isRole(principal.role)) {
    return fail('invalid_argument', 'an access token needs a user id and a known role', {
      field: 'principal',
    });
  }
  if (!isConsistentScope(principal.role, principal.scope)) {
    return fail('invalid_argument', 'a supervisor needs a scope and other roles must have none', {
      field: 'scope',
      role: principal.role,
    });
  }
  if (!Number.isSafeInteger(options.now) || !Number.isSafeInteger(lifetimeMs) || lifetimeMs < 1000) {
    return fail('invalid_argument', 'now and lifetimeMs must be integers, lifetime at least 1 s', {
      field: 'lifetimeMs',
    });
  }
  const key = options.keys.keys.get(options.keys.currentKid);
  if (key === undefined) return fail('internal', 'the current signing key is missing from the key ring');
  const iat = Math.floor(options.now / 1000);
  const claims: AccessTokenClaims = {
    sub: principal.userId,
    role: principal.role,
    ...(principal.scope === undefined ? {} : { scope: principal.scope }),
    iat,
    nbf: iat,
    exp: iat + Math.ceil(lifetimeMs / 1000),
    jti: encodeBase64Url((options.random ?? cryptoRandomBytes)(16)),
  };
  const header = { alg: 'HS256', typ: 'JWT', kid: options.keys.currentKid };
  const signingInput = `${encodeJson(header)}.${encodeJson(claims)}`;
  const signature = encodeBase64Url(hmac(key, signingInput));
  return ok({ token: `${signingInput}.${signature}`, claims, expiresAt: claims.exp * 1000 });
}

/** Never throws: any input that is not a valid, current token of ours is an 'unauthorized' Result. */
export function verifyAccessToken(
  token: unknown,
  options: VerifyAccessTokenOptions,
): Result<AccessTokenClaims> {
  const skewMs = options.skewMs ?? DEFAULT_ACCESS_TOKEN_SKEW_MS;
  if (typeof token !== 'string' || token.length > MAX_ACCESS_TOKEN_CHARS) {
    return authFailure('malformed', 'access token is not a string of acceptable length');
  }
  const parts = token.split('.');
  if (parts.length !== 3) return authFailure('malformed', 'access token must have three segments');
  const [headerText, payloadText, signatureText] = parts as [string, string, string];

  const header = decodeJsonObject(headerText);
  if (header === undefined) return authFailure('malformed', 'access token header is not a JSON object');
  // The algorithm is checked before anything else is trusted: 'none', RS256 (key confusion)
  // and every other value are refused, not merely "not verified".
  if (header.alg !== 'HS256') {
    return authFailure('unsupported_alg', 'only HS256 access tokens are accepted', {
      alg: typeof header.alg === 'string' ? header.alg.slice(0, 32) : typeof header.alg,
    });
  }
  if (Object.keys(header).some((field) => !HEADER_FIELDS.has(field)) || (header.typ ?? 'JWT') !== 'JWT') {
    return authFailure('malformed', 'access token header has fields we do not issue');
  }
  const key = typeof header.kid === 'string' ? options.keys.keys.get(header.kid) : undefined;
  if (key === undefined) return authFailure('unknown_key', 'access token was signed with an unknown key');

  const signature = decodeBase64UrlStrict(signatureText);
  const expected = hmac(key, `${headerText}.${payloadText}`);
  if (
    signature === undefined ||
    signature.length !== SIGNATURE_BYTES ||
    !timingSafeEqual(signature, expected)
  ) {
    return authFailure('bad_signature', 'access token signature does not match');
  }

  const payload = decodeJsonObject(payloadText);
  if (payload === undefined || !isOurClaims(payload)) {
    return authFailure('invalid_claims', 'access token claims are not valid');
  }
  const now = options.now;
  if (now >= payload.exp * 1000 + skewMs) {
    return authFailure('expired', 'access token has expired', { expiredAt: payload.exp * 1000 });
  }
  if (now < payload.nbf * 1000 - skewMs || now < payload.iat * 1000 - skewMs) {
    return authFailure('not_yet_valid', 'access token is not valid yet', { notBefore: payload.nbf * 1000 });
  }
  return ok(payload);
}

function isOurClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessTokenClaims {
  const { sub, role, scope, iat, nbf, exp, jti } = payload;
  return (
    Object.keys(payload).every((field) => CLAIM_FIELDS.has(field)) &&
    isIdentifier(sub) &&
    isRole(role) &&
    isConsistentScope(role, scope) &&
    isNumericDate(iat) &&
    isNumericDate(nbf) &&
    isNumericDate(exp) &&
    exp > nbf &&
    typeof jti === 'string' &&
    JTI.test(jti)
  );
}

function isNumericDate(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < 1e11;
}

function hmac(key: Buffer, input: string): Buffer {
  return createHmac('sha256', key).update(input, 'ascii').digest();
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeJsonObject(text: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64UrlStrict(text);
  if (bytes === undefined) return undefined;
  try {
    // fatal: invalid UTF-8 is malformed, not silently replaced by U+FFFD.
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
