import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that signs access tokens, generated on first start and kept (mode 0600) in the data
 * directory, so tokens survive a restart and nobody ships a default secret.
 */
export function loadOrCreateSigningKey(dataDir: string): Uint8Array {
  const path = join(dataDir, 'token-signing.key');
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
    if (key.length >= 32) return key;
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64url')}\n`, { mode: 0o600 });
  return key;
}
