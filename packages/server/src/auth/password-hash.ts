// Password hashing with scrypt. The encoded form records every parameter next to the salt
// and key, `scrypt$N$r$p$salt$key` (salt and key base64url), so parameters can be raised
// later: old hashes keep verifying and `needsRehash` tells the login path to upgrade them.
import { scrypt, timingSafeEqual } from 'node:crypto';
import { SwitchboardError } from '@switchboard/core';
import { cryptoRandomBytes, type RandomBytes } from './random-source.ts';
import { decodeBase64UrlStrict, encodeBase64Url } from './strict-base64.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

/** ~16 MiB and ~50 ms per hash on a small server core: the usual interactive-login setting. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = Object.freeze({
  N: 16384,
  r: 8,
  p: 1,
  saltBytes: 16,
  keyBytes: 32,
});

export const MAX_PASSWORD_BYTES = 1024;

// Bounds on parameters, checked both when hashing and when reading a stored hash, so a
// corrupt or hostile row cannot make one login allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const SALT_BYTES_RANGE = [16, 64] as const;
// scrypt's output for a shorter length is a prefix of its output for a longer one, so a
// stored key cut short would still verify. Keys of at least 32 bytes make any such cut
// either fail or keep 256 bits, never a weaker hash.
const KEY_BYTES_RANGE = [32, 64] as const;

const DECIMAL = /^[1-9][0-9]{0,9}$/;

export interface ParsedPasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

export function isValidScryptParams(params: ScryptParams): boolean {
  const { N, r, p, saltBytes, keyBytes } = params;
  const ints = [N, r, p, saltBytes, keyBytes].every((n) => Number.isSafeInteger(n) && n > 0);
  return (
    ints &&
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    r <= MAX_R &&
    p <= MAX_P &&
    128 * N * r <= MAX_MEMORY_BYTES &&
    saltBytes >= SALT_BYTES_RANGE[0] &&
    saltBytes <= SALT_BYTES_RANGE[1] &&
    keyBytes >= KEY_BYTES_RANGE[0] &&
    keyBytes <= KEY_BYTES_RANGE[1]
  );
}

/**
 * The password as it is hashed, or undefined when it is not acceptable: empty, or longer
 * than MAX_PASSWORD_BYTES in UTF-8. NFKC normalisation makes the same typed password match
 * whichever keyboard or OS composed its accented letters (NIST SP 800-63B §5.1.1.2).
 */
export function normalizePassword(password: unknown): string | undefined {
  // A string of more UTF-16 units than the byte cap is over the cap in UTF-8 too; checking
  // that first keeps a multi-megabyte password from being normalised at all.
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_BYTES) {
    return undefined;
  }
  const normalized = password.normalize('NFKC');
  const bytes = Buffer.byteLength(normalized, 'utf8');
  return bytes > 0 && bytes <= MAX_PASSWORD_BYTES ? normalized : undefined;
}

/** Hashes a password; rejects with 'invalid_argument' for an empty or over-long password or bad params. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  random: RandomBytes = cryptoRandomBytes,
): Promise<string> {
  const normalized = normalizePassword(password);
  if (normalized === undefined) {
    throw new SwitchboardError('invalid_argument', 'password must be 1 to 1024 bytes of UTF-8', {
      field: 'password',
      maxBytes: MAX_PASSWORD_BYTES,
    });
  }
  if (!isValidScryptParams(params)) {
    throw new SwitchboardError('invalid_argument', 'scrypt parameters out of range', { params });
  }
  const salt = Buffer.from(random(params.saltBytes));
  if (salt.length !== params.saltBytes) {
    throw new SwitchboardError('internal', 'random source returned the wrong number of bytes');
  }
  const key = await deriveKey(normalized, salt, params);
  return ['scrypt', params.N, params.r, params.p, encodeBase64Url(salt), encodeBase64Url(key)].join('$');
}

/**
 * True when `password` matches `encoded`. Never throws for bad input: a malformed stored
 * hash or an unacceptable password is simply not a match. The key comparison is constant-time.
 */
export async function verifyPassword(password: unknown, encoded: unknown): Promise<boolean> {
  const normalized = normalizePassword(password);
  const parsed = parsePasswordHash(encoded);
  if (normalized === undefined || parsed === undefined) return false;
  const key = await deriveKey(normalized, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when `encoded` is unreadable or was made with parameters other than `params`. */
export function needsRehash(encoded: unknown, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parsePasswordHash(encoded);
  if (parsed === undefined) return true;
  const current = parsed.params;
  return (
    current.N !== params.N ||
    current.r !== params.r ||
    current.p !== params.p ||
    current.saltBytes !== params.saltBytes ||
    current.keyBytes !== params.keyBytes
  );
}

/** Reads `scrypt$N$r$p$salt$key`; undefined unless every field is canonical and in range. */
export function parsePasswordHash(encoded: unknown): ParsedPasswordHash | undefined {
  if (typeof encoded !== 'string' || encoded.length > 512) return undefined;
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, nText, rText, pText, saltText, keyText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (![nText, rText, pText].every((t) => DECIMAL.test(t))) return undefined;
  const salt = decodeBase64UrlStrict(saltText);
  const key = decodeBase64UrlStrict(keyText);
  if (salt === undefined || key === undefined) return undefined;
  const params: ScryptParams = {
    N: Number(nText),
    r: Number(rText),
    p: Number(pText),
    saltBytes: salt.length,
    keyBytes: key.length,
  };
  return isValidScryptParams(params) ? { params, salt, key } : undefined;
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs ~128*N*r bytes; Node refuses above `maxmem` (32 MiB by default), so the
  // allowance follows the parameters, which isValidScryptParams has already capped.
  const maxmem = 128 * params.N * params.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      params.keyBytes,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
