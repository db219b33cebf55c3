// Server side of SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760), qop=auth only.
// Decisions: SHA-256 is offered before MD5 (one challenge header per algorithm, same nonce);
// nonces are self-validating (digest-nonce.ts) and expire after `nonceLifetimeMs`; a correct
// digest on an expired, replayed or forgotten nonce earns stale=true so the client retries
// without asking its user again; every other failure - no credentials, unknown scheme, unknown
// user, wrong password - gives the very same challenge, computed in the same time, so the
// answer never tells which usernames exist.
import { Buffer } from 'node:buffer';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Millis } from '@switchboard/core';
import { type AuthParam, formatAuthHeader, parseAuthHeader } from './auth-header.ts';
import {
  computeDigestResponse,
  computeHa1,
  type DigestAlgorithm,
  digestAlgorithm,
  digestHash,
} from './digest-hash.ts';
import { createNonce, readNonce } from './digest-nonce.ts';
import type { NonceCountTracker } from './nonce-count-tracker.ts';

export type ServerDigestAlgorithm = 'SHA-256' | 'MD5';

export interface DigestServerOptions {
  readonly realm: string;
  /** Key of the nonce MAC; the same on every node that must accept the others' nonces. */
  readonly secret: Uint8Array | string;
  readonly nonceLifetimeMs: number;
  /** Offered in this order; default SHA-256 then MD5. */
  readonly algorithms?: readonly ServerDigestAlgorithm[];
}

/** What the user store holds: the password, or H(A1) per algorithm (it differs by algorithm). */
export type DigestSecret =
  | { readonly password: string }
  | { readonly ha1: Readonly<Partial<Record<ServerDigestAlgorithm, string>>> };

export type DigestVerdict =
  | { readonly outcome: 'authorized'; readonly username: string; readonly algorithm: ServerDigestAlgorithm }
  | { readonly outcome: 'challenge'; readonly stale: boolean };

export interface DigestVerification {
  /** The Authorization (or Proxy-Authorization) header value, if the request had one. */
  readonly header: string | undefined;
  readonly method: string;
  readonly now: Millis;
  readonly lookup: (username: string) => DigestSecret | undefined;
  readonly tracker: NonceCountTracker;
}

const DEFAULT_ALGORITHMS: readonly ServerDigestAlgorithm[] = ['SHA-256', 'MD5'];
const CHALLENGE: DigestVerdict = { outcome: 'challenge', stale: false };
const STALE: DigestVerdict = { outcome: 'challenge', stale: true };
// A nonce from the future means a clock step or a forgery; a little skew between nodes is fine.
const FUTURE_SKEW_MS = 5_000;

function offered(options: DigestServerOptions): readonly ServerDigestAlgorithm[] {
  return options.algorithms && options.algorithms.length > 0 ? options.algorithms : DEFAULT_ALGORITHMS;
}

/** WWW-Authenticate (or Proxy-Authenticate) values, one per offered algorithm, SHA-256 first. */
export function buildDigestChallenges(
  options: DigestServerOptions,
  now: Millis,
  stale = false,
  random: (size: number) => Uint8Array = randomBytes,
): string[] {
  const nonce = createNonce(options.secret, now, random(8));
  return offered(options).map((algorithm) => {
    const params: AuthParam[] = [
      ['realm', options.realm, true],
      ['nonce', nonce, true],
      ['algorithm', algorithm, false],
      ['qop', 'auth', true],
    ];
    if (stale) params.push(['stale', 'true', false]);
    return formatAuthHeader('Digest', params);
  });
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  // timingSafeEqual needs equal lengths; compare with itself so a short answer costs the same.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(a, a);
}

function ha1For(
  secret: DigestSecret | undefined,
  algorithm: ServerDigestAlgorithm,
  username: string,
  realm: string,
): string | undefined {
  if (!secret) return undefined;
  if ('password' in secret) return computeHa1(algorithm, username, realm, secret.password);
  return secret.ha1[algorithm]?.toLowerCase();
}

export function verifyDigestAuthorization(
  options: DigestServerOptions,
  input: DigestVerification,
): DigestVerdict {
  if (input.header === undefined) return CHALLENGE;
  const header = parseAuthHeader(input.header);
  if (!header.ok || header.value.scheme.toLowerCase() !== 'digest') return CHALLENGE;
  const p = header.value.params;
  const username = p.get('username');
  const nonce = p.get('nonce');
  const uri = p.get('uri');
  const response = p.get('response');
  const nc = p.get('nc');
  const cnonce = p.get('cnonce');
  const named = digestAlgorithm(p.get('algorithm') ?? 'MD5');
  const algorithm = offered(options).find((a): a is ServerDigestAlgorithm & DigestAlgorithm => a === named);
  if (username === undefined || nonce === undefined || uri === undefined || response === undefined)
    return CHALLENGE;
  if (nc === undefined || cnonce === undefined || !/^[0-9a-fA-F]{8}$/.test(nc)) return CHALLENGE;
  if (p.get('realm') !== options.realm || p.get('qop') !== 'auth' || !algorithm) return CHALLENGE;
  const issuedAt = readNonce(options.secret, nonce);
  if (issuedAt === undefined || issuedAt > input.now + FUTURE_SKEW_MS) return CHALLENGE;
  const known = ha1For(input.lookup(username), algorithm, username, options.realm);
  // An unknown user is checked against a decoy H(A1): same work, same answer as a bad password.
  const decoy = digestHash(
    algorithm,
    createHmac('sha256', options.secret).update(`decoy:${username}`).digest('hex'),
  );
  const expected = computeDigestResponse({
    algorithm,
    ha1: known ?? decoy,
    nonce,
    method: input.method,
    uri,
    qop: 'auth',
    nc,
    cnonce,
  });
  if (!sameText(expected, response.toLowerCase()) || known === undefined) return CHALLENGE;
  if (input.now - issuedAt > options.nonceLifetimeMs) return STALE;
  if (input.tracker.accept(nonce, issuedAt, Number.parseInt(nc, 16)) !== 'ok') return STALE;
  return { outcome: 'authorized', username, algorithm };
}
