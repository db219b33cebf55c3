// The persistence contract against a real PostgreSQL, started by this test (a database per test).
// Without PostgreSQL installed every test here fails with the reason: it is never skipped.
import { after, before } from 'node:test';
import { configContract } from './contract-config.ts';
import type { ContractTarget } from './contract-fixtures.ts';
import { migrationsContract } from './contract-migrations.ts';
import { recordsContract } from './contract-records.ts';
import { recoveryContract } from './contract-recovery.ts';
import { recoveryLogContract } from './contract-recovery-log.ts';
import { PostgresDatabase } from './postgres-database.ts';
import { type PostgresTestServer, startPostgresTestServer } from './postgres-test-server.ts';

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

const target: ContractTarget = {
  dialect: 'postgres',
  async newDatabase() {
    if (server === undefined) throw startFailure ?? new Error('PostgreSQL test server did not start');
    const connectionString = await server.createDatabase();
    return { connect: () => new PostgresDatabase({ connectionString, maxConnections: 4 }) };
  },
};

configContract(target);
recordsContract(target);
recoveryContract(target);
recoveryLogContract(target);
migrationsContract(target);
