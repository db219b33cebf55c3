// Test support: the two databases a contract runs against, each set up and torn down by the test
// file that asks for it (node:test `before`/`after` hooks registered here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { ContractTarget } from './contract-fixtures.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { type PostgresTestServer, startPostgresTestServer } from './postgres-test-server.ts';
import { SqliteDatabase } from './sqlite-database.ts';

/** SQLite: a temporary file per database, the directory removed after the file's tests. */
export function sqliteContractTarget(prefix: string): ContractTarget {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let databases = 0;
  return {
    dialect: 'sqlite',
    async newDatabase() {
      databases += 1;
      const path = join(dir, `t${databases}.db`);
      return { connect: () => new SqliteDatabase(path) };
    },
  };
}

/**
 * A real PostgreSQL started for the file's tests, a database per test. Without PostgreSQL installed
 * every test that asks for a database fails with the reason: it is never skipped.
 */
export function postgresContractTarget(): ContractTarget {
  let server: PostgresTestServer | undefined;
  let startFailure: unknown;
  before(async () => {
    try {
      server = await startPostgresTestServer();
    } catch (error) {
      startFailure = error;
    }
  });
  after(() => server?.stop());
  return {
    dialect: 'postgres',
    async newDatabase() {
      if (server === undefined) throw startFailure ?? new Error('PostgreSQL test server did not start');
      const connectionString = await server.createDatabase();
      return { connect: () => new PostgresDatabase({ connectionString, maxConnections: 4 }) };
    },
  };
}
