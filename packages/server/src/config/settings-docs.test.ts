import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { settingsReference } from './load-settings.ts';

/**
 * A markdown table as its cells: the formatter (biome) pads cells and widens separator rows, which
 * changes no setting, so the comparison ignores the padding and the dash count.
 */
function tableCells(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
        .map((cell) => (/^:?-+:?$/.test(cell) ? '---' : cell))
        .join('|'),
    )
    .join('\n');
}

test('docs/configuration.md lists every setting exactly as the settings table defines it', () => {
  const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
  assert.ok(
    tableCells(docs).includes(tableCells(settingsReference())),
    'regenerate the table in docs/configuration.md from settingsReference()',
  );
});

test('the comparison ignores cell padding only: a changed default is still caught', () => {
  const padded = settingsReference()
    .split('\n')
    .map((line) => line.replaceAll('|', ' | ').replace('---', '-------'))
    .join('\n');
  assert.ok(tableCells(padded).includes(tableCells(settingsReference())));
  const changed = settingsReference().replace('`8080`', '`8081`');
  assert.ok(!tableCells(changed).includes(tableCells(settingsReference())));
});
