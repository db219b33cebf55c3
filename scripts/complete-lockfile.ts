// npm leaves out of package-lock.json the optional platform packages of @biomejs/biome that the
// registry mirror here does not serve (win32, darwin, musl, android builds), and `npm ci` then
// refuses the lock as "not in sync". This adds those entries, marked optional with their os/cpu,
// so `npm ci` accepts the lock and skips them on this platform as it would anywhere.
// Run after any `npm install` that rewrote the lock:  npx node scripts/complete-lockfile.ts
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, Record<string, unknown>> };
const biome = lock.packages['node_modules/@biomejs/biome'];
if (biome === undefined) throw new Error('no @biomejs/biome in the lock');
const version = biome.version as string;
const platforms: Record<string, { os: string; cpu: string; libc?: string }> = {
  'android-arm64': { os: 'android', cpu: 'arm64' },
  'android-x64': { os: 'android', cpu: 'x64' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  'linux-arm64-musl': { os: 'linux', cpu: 'arm64', libc: 'musl' },
  'linux-x64': { os: 'linux', cpu: 'x64', libc: 'glibc' },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl' },
  'win32-arm64': { os: 'win32', cpu: 'arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64' },
};
let added = 0;
for (const [name, p] of Object.entries(platforms)) {
  const key = `node_modules/@biomejs/cli-${name}`;
  if (lock.packages[key] !== undefined) continue;
  lock.packages[key] = {
    version,
    cpu: [p.cpu],
    dev: true,
    license: 'MIT OR Apache-2.0',
    optional: true,
    os: [p.os],
    ...(p.libc === undefined ? {} : { libc: [p.libc] }),
    engines: { node: '>=14.21.3' },
  };
  added++;
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
