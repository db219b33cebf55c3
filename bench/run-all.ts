// Runs every benchmark (`*.bench.ts` under bench/) one after another, so they never compete for
// the machine's two cores. Usage: npm run bench [-- substring ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = import.meta.dirname;
const found: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'results' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.bench.ts')) found.push(path);
  }
};
walk(root);
const filters = process.argv.slice(2);
let failed = 0;
for (const file of found.sort()) {
  if (filters.length > 0 && !filters.some((f) => file.includes(f))) continue;
  console.log(`\n=== ${relative(root, file)}`);
  const run = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
