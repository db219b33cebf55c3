// kill -9 in the middle of writing: every record the writer reported is there exactly once and
// whole, every queue log line it reported is there, and the contacts it had in progress come back
// as 'interrupted' exactly once, each with one closing queue log line, so the statistics folded
// over the log leave nobody waiting. Run against SQLite (the engine's write-through path) and
// against a real PostgreSQL (the async repositories).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { closedEntries, type QueueLogEvent, QueueStatsAccumulator, unwrap } from '@switchboard/core';
import { T0 } from './contract-fixtures.ts';
import type { Database } from './database.ts';
import { Persistence } from './persistence.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { startPostgresTestServer } from './postgres-test-server.ts';
import { SqliteDatabase } from './sqlite-database.ts';

const KILL_AFTER_COMMITS = 300;

interface Reported {
  readonly started: Set<string>;
  readonly committed: Set<string>;
  readonly logged: Map<number, string>;
}

/** Runs the writer until it has reported enough commits, then SIGKILLs it. */
async function runAndKill(args: readonly string[]): Promise<Reported> {
  const child = spawn(process.execPath, [new URL('./crash-writer.ts', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const reported: Reported = { started: new Set(), committed: new Set(), logged: new Map() };
  for await (const line of createInterface({ input: child.stdout })) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'started') reported.started.add(a!);
    else if (kind === 'committed') reported.committed.add(a!);
    else if (kind === 'log') reported.logged.set(Number(a), b!);
    if (reported.committed.size >= KILL_AFTER_COMMITS && child.exitCode === null && !child.killed) {
      child.kill('SIGKILL');
    }
  }
  const signal = await exited;
  assert.equal(signal, 'SIGKILL', `the writer ended on its own: ${stderr}`);
  return reported;
}

/** Every queue log entry, page by page (a page holds at most 10,000). */
async function wholeLog(p: Persistence): Promise<{ seq: number; event: QueueLogEvent }[]> {
  const entries: { seq: number; event: QueueLogEvent }[] = [];
  for (let afterSeq = 0; ; ) {
    const page = unwrap(await p.queueLog.read({ afterSeq, limit: 10_000 }));
    entries.push(...page.entries);
    if (!page.more || page.lastSeq === null) return entries;
    afterSeq = page.lastSeq;
  }
}

/** Each cut-off contact in the log has one closing line, naming a1 when it was answered; nobody waits. */
function checkClosedLog(log: readonly QueueLogEvent[], interrupted: ReadonlySet<string>): void {
  const linesOf = (id: string, type: string) => log.filter((e) => e.contactId === id && e.type === type);
  for (const id of new Set(log.map((e) => e.contactId))) {
    const closing = linesOf(id, 'interrupted');
    if (!interrupted.has(id)) {
      assert.deepEqual(closing, [], `${id} ended before the kill`);
      continue;
    }
    assert.equal(closing.length, 1, `${id}: one closing line`);
    const answered = linesOf(id, 'connected').length > 0;
    assert.equal('agentId' in closing[0]! ? closing[0].agentId : null, answered ? 'a1' : null, id);
  }
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'sales', serviceLevelMs: 20_000 }));
  for (const event of log) unwrap(acc.add(event));
  const s = acc.stats();
  assert.equal(s.entered - closedEntries(s), 0, 'the folded log leaves nobody waiting');
  assert.ok(s.interrupted > 0);
}

async function checkAfterCrash(db: Database, reported: Reported): Promise<void> {
  const p = await Persistence.open(db, { now: T0 });
  try {
    const duplicates = await db.query(
      'SELECT contact_id FROM contact_records GROUP BY contact_id HAVING COUNT(*) > 1',
    );
    assert.deepEqual(duplicates, []);
    for (const id of reported.committed) {
      const record = await p.records.get(id); // validates the stored row
      assert.equal(record?.outcome, 'answered', id);
    }
    // Whole rows: every record has exactly its agent and attached-data rows.
    const partial = await db.query(
      `SELECT r.contact_id FROM contact_records r
        WHERE (SELECT COUNT(*) FROM contact_record_attached d WHERE d.contact_id = r.contact_id) <> 2
           OR (SELECT COUNT(*) FROM contact_record_agents a WHERE a.contact_id = r.contact_id) <>
              CASE WHEN r.agent_id IS NULL THEN 0 ELSE 1 END`,
    );
    assert.deepEqual(partial, []);
    const log = await wholeLog(p);
    const stored = new Map(log.map((e) => [e.seq, e.event.contactId]));
    for (const [seq, id] of reported.logged) assert.equal(stored.get(seq), id, `queue log ${seq}`);

    const recordedBefore = await p.records.count();
    const inProgress = new Set((await p.journal.contactsInProgress()).map((c) => c.contactId));
    for (const id of reported.started) {
      if (!reported.committed.has(id)) {
        // Either its record was committed just before the kill (not yet printed) or it is journaled.
        assert.ok(inProgress.has(id) || (await p.records.get(id)) !== undefined, `${id} was lost`);
      }
    }
    assert.ok(inProgress.size > 0, 'the kill should cut off contacts in progress');
    const report = await p.journal.recover(T0 + 3_600_000);
    assert.deepEqual(new Set(report.interrupted.map((r) => r.contactId)), inProgress);
    // A contact killed between its journal entry and its `entered` line owes no closing line.
    const logged = new Set(log.map((e) => e.event.contactId));
    assert.deepEqual(
      new Set(report.interruptedLines.map((e) => e.contactId)),
      new Set([...inProgress].filter((id) => logged.has(id))),
    );
    checkClosedLog(
      (await wholeLog(p)).map((e) => e.event),
      inProgress,
    );
    assert.equal(await p.records.count(), recordedBefore + inProgress.size);
    for (const id of reported.started)
      assert.ok(await p.records.get(id), `${id} has a record after recovery`);
    const again = await p.journal.recover(T0 + 3_700_000);
    assert.deepEqual(again.interrupted, []);
    assert.deepEqual(again.interruptedLines, []);
    assert.equal(await p.records.count(), recordedBefore + inProgress.size);
    checkClosedLog(
      (await wholeLog(p)).map((e) => e.event),
      inProgress,
    );
  } finally {
    await p.close();
  }
}

describe('crash recovery', () => {
  test('SQLite: after kill -9 no reported record is lost or doubled and cut-off contacts are interrupted once', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'crash.db');
    const reported = await runAndKill(['sqlite', path]);
    assert.ok(reported.committed.size >= KILL_AFTER_COMMITS);
    await checkAfterCrash(new SqliteDatabase(path), reported);
  });

  test('PostgreSQL: after kill -9 of the client no reported record is lost or doubled', async (t) => {
    const server = await startPostgresTestServer();
    t.after(() => server.stop());
    const connectionString = await server.createDatabase();
    const reported = await runAndKill(['postgres', connectionString]);
    assert.ok(reported.committed.size >= KILL_AFTER_COMMITS);
    await checkAfterCrash(new PostgresDatabase({ connectionString }), reported);
  });
});
