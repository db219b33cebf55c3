// Contract of the durable registrations, the same on every database: what the registrar binds,
// refreshes, removes and lets expire is in the table once flushed; a store opened by the next process
// on a fresh RegistrationStore restores exactly the unexpired UDP bindings - each field intact, each
// extension's contacts in their order, expiring on the new clock - and deletes the rest (connection-
// bound, expired, corrupt), which it reports.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RegistrationStore } from '@switchboard/telephony/sip';
import type { ContractTarget } from '../persistence/contract-fixtures.ts';
import type { Database } from '../persistence/database.ts';
import { Persistence } from '../persistence/persistence.ts';
import { DurableRegistrations } from './durable-registrations.ts';
import {
  captureLog,
  connectionBinding,
  sampleClock,
  secondContact,
  T0,
  udpBinding,
} from './registration-samples.ts';

async function storedRows(
  db: Database,
): Promise<{ extension: string; position: number; transport: string }[]> {
  const rows = await db.query(
    'SELECT extension, position, transport FROM sip_registrations ORDER BY extension, position',
  );
  return rows.map((r) => ({
    extension: String(r.extension),
    position: Number(r.position),
    transport: String(r.transport),
  }));
}

export function registrationsContract(target: ContractTarget): void {
  describe(`durable registrations (${target.dialect})`, () => {
    /** One server process's registrations on the database; its clock starts `laterMs` after T0. */
    async function openProcess(connect: () => Database, laterMs = 0) {
      const persistence = await Persistence.open(connect(), { now: T0 });
      const clock = sampleClock();
      clock.advanceBy(laterMs);
      const store = new RegistrationStore(clock);
      const { log, errors } = captureLog();
      const durable = await DurableRegistrations.open(persistence.db, log, store);
      return { persistence, clock, store, durable, errors };
    }

    test('a restart restores exactly the unexpired UDP bindings left, fields and order intact', async () => {
      const fresh = await target.newDatabase();
      const first = await openProcess(fresh.connect);
      for (const n of [1, 2, 3, 4]) first.store.put(udpBinding(n));
      first.store.put(secondContact(1));
      first.store.put(udpBinding(2, { cseq: 7, expiresAt: T0 + 900_000 }));
      first.store.remove('1003', udpBinding(3).contact.uri);
      first.clock.advanceBy(1_000);
      first.store.put(udpBinding(4, { expiresAt: T0 + 2_000 }));
      first.clock.advanceBy(1_000);
      assert.equal(first.store.isRegistered('1004'), false, 'expired in the first process');
      await first.durable.flush();
      assert.equal(first.durable.failures, 0);
      assert.equal(first.durable.backlog, 0);
      // No close: the next process opens the database as a kill -9 leaves it.
      const second = await openProcess(fresh.connect);
      assert.deepEqual(second.store.contactsOf('1001'), [udpBinding(1), secondContact(1)]);
      assert.deepEqual(second.store.contactsOf('1002'), [
        udpBinding(2, { cseq: 7, expiresAt: T0 + 900_000 }),
      ]);
      assert.deepEqual(second.store.extensions().sort(), ['1001', '1002']);
      assert.deepEqual(second.durable.restore, {
        restored: 3,
        extensions: 2,
        connectionBound: 0,
        expired: 0,
        corrupt: 0,
      });
      assert.deepEqual(second.errors, []);
      await second.persistence.close();
      await first.persistence.close();
    });

    test('connection-bound and expired bindings are not restored and their rows are deleted', async () => {
      const fresh = await target.newDatabase();
      const first = await openProcess(fresh.connect);
      first.store.put(udpBinding(1));
      first.store.put(connectionBinding(2, 'TCP'));
      first.store.put(connectionBinding(3, 'WS'));
      first.store.put(udpBinding(4, { expiresAt: T0 + 60_000 }));
      await first.durable.flush();
      assert.equal((await storedRows(first.persistence.db)).length, 4);
      // The next process starts two minutes later: 1004's binding expired while none was running.
      const later = await openProcess(fresh.connect, 120_000);
      assert.deepEqual(later.store.extensions(), ['1001']);
      assert.deepEqual(later.durable.restore, {
        restored: 1,
        extensions: 1,
        connectionBound: 2,
        expired: 1,
        corrupt: 0,
      });
      assert.deepEqual(await storedRows(later.persistence.db), [
        { extension: '1001', position: 0, transport: 'UDP' },
      ]);
      await later.persistence.close();
      await first.persistence.close();
    });

    test('a restored binding expires on the new clock and its row is deleted; a refresh is written', async () => {
      const fresh = await target.newDatabase();
      const first = await openProcess(fresh.connect);
      first.store.put(udpBinding(1, { expiresAt: T0 + 30_000 }));
      first.store.put(udpBinding(2));
      await first.durable.flush();
      const second = await openProcess(fresh.connect);
      second.store.put(udpBinding(2, { cseq: 3, expiresAt: T0 + 3_600_000 }));
      second.clock.advanceBy(30_000);
      assert.equal(second.store.isRegistered('1001'), false);
      await second.durable.flush();
      assert.deepEqual(await storedRows(second.persistence.db), [
        { extension: '1002', position: 0, transport: 'UDP' },
      ]);
      const third = await openProcess(fresh.connect);
      assert.deepEqual(third.store.contactsOf('1002'), [
        udpBinding(2, { cseq: 3, expiresAt: T0 + 3_600_000 }),
      ]);
      await third.persistence.close();
      await second.persistence.close();
      await first.persistence.close();
    });

    test('corrupt rows are logged and deleted, never handed to the registrar; the valid ones are restored', async () => {
      const fresh = await target.newDatabase();
      const first = await openProcess(fresh.connect);
      first.store.put(udpBinding(1));
      await first.durable.flush();
      const insert =
        'INSERT INTO sip_registrations (extension, position, contact, transport, expires_at, body) VALUES (?, ?, ?, ?, ?, ?)';
      const [valid] = await first.persistence.db.query('SELECT body FROM sip_registrations');
      const body = (over: Record<string, unknown>) =>
        JSON.stringify({ ...JSON.parse(String(valid!.body)), ...over });
      const done = await first.persistence.db.run([
        { sql: insert, params: ['1005', 0, 'x', 'UDP', T0 + 600_000, '{not json'] },
        { sql: insert, params: ['1006', 0, 'x', 'UDP', T0 + 600_000, body({ extension: '1006', cseq: -1 })] },
        {
          sql: insert,
          params: ['1007', 0, 'x', 'UDP', T0 + 600_000, body({ extension: '1007', contact: '<nope' })],
        },
        { sql: insert, params: ['1008', 0, 'x', 'UDP', T0 + 600_000, body({})] },
        {
          sql: insert,
          params: [
            '1009',
            0,
            'x',
            'UDP',
            T0 + 600_000,
            body({ extension: '1009', source: { transport: 'SCTP' } }),
          ],
        },
      ]);
      assert.ok(done.ok);
      const second = await openProcess(fresh.connect);
      assert.deepEqual(second.store.extensions(), ['1001']);
      assert.deepEqual(second.store.contactsOf('1001'), [udpBinding(1)]);
      assert.equal(second.durable.restore.corrupt, 5);
      assert.equal(second.errors.length, 1);
      const reasons = new Map(
        (second.errors[0]!.fields!.registrations as { extension: string; reason: string }[]).map((c) => [
          c.extension,
          c.reason,
        ]),
      );
      assert.deepEqual([...reasons.keys()].sort(), ['1005', '1006', '1007', '1008', '1009']);
      assert.match(reasons.get('1005')!, /JSON/);
      assert.match(reasons.get('1006')!, /cseq/);
      assert.match(reasons.get('1007')!, /contact/);
      assert.match(reasons.get('1008')!, /extension/);
      assert.match(reasons.get('1009')!, /source\.transport/);
      assert.deepEqual(await storedRows(second.persistence.db), [
        { extension: '1001', position: 0, transport: 'UDP' },
      ]);
      await second.persistence.close();
      await first.persistence.close();
    });
  });
}
