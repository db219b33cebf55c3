import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that makes digest nonces self-validating (registrar and trunk challenges), generated on
 * first start and kept (mode 0600) in the data directory: a phone that registered just before a
 * restart keeps a nonce the restarted server still accepts, and no site ships a default secret.
 */
export function loadOrCreateNonceSecret(dataDir: string): string {
  const path = join(dataDir, 'sip-nonce.key');
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8').trim();
    if (Buffer.from(text, 'base64url').length >= 32) return text;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
