import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { settingsReference } from './load-settings.ts';

test('docs/configuration.md lists every setting exactly as the settings table defines it', () => {
  const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
  assert.ok(
    docs.includes(settingsReference()),
    'regenerate the table in docs/configuration.md from settingsReference()',
  );
});
