// SQLite-only behaviour of the embedded adapter: lock contention and statement outcomes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { SqliteDatabase } from './sqlite-database.ts';

function tempPath(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'db.sqlite');
}

test('a writer that cannot get the lock within the busy timeout fails unavailable and writes nothing', async (t) => {
  const path = tempPath(t);
  const db = new SqliteDatabase(path, { busyTimeoutMs: 50 });
  t.after(() => db.close());
  assert.ok(db.runSync([{ sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY)', params: [] }]).ok);
  // Another process (here: another connection) holds the write lock.
  const other = new DatabaseSync(path);
  other.exec('BEGIN IMMEDIATE');
  t.after(() => other.close());
  assert.throws(() => db.runSync([{ sql: 'INSERT INTO t (id) VALUES (?)', params: [1] }]), {
    code: 'unavailable',
  });
  other.exec('ROLLBACK');
  assert.equal(db.querySync('SELECT COUNT(*) AS n FROM t')[0]?.n, 0);
  assert.ok(db.runSync([{ sql: 'INSERT INTO t (id) VALUES (?)', params: [1] }]).ok);
});

test('a script reports rows of RETURNING statements and changes of the others; a failed check rolls back', async (t) => {
  const db = new SqliteDatabase(tempPath(t));
  t.after(() => db.close());
  db.runSync([{ sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT UNIQUE)', params: [] }]);
  const done = db.runSync([
    { sql: 'INSERT INTO t (v) VALUES (?) RETURNING id', params: ['a'] },
    { sql: 'UPDATE t SET v = ? WHERE v = ?', params: ['b', 'a'] },
  ]);
  assert.ok(done.ok);
  assert.deepEqual(
    done.value.map((o) => ({ rows: o.rows.map((r) => ({ ...r })), changes: o.changes })),
    [
      { rows: [{ id: 1 }], changes: 1 },
      { rows: [], changes: 1 },
    ],
  );
  const refused = db.runSync([
    { sql: 'INSERT INTO t (v) VALUES (?)', params: ['c'] },
    { sql: 'INSERT INTO t (v) VALUES (?)', params: ['b'] },
  ]);
  assert.equal(refused.ok ? 'ok' : refused.error.code, 'already_exists');
  assert.deepEqual(
    db.querySync('SELECT v FROM t ORDER BY v').map((r) => r.v),
    ['b'],
  );
});
