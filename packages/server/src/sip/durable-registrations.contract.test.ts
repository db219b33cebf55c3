// The durable registrations contract on both databases: SQLite (a temporary file per test) and a real
// PostgreSQL started by this test (a database per test; without PostgreSQL installed those tests
// fail with the reason: they are never skipped).
import { postgresContractTarget, sqliteContractTarget } from '../persistence/contract-targets.ts';
import { registrationsContract } from './durable-registrations-contract.ts';

registrationsContract(sqliteContractTarget('sb-registrations-'));
registrationsContract(postgresContractTarget());
