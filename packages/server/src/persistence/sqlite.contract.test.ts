// The persistence contract against the embedded SQLite adapter (a temporary file per test).
import { configContract } from './contract-config.ts';
import { migrationsContract } from './contract-migrations.ts';
import { recordsContract } from './contract-records.ts';
import { recoveryContract } from './contract-recovery.ts';
import { recoveryLogContract } from './contract-recovery-log.ts';
import { sqliteContractTarget } from './contract-targets.ts';

const target = sqliteContractTarget('switchboard-sqlite-');

configContract(target);
recordsContract(target);
recoveryContract(target);
recoveryLogContract(target);
migrationsContract(target);
