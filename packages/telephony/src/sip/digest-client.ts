// Client side of digest authentication: answers a challenge with an Authorization (or
// Proxy-Authorization) value - what tests use, and what our B2BUA will send toward trunks.
// With several challenges the first one whose algorithm we support wins (RFC 7616 §3.7), which
// is the server's order of preference (SHA-256 before MD5 per RFC 8760).
import type { Result } from '@switchboard/core';
import { fail, ok } from '@switchboard/core';
import { type AuthParam, formatAuthHeader, parseAuthHeader } from './auth-header.ts';
import { computeDigestResponse, computeHa1, digestAlgorithm } from './digest-hash.ts';

export interface DigestClientInput {
  /** One WWW-Authenticate / Proxy-Authenticate value. */
  readonly challenge: string;
  readonly method: string;
  /** The Request-URI, as the digest-uri. */
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  /** Client nonce: random, chosen by the caller. */
  readonly cnonce: string;
  /** How many requests this nonce has answered so far, this one included (starts at 1). */
  readonly nc: number;
}

export function selectDigestChallenge(values: readonly string[]): string | undefined {
  return values.find((v) => {
    const h = parseAuthHeader(v);
    return (
      h.ok &&
      h.value.scheme.toLowerCase() === 'digest' &&
      digestAlgorithm(h.value.params.get('algorithm') ?? 'MD5') !== undefined
    );
  });
}

export function computeDigestAuthorization(input: DigestClientInput): Result<string> {
  const header = parseAuthHeader(input.challenge);
  if (!header.ok) return fail('invalid_argument', `Malformed challenge: ${header.reason}`);
  if (header.value.scheme.toLowerCase() !== 'digest')
    return fail('invalid_argument', 'Not a Digest challenge');
  const p = header.value.params;
  const realm = p.get('realm');
  const nonce = p.get('nonce');
  if (realm === undefined || nonce === undefined)
    return fail('invalid_argument', 'Challenge without realm or nonce');
  const algorithmName = p.get('algorithm');
  const algorithm = digestAlgorithm(algorithmName ?? 'MD5');
  if (!algorithm) return fail('invalid_argument', `Unsupported digest algorithm ${algorithmName}`);
  const qops = p
    .get('qop')
    ?.split(',')
    .map((q) => q.trim().toLowerCase());
  if (qops && !qops.includes('auth')) return fail('invalid_argument', 'Challenge offers no qop=auth');
  if (!Number.isInteger(input.nc) || input.nc < 1 || input.nc > 0xffffffff) {
    return fail('invalid_argument', 'nc must be 1..2**32-1');
  }
  const qop = qops ? 'auth' : undefined;
  const nc = input.nc.toString(16).padStart(8, '0');
  const response = computeDigestResponse({
    algorithm,
    ha1: computeHa1(algorithm, input.username, realm, input.password),
    nonce,
    method: input.method,
    uri: input.uri,
    qop,
    nc,
    cnonce: input.cnonce,
  });
  const params: AuthParam[] = [
    ['username', input.username, true],
    ['realm', realm, true],
    ['nonce', nonce, true],
    ['uri', input.uri, true],
    ['response', response, true],
    ['algorithm', algorithm, false],
  ];
  if (qop) params.push(['cnonce', input.cnonce, true], ['qop', qop, false], ['nc', nc, false]);
  const opaque = p.get('opaque');
  if (opaque !== undefined) params.push(['opaque', opaque, true]);
  return ok(formatAuthHeader('Digest', params));
}
