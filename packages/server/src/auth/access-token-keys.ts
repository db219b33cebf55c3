// The HMAC keys access tokens are signed with. Rotation: tokens are signed with the current
// key and carry its id (`kid`); verification accepts any key still in the ring, so a new key
// is added as current while the old one stays until the last token it signed has expired.
import { fail, ok, type Result } from '@switchboard/core';

export interface AccessTokenKeyRing {
  readonly currentKid: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_HS256_KEY_BYTES = 32;

const KID = /^[A-Za-z0-9._-]{1,64}$/;

export function createAccessTokenKeyRing(
  currentKid: string,
  keys: Readonly<Record<string, Uint8Array>>,
): Result<AccessTokenKeyRing> {
  const ring = new Map<string, Buffer>();
  for (const [kid, key] of Object.entries(keys)) {
    if (!KID.test(kid)) {
      return fail('invalid_argument', 'key id must be 1-64 characters of [A-Za-z0-9._-]', { kid });
    }
    if (!(key instanceof Uint8Array) || key.length < MIN_HS256_KEY_BYTES) {
      return fail('invalid_argument', `HS256 keys need at least ${MIN_HS256_KEY_BYTES} bytes`, { kid });
    }
    // Copy, so a caller that later zeroes or reuses its buffer cannot change our key.
    ring.set(kid, Buffer.from(key));
  }
  if (!ring.has(currentKid)) {
    return fail('invalid_argument', 'the current key id is not among the keys', { currentKid });
  }
  return ok({ currentKid, keys: ring });
}
