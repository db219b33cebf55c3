// The durable registrations contract on both databases: SQLite (a temporary file per test) and a real
// PostgreSQL started by this test (a database per test; without PostgreSQL installed those tests
// fail with the reason: they are never skipped).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { ContractTarget } from '../persistence/contract-fixtures.ts';
import { PostgresDatabase, SqliteDatabase } from '../persistence/index.ts';
import { type PostgresTestServer, startPostgresTestServer } from '../persistence/postgres-test-server.ts';
import { registrationsContract } from './durable-registrations-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-registrations-'));
let databases = 0;
let server: PostgresTestServer | undefined;
let startFailure: unknown;
before(async () => {
  try {
    server = await startPostgresTestServer();
  } catch (error) {
    startFailure = error;
  }
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sqlite: ContractTarget = {
  dialect: 'sqlite',
  async newDatabase() {
    databases += 1;
    const path = join(dir, `r${databases}.db`);
    return { connect: () => new SqliteDatabase(path) };
  },
};

const postgres: ContractTarget = {
  dialect: 'postgres',
  async newDatabase() {
    if (server === undefined) throw startFailure ?? new Error('PostgreSQL test server did not start');
    const connectionString = await server.createDatabase();
    return { connect: () => new PostgresDatabase({ connectionString, maxConnections: 4 }) };
  },
};

registrationsContract(sqlite);
registrationsContract(postgres);
