// Self-validating nonces: base64url( issuedAt(8 bytes) | random(8) | HMAC-SHA256(secret, both)[0..16] ).
// The server keeps no table of issued nonces: it recognises its own by the MAC and reads the
// age from the nonce itself, so a restart or a second node with the same secret accepts them.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Millis } from '@switchboard/core';

const PAYLOAD = 16;
const MAC = 16;

function mac(secret: Uint8Array | string, payload: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC);
}

/** `random` supplies 8 unpredictable bytes, so that two nonces issued the same millisecond differ. */
export function createNonce(secret: Uint8Array | string, now: Millis, random: Uint8Array): string {
  const payload = Buffer.alloc(PAYLOAD);
  payload.writeBigUInt64BE(BigInt(Math.max(0, Math.min(Math.floor(now), Number.MAX_SAFE_INTEGER))), 0);
  Buffer.from(random).copy(payload, 8, 0, 8);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

/** When the nonce is one of ours (MAC checked in constant time), the time it was issued. */
export function readNonce(secret: Uint8Array | string, nonce: string): Millis | undefined {
  const bytes = Buffer.from(nonce, 'base64url');
  // Only the canonical encoding is ours: no second spelling of the same nonce.
  if (bytes.length !== PAYLOAD + MAC || bytes.toString('base64url') !== nonce) return undefined;
  const payload = bytes.subarray(0, PAYLOAD);
  if (!timingSafeEqual(mac(secret, payload), bytes.subarray(PAYLOAD))) return undefined;
  return Number(payload.readBigUInt64BE(0));
}
