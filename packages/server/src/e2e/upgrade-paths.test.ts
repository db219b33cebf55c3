// An HTTP upgrade to a path no part of the server serves is answered 404 at once, not left hanging.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { createApp } from '../app/create-app.ts';
import { loadSettings } from '../config/load-settings.ts';
import { CHEAP_SCRYPT } from './e2e-center.ts';

test('an upgrade to an unknown path is answered 404', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-upgrade-'));
  const settings = unwrap(loadSettings({ data: { dir }, http: { port: 0 }, log: { level: 'error' } }, {}));
  const app = await createApp({ settings, scryptParams: CHEAP_SCRYPT, logWrite: () => {} });
  const { port } = await app.listen();
  try {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/not-a-socket',
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
        timeout: 3000,
      });
      req.on('response', (res) => resolve(res.statusCode));
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('timeout', () => reject(new Error('no answer within 3 s')));
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 404);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
