import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fail, ok, type Result } from '@switchboard/core';
import { createJsonLogger } from '../observability/json-logger.ts';
import { contactRecord, entered } from '../persistence/contract-fixtures.ts';
import type { Database, Step, StepOutcome } from '../persistence/database.ts';
import { QueuedStore } from './queued-store.ts';

/** A database that records each transaction's statements and answers when told to. */
class FakeDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly transactions: string[][] = [];
  readonly #waiting: (() => void)[] = [];
  /** A transaction holding a statement that contains this text is refused as a whole. */
  refuse: string | null = null;
  held = false;

  async query(): Promise<never[]> {
    return [];
  }

  async run(steps: readonly Step[]): Promise<Result<readonly StepOutcome[]>> {
    if (this.held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    const refused = this.refuse;
    if (refused !== null && steps.some((s) => JSON.stringify(s.params).includes(refused)))
      return fail('conflict', 'refused');
    this.transactions.push(steps.map((s) => String(s.params[0])));
    return ok(steps.map(() => ({ rows: [], changes: 1 })));
  }

  release(): void {
    this.held = false;
    for (const go of this.#waiting.splice(0)) go();
  }

  async close(): Promise<void> {}
}

function store(db: Database) {
  const lines: string[] = [];
  const log = createJsonLogger({ level: 'error', write: (line) => lines.push(line), now: () => 0 });
  return { store: new QueuedStore(db, log), lines };
}

test('writes queued while a transaction is in flight go together in the next one, in order', async () => {
  const db = new FakeDatabase();
  const { store: s } = store(db);
  db.held = true;
  s.saveContactRecord(contactRecord(1));
  await Promise.resolve();
  await Promise.resolve();
  for (let i = 2; i <= 40; i++) s.saveContactRecord(contactRecord(i));
  assert.equal(s.backlog, 40);
  db.release();
  await s.flush();
  assert.equal(s.backlog, 0);
  assert.equal(db.transactions.length, 2, 'one transaction for the first, one for the 39 queued behind it');
  const ids = (t: readonly string[]) => new Set(t.filter((id) => id.startsWith('c')));
  assert.equal(ids(db.transactions[1]!).size, 39);
  const order = db.transactions.flat().filter((id, i, all) => all.indexOf(id) === i && id.startsWith('c'));
  assert.deepEqual(
    order,
    Array.from({ length: 40 }, (_, i) => contactRecord(i + 1).contactId),
  );
});

test('a transaction refused as a whole is retried one write at a time: the bad write is logged and counted, the others committed', async () => {
  const db = new FakeDatabase();
  const { store: s, lines } = store(db);
  db.held = true;
  s.appendQueueLog(entered(1));
  await Promise.resolve();
  s.saveContactRecord(contactRecord(2));
  s.saveContactRecord(contactRecord(3));
  s.saveContactRecord(contactRecord(4));
  db.refuse = contactRecord(3).contactId;
  db.release();
  await s.flush();
  const committed = db.transactions.flat();
  assert.ok(committed.includes(contactRecord(2).contactId));
  assert.ok(committed.includes(contactRecord(4).contactId));
  assert.ok(!committed.includes(contactRecord(3).contactId));
  assert.equal(s.failures, 1);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /contact record write failed/);
});

test('written() settles once the writes queued before it are done, even while newer writes keep coming', async () => {
  const db = new FakeDatabase();
  const { store: s } = store(db);
  db.held = true;
  s.saveContactRecord(contactRecord(1));
  let settled = false;
  const before = s.written().then(() => {
    settled = true;
  });
  // A busy server: the queue never empties while the first transaction is held, then keeps filling.
  for (let i = 2; i < 10; i++) s.saveContactRecord(contactRecord(i));
  await Promise.resolve();
  assert.equal(settled, false, 'not before the database answered');
  db.held = false;
  db.release();
  await before;
  assert.equal(settled, true);
  assert.ok(db.transactions.flat().includes(contactRecord(1).contactId));
  await s.flush();
  assert.equal(s.backlog, 0);
});

test('a value that fails validation is refused before it queues, logged and counted', async () => {
  const db = new FakeDatabase();
  const { store: s, lines } = store(db);
  s.saveContactRecord({ ...contactRecord(1), contactId: '' });
  assert.equal(s.backlog, 0);
  assert.equal(s.failures, 1);
  assert.match(lines[0]!, /refused before writing/);
  await s.flush();
  assert.equal(db.transactions.length, 0);
});
