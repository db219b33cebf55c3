// Child process of the crash test: writes contacts in a loop the way the engine does (journal the
// start, log the queue entry; later log the answer, the call's end and the wrap-up's end, then store
// the record) and prints each id only after its commit.
// The parent kills it with SIGKILL at an arbitrary moment. Not a test file: run with
//   node crash-writer.ts sqlite <file>   or   node crash-writer.ts postgres <connection string>
import { T0 } from './contract-fixtures.ts';
import type { Database } from './database.ts';
import { journaledContact } from './contract-fixtures.ts';
import { Persistence } from './persistence.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { ContactRecord } from '@switchboard/engine';
import type { QueueLogEvent } from '@switchboard/core';

/** Contacts kept in progress at once, so the kill always cuts some off. */
const IN_PROGRESS = 4;

function idOf(i: number): string {
  return `k-${String(i).padStart(6, '0')}`;
}

function recordOf(i: number): ContactRecord {
  const arrivedAt = T0 + i * 1000;
  return {
    ...journaledContact(idOf(i), { arrivedAt, updatedAt: arrivedAt }),
    connectedAt: arrivedAt + 100,
    endedAt: arrivedAt + 900,
    outcome: 'answered',
    agentId: 'a1',
    agents: ['a1'],
    attached: [
      ['crm', idOf(i)],
      ['n', String(i)],
    ],
    waitMs: 100,
    talkMs: 800,
    holdMs: 0,
    wrapupMs: 0,
  };
}

function enteredOf(i: number): QueueLogEvent {
  return { type: 'entered', at: T0 + i * 1000, contactId: idOf(i), queueId: 'sales', priority: 0 };
}

/** The lines of recordOf(i)'s call, logged before its record: a kill may land between any two. */
function callLinesOf(i: number): QueueLogEvent[] {
  const base = { contactId: idOf(i), queueId: 'sales', agentId: 'a1' };
  const arrivedAt = T0 + i * 1000;
  return [
    { ...base, type: 'connected', at: arrivedAt + 100, waitMs: 100 },
    { ...base, type: 'completed', at: arrivedAt + 900, talkMs: 800, holdMs: 0, endedBy: 'caller' },
    { ...base, type: 'wrapupEnded', at: arrivedAt + 900, wrapupMs: 0 },
  ];
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The engine's path: synchronous write-through, each call committed before it returns. */
async function runSqlite(path: string): Promise<never> {
  const db = new SqliteDatabase(path);
  await Persistence.open(db, { now: T0 });
  const store = new SqliteStore(db);
  for (let i = 0; ; i++) {
    store.contactStarted(journaledContact(idOf(i), { arrivedAt: T0 + i * 1000, updatedAt: T0 + i * 1000 }));
    say(`started ${idOf(i)}`);
    say(`log ${store.appendQueueLog(enteredOf(i))} ${idOf(i)}`);
    if (i >= IN_PROGRESS) {
      for (const line of callLinesOf(i - IN_PROGRESS))
        say(`log ${store.appendQueueLog(line)} ${idOf(i - IN_PROGRESS)}`);
      store.saveContactRecord(recordOf(i - IN_PROGRESS));
      say(`committed ${idOf(i - IN_PROGRESS)}`);
    }
    // Yield now and then, like a server between events; the kill may land anywhere.
    if (i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runAsync(db: Database): Promise<never> {
  const p = await Persistence.open(db, { now: T0 });
  const must = <T>(result: { ok: true; value: T } | { ok: false; error: Error }): T => {
    if (!result.ok) throw result.error;
    return result.value;
  };
  for (let i = 0; ; i++) {
    must(
      await p.journal.contactStarted(
        journaledContact(idOf(i), { arrivedAt: T0 + i * 1000, updatedAt: T0 + i * 1000 }),
      ),
    );
    say(`started ${idOf(i)}`);
    say(`log ${must(await p.queueLog.append(enteredOf(i)))} ${idOf(i)}`);
    if (i >= IN_PROGRESS) {
      for (const line of callLinesOf(i - IN_PROGRESS))
        say(`log ${must(await p.queueLog.append(line))} ${idOf(i - IN_PROGRESS)}`);
      must(await p.records.insert(recordOf(i - IN_PROGRESS)));
      say(`committed ${idOf(i - IN_PROGRESS)}`);
    }
  }
}

const [dialect, target] = process.argv.slice(2);
if (dialect === 'sqlite' && target) await runSqlite(target);
else if (dialect === 'postgres' && target) await runAsync(new PostgresDatabase({ connectionString: target }));
else {
  process.stderr.write('usage: crash-writer.ts sqlite <file> | postgres <connection string>\n');
  process.exit(2);
}
