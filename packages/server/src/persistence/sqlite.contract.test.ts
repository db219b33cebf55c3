// The persistence contract against the embedded SQLite adapter (a temporary file per test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { configContract } from './contract-config.ts';
import type { ContractTarget } from './contract-fixtures.ts';
import { migrationsContract } from './contract-migrations.ts';
import { recordsContract } from './contract-records.ts';
import { recoveryContract } from './contract-recovery.ts';
import { recoveryLogContract } from './contract-recovery-log.ts';
import { SqliteDatabase } from './sqlite-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let databases = 0;

const target: ContractTarget = {
  dialect: 'sqlite',
  async newDatabase() {
    databases += 1;
    const path = join(dir, `t${databases}.db`);
    return { connect: () => new SqliteDatabase(path) };
  },
};

configContract(target);
recordsContract(target);
recoveryContract(target);
recoveryLogContract(target);
migrationsContract(target);
