// The persistence contract against a real PostgreSQL, started by this test (a database per test).
// Without PostgreSQL installed every test here fails with the reason: it is never skipped.
import { configContract } from './contract-config.ts';
import { migrationsContract } from './contract-migrations.ts';
import { recordsContract } from './contract-records.ts';
import { recoveryContract } from './contract-recovery.ts';
import { recoveryLogContract } from './contract-recovery-log.ts';
import { postgresContractTarget } from './contract-targets.ts';

const target = postgresContractTarget();

configContract(target);
recordsContract(target);
recoveryContract(target);
recoveryLogContract(target);
migrationsContract(target);
