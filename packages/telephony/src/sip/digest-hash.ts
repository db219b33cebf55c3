// The digest computations of RFC 7616 §3.4.1-3.4.3 (RFC 8760 makes SHA-256 available to SIP):
//   A1 = username:realm:password (then H(A1):nonce:cnonce for the -sess variants)
//   A2 = method:digest-uri (qop=auth)
//   response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)), or KD(H(A1), nonce:H(A2)) with no qop
import { createHash } from 'node:crypto';

export const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-256-sess', 'MD5', 'MD5-sess'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

export function digestAlgorithm(name: string): DigestAlgorithm | undefined {
  const lower = name.toLowerCase();
  return DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === lower);
}

export function digestHash(algorithm: DigestAlgorithm, data: string): string {
  return createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
    .update(data, 'utf8')
    .digest('hex');
}

/** H(A1) as a server stores it instead of the password: H(username:realm:password). */
export function computeHa1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
): string {
  return digestHash(algorithm, `${username}:${realm}:${password}`);
}

export interface DigestResponseInput {
  readonly algorithm: DigestAlgorithm;
  /** H(username:realm:password), before the -sess step. */
  readonly ha1: string;
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  /** Undefined for an RFC 2069 exchange without qop; then nc and cnonce are unused. */
  readonly qop: 'auth' | undefined;
  /** Eight hex digits, as sent. */
  readonly nc: string;
  readonly cnonce: string;
}

export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm, nonce, cnonce } = input;
  const ha1 = algorithm.endsWith('-sess')
    ? digestHash(algorithm, `${input.ha1}:${nonce}:${cnonce}`)
    : input.ha1;
  const ha2 = digestHash(algorithm, `${input.method}:${input.uri}`);
  return input.qop === undefined
    ? digestHash(algorithm, `${ha1}:${nonce}:${ha2}`)
    : digestHash(algorithm, `${ha1}:${nonce}:${input.nc}:${cnonce}:${input.qop}:${ha2}`);
}
