// The server's DialogStore on both databases: what the B2BUA saves is in the table (SQLite: before
// save() returns, seen by a second connection; PostgreSQL: once flushed), a reopened store finds what
// a previous process left, updates replace and removals delete, and a corrupt row is dropped and
// logged rather than handed to the B2BUA.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DialogRecord } from '@switchboard/telephony/sip';
import type { Logger, LogFields } from '../observability/json-logger.ts';
import { Persistence, SqliteDatabase } from '../persistence/index.ts';
import { postgresContractTarget } from '../persistence/contract-targets.ts';
import { DurableDialogStore } from './durable-dialog-store.ts';

const T0 = Date.UTC(2026, 0, 5, 9);

function record(n: number, overrides: Partial<DialogRecord> = {}): DialogRecord {
  const callId = `call-${n}@192.0.2.1`;
  return {
    key: `${callId}\nsb-${n}`,
    contactId: `c${n}`,
    role: n % 2 === 0 ? 'customer' : 'agent',
    callId,
    localTag: `sb-${n}`,
    remoteTag: `peer-${n}`,
    localAddress: `<sip:switchboard@127.0.0.1:5060>;tag=sb-${n}`,
    remoteAddress: `<sip:100${n}@127.0.0.1>;tag=peer-${n}`,
    remoteTarget: `sip:100${n}@127.0.0.1:5070`,
    routeSet: n === 3 ? ['<sip:proxy.example;lr>'] : [],
    localCseq: 1,
    flow: { transport: 'UDP', address: '127.0.0.1', port: 5070 },
    ...overrides,
  };
}

function captureLog(): { log: Logger; errors: { msg: string; fields: LogFields | undefined }[] } {
  const errors: { msg: string; fields: LogFields | undefined }[] = [];
  const log: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (msg, fields) => errors.push({ msg, fields }),
    child: () => log,
  };
  return { log, errors };
}

describe('DurableDialogStore on SQLite', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-dialogs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function open(name: string) {
    const db = new SqliteDatabase(join(dir, name));
    const persistence = await Persistence.open(db, { now: T0 });
    return { db, persistence };
  }

  test('a saved dialog is committed before save() returns: another connection reads it at once', async () => {
    const { db, persistence } = await open('sync.db');
    const { log } = captureLog();
    const store = await DurableDialogStore.open(db, log);
    const reader = new SqliteDatabase(join(dir, 'sync.db'));
    store.save(record(1));
    // No await between the save and the read: the row must already be committed.
    const rows = reader
      .querySync('SELECT dialog_key, contact_id, role FROM sip_dialogs')
      .map((r) => ({ ...r }));
    assert.deepEqual(rows, [{ dialog_key: record(1).key, contact_id: 'c1', role: 'agent' }]);
    store.save({ ...record(1), localCseq: 7 });
    const body = JSON.parse(String(reader.querySync('SELECT body FROM sip_dialogs')[0]!.body));
    assert.equal(body.localCseq, 7, 'a save replaces the record with the same key');
    store.remove(record(1).key);
    assert.equal(reader.querySync('SELECT dialog_key FROM sip_dialogs').length, 0);
    assert.equal(store.backlog, 0);
    assert.equal(store.failures, 0);
    await reader.close();
    await persistence.close();
  });

  test('a reopened store holds exactly the dialogs the previous process left, records intact', async () => {
    const first = await open('reopen.db');
    const store = await DurableDialogStore.open(first.db, captureLog().log);
    for (const n of [1, 2, 3, 4]) store.save(record(n));
    store.remove(record(2).key);
    store.save({ ...record(4), localCseq: 3 });
    // No graceful close: the next process opens the file as a crash would leave it.
    const second = await open('reopen.db');
    const reopened = await DurableDialogStore.open(second.db, captureLog().log);
    const byKey = new Map(reopened.all().map((r) => [r.key, r]));
    assert.deepEqual([...byKey.keys()].sort(), [record(1).key, record(3).key, record(4).key].sort());
    assert.deepEqual(byKey.get(record(3).key), record(3));
    assert.equal(byKey.get(record(4).key)?.localCseq, 3);
    await second.persistence.close();
    await first.persistence.close();
  });

  test('corrupt rows are dropped and logged, never handed to the B2BUA; the valid ones stay', async () => {
    const { db, persistence } = await open('corrupt.db');
    const seeded = await DurableDialogStore.open(db, captureLog().log);
    seeded.save(record(1));
    db.runSync([
      { sql: 'INSERT INTO sip_dialogs VALUES (?, ?, ?, ?)', params: ['bad-json', 'c9', 'agent', '{'] },
      {
        sql: 'INSERT INTO sip_dialogs VALUES (?, ?, ?, ?)',
        params: [
          'bad-port',
          'c8',
          'agent',
          JSON.stringify({
            ...record(8),
            key: 'bad-port',
            flow: { transport: 'UDP', address: 'x', port: 70000 },
          }),
        ],
      },
      {
        sql: 'INSERT INTO sip_dialogs VALUES (?, ?, ?, ?)',
        params: ['other-key', 'c7', 'agent', JSON.stringify(record(7))],
      },
    ]);
    const { log, errors } = captureLog();
    const reopened = await DurableDialogStore.open(db, log);
    assert.deepEqual(
      reopened.all().map((r) => r.key),
      [record(1).key],
    );
    assert.equal(errors.length, 1);
    const dropped = (errors[0]!.fields!.dialogs as { key: string; reason: string }[])
      .map((d) => d.key)
      .sort();
    assert.deepEqual(dropped, ['bad-json', 'bad-port', 'other-key']);
    assert.match(JSON.stringify(errors[0]!.fields), /flow\.port/);
    assert.deepEqual(
      db.querySync('SELECT dialog_key FROM sip_dialogs').map((r) => r.dialog_key),
      [record(1).key],
    );
    await persistence.close();
  });

  test('a record the table refuses is counted and logged, the live call keeps its leg in memory', async () => {
    const { db, persistence } = await open('refused.db');
    const { log, errors } = captureLog();
    const store = await DurableDialogStore.open(db, log);
    const bad = record(5, { role: 'bystander' as DialogRecord['role'] });
    store.save(bad);
    assert.equal(store.failures, 1);
    assert.match(errors[0]!.msg, /refused/);
    assert.deepEqual(store.all(), [bad]);
    assert.equal(db.querySync('SELECT dialog_key FROM sip_dialogs').length, 0);
    await persistence.close();
  });
});

describe('DurableDialogStore on PostgreSQL', () => {
  const postgres = postgresContractTarget();

  test('writes are queued in order and committed by flush(); a new connection finds the survivors', async () => {
    const { connect } = await postgres.newDatabase();
    const first = await Persistence.open(connect(), { now: T0 });
    const store = await DurableDialogStore.open(first.db, captureLog().log);
    for (let n = 1; n <= 20; n++) store.save(record(n));
    for (let n = 1; n <= 20; n += 2) store.remove(record(n).key);
    store.save({ ...record(2), localCseq: 9 });
    assert.ok(store.backlog > 0, 'writes are queued, not awaited by save()');
    await store.flush();
    assert.equal(store.backlog, 0);
    assert.equal(store.failures, 0);
    const second = await Persistence.open(connect(), { now: T0 });
    const reopened = await DurableDialogStore.open(second.db, captureLog().log);
    const keys = reopened
      .all()
      .map((r) => r.contactId)
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    assert.deepEqual(
      keys,
      Array.from({ length: 10 }, (_, i) => `c${2 * (i + 1)}`),
    );
    assert.equal(reopened.all().find((r) => r.contactId === 'c2')?.localCseq, 9);
    await second.close();
    await first.close();
  });
});
