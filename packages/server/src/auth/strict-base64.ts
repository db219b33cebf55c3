// Buffer.from(s, 'base64') silently skips characters outside the alphabet and accepts
// non-zero padding bits, so several strings decode to the same bytes. A token that can be
// spelled two ways is malleable (a "mutated" token would still verify), so every decoder
// here accepts only the one canonical spelling of the bytes.

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** base64url without padding (RFC 4648 §5, as JWS uses it); undefined unless canonical. */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/** Standard base64 with padding (RFC 4648 §4, as PHP's base64_encode writes it). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
