import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('protocol imports nothing of node:* and nothing of the workspace (browser-safe, shared by server and sdk)', () => {
  const offenders: string[] = [];
  for (const file of sources(root)) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
      if (spec!.startsWith('node:') || spec!.startsWith('@switchboard/'))
        offenders.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('only TypeBox is imported from outside the package (fast-check only by test support)', () => {
  const outside = new Set<string>();
  for (const file of sources(root)) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'([^'.][^']*)'/g)) {
      if (!file.endsWith('frame-arbitraries.ts')) outside.add(spec!.split('/')[0]!);
    }
  }
  assert.deepEqual([...outside], ['typebox']);
});
