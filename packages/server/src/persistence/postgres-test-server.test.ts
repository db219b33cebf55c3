import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findPostgresBin } from './postgres-test-server.ts';

test('without an installed PostgreSQL the helper fails with the reason and how to install it', (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'switchboard-nopg-'));
  t.after(() => rmSync(empty, { recursive: true, force: true }));
  assert.throws(() => findPostgresBin(empty), /PostgreSQL is not installed.*apt-get install postgresql/s);
  assert.throws(() => findPostgresBin(join(empty, 'missing')), /PostgreSQL is not installed/);
});

test('the installed PostgreSQL is found (CI installs it from .ci/apt-packages)', () => {
  assert.match(findPostgresBin(), /\/usr\/lib\/postgresql\/\d+\/bin$/);
});
