// kill -9 of the real server during calls, then a restart on the same data directory: every record
// committed before the kill is still there exactly once, every contact that was in progress is closed
// as 'interrupted' exactly once, and the agents that were logged in come back Paused('restart').
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';

const BIN = new URL('../../bin/switchboard.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sb-crash-'));
const started: ChildProcess[] = [];

after(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `switchboard start` on the test's data directory and resolves with its port. */
async function startServer(args: string[]): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    env: {
      ...process.env,
      SWITCHBOARD_DATA_DIR: dir,
      SWITCHBOARD_HTTP_PORT: '0',
      SWITCHBOARD_HTTP_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 20 s')), 20_000);
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; port?: number };
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolve(entry.port!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}/api/v1` };
}

async function adminToken(base: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-demo' }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${url}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

interface RecordItem {
  contactId: string;
  outcome: string;
}

async function allRecords(base: string, token: string): Promise<RecordItem[]> {
  const out: RecordItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: RecordItem[]; nextCursor: string | null } = await getJson(
      `${base}/contact-records?from=0&to=9999999999999&limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      token,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

test('after kill -9 no committed record is lost or duplicated, live contacts end interrupted, agents come back Paused', async () => {
  const first = await startServer(['--demo-traffic']);
  const token = await adminToken(first.base);
  // Let calls arrive and start; the demo callers talk about 40 s, so some are in progress.
  let live: { id: string }[] = [];
  for (let i = 0; i < 100 && live.length < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    live = (await getJson<{ items: { id: string }[] }>(`${first.base}/contacts`, token)).items;
  }
  assert.ok(live.length >= 3, `calls in progress before the kill (${live.length})`);
  const committed = await allRecords(first.base, token);
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));

  const second = await startServer([]);
  const token2 = await adminToken(second.base);
  const after = await allRecords(second.base, token2);
  const ids = after.map((r) => r.contactId);
  assert.equal(new Set(ids).size, ids.length, 'no record twice');
  for (const r of committed) assert.ok(ids.includes(r.contactId), `committed record ${r.contactId} kept`);
  const interrupted = after.filter((r) => r.outcome === 'interrupted').map((r) => r.contactId);
  for (const c of live) assert.ok(interrupted.includes(c.id) || ids.includes(c.id), `contact ${c.id} closed`);
  assert.ok(interrupted.length >= 1, 'contacts in progress were closed as interrupted');
  const states = await getJson<{ items: { state: { name: string; reason: string | null } }[] }>(
    `${second.base}/agent-states`,
    token2,
  );
  assert.equal(states.items.length, 12);
  for (const s of states.items) assert.deepEqual([s.state.name, s.state.reason], ['Paused', 'restart']);

  // A second restart adds nothing: recovery happens once.
  second.child.kill('SIGTERM');
  const [code] = await new Promise<[number | null]>((resolve) =>
    second.child.once('exit', (c) => resolve([c])),
  );
  assert.equal(code, 0, 'SIGTERM stops the server cleanly');
  const third = await startServer([]);
  const again = await allRecords(third.base, await adminToken(third.base));
  assert.equal(again.length, after.length);
  third.child.kill('SIGTERM');
  await new Promise((resolve) => third.child.once('exit', resolve));
});
