// Contract: versioned migrations run on open. Every adapter must pass these unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ContractTarget, T0 } from './contract-fixtures.ts';
import { currentSchemaVersion, SchemaTooNewError } from './migrate.ts';
import { MIGRATIONS } from './migrations.ts';
import { Persistence } from './persistence.ts';

export function migrationsContract(target: ContractTarget): void {
  describe(`migrations (${target.dialect})`, () => {
    test('a new database is migrated to the latest version, and a second open applies nothing', async () => {
      const fresh = await target.newDatabase();
      const first = await Persistence.open(fresh.connect(), { now: T0 });
      assert.deepEqual(first.migration, {
        from: 0,
        to: MIGRATIONS.length,
        applied: MIGRATIONS.map((m) => m.version),
      });
      const rows = await first.db.query(
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((r) => ({ ...r })),
        MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: T0 })),
      );
      await first.close();
      const second = await Persistence.open(fresh.connect(), { now: T0 + 1 });
      assert.deepEqual(second.migration.applied, []);
      await second.close();
    });

    test('an older schema is brought forward on open and keeps its data', async () => {
      const fresh = await target.newDatabase();
      const old = await Persistence.open(fresh.connect(), { now: T0, migrations: MIGRATIONS.slice(0, 1) });
      assert.equal(await currentSchemaVersion(old.db), 1);
      assert.ok((await old.skills.create({ id: 'fr', name: 'French' })).ok);
      await old.close();
      const current = await Persistence.open(fresh.connect(), { now: T0 });
      assert.deepEqual(current.migration, {
        from: 1,
        to: MIGRATIONS.length,
        applied: MIGRATIONS.slice(1).map((m) => m.version),
      });
      assert.deepEqual(await current.skills.list(), [{ id: 'fr', name: 'French' }]);
      assert.equal(await current.records.count(), 0);
      await current.close();
    });

    test('a schema newer than the code is refused with SchemaTooNewError', async () => {
      const fresh = await target.newDatabase();
      const p = await Persistence.open(fresh.connect(), { now: T0 });
      await p.db.run([
        {
          sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          params: [99, 'future', T0],
        },
      ]);
      await p.close();
      const db = fresh.connect();
      await assert.rejects(Persistence.open(db, { now: T0 }), (error: unknown) => {
        assert.ok(error instanceof SchemaTooNewError);
        assert.equal(error.code, 'unavailable');
        assert.equal(error.databaseVersion, 99);
        assert.equal(error.codeVersion, MIGRATIONS.length);
        return true;
      });
      await db.close();
    });

    test('a failing migration rolls back whole: no table of it stays and the version is unchanged', async () => {
      const fresh = await target.newDatabase();
      const broken = [
        ...MIGRATIONS,
        {
          version: MIGRATIONS.length + 1,
          name: 'broken',
          statements: ['CREATE TABLE half_done (id TEXT PRIMARY KEY)', 'CREATE TABLE oops (id NOSUCHTYPE('],
        },
      ];
      const db = fresh.connect();
      await assert.rejects(Persistence.open(db, { now: T0, migrations: broken }), { code: 'internal' });
      assert.equal(await currentSchemaVersion(db), 0);
      await assert.rejects(db.query('SELECT COUNT(*) AS n FROM half_done'));
      await assert.rejects(db.query('SELECT COUNT(*) AS n FROM users'));
      await db.close();
      const healthy = await Persistence.open(fresh.connect(), { now: T0 });
      assert.equal(healthy.migration.to, MIGRATIONS.length);
      await healthy.close();
    });
  });
}
