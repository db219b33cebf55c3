// Public entry of the server's persistence: the Database port and its two adapters, migrations,
// the repositories (through Persistence), the recovery journal and the engine's write-through Store.
// See README.md in this folder for the schema, durability settings and recovery rules.
export { AgentLogRepository, type AgentLogQuery } from './agent-log-repository.ts';
export { type AgentInput, AgentRepository } from './agent-repository.ts';
export type { AgentRecord, Skill } from './config-records.ts';
export type { SeedConfig } from './config-seed.ts';
export { validateContactRecord } from './contact-record-codec.ts';
export { type ContactRecordPage, ContactRecordRepository } from './contact-record-repository.ts';
export {
  DIALECTS,
  type Database,
  type Dialect,
  isSyncDatabase,
  type Row,
  type SqlValue,
  type Step,
  type StepOutcome,
  type SyncDatabase,
} from './database.ts';
export { DialPlanRepository } from './dial-plan-repository.ts';
export type { JournaledAgent, JournaledContact } from './journaled-contact.ts';
export { interruptedRecordOf } from './journaled-contact.ts';
export { interruptedLineOf } from './interrupted-line.ts';
export { DEFAULT_LOG_PAGE, type LogEntry, type LogPage, type LogRange, MAX_LOG_PAGE } from './log-reads.ts';
export { MembershipRepository } from './membership-repository.ts';
export { currentSchemaVersion, type MigrationReport, migrate, SchemaTooNewError } from './migrate.ts';
export { MIGRATIONS, type Migration, type MigrationStatement } from './migrations.ts';
export { PauseReasonRepository } from './pause-reason-repository.ts';
export { type OpenOptions, Persistence } from './persistence.ts';
export { PostgresDatabase, type PostgresOptions } from './postgres-database.ts';
export { type QueueLogQuery, QueueLogRepository } from './queue-log-repository.ts';
export { QueueRepository } from './queue-repository.ts';
export {
  type ContactRecordQuery,
  DEFAULT_PAGE_SIZE,
  type DispositionFilter,
  MAX_PAGE_SIZE,
} from './record-search.ts';
export { RESTART_PAUSE_REASON, RecoveryJournal, type RecoveryReport } from './recovery-journal.ts';
export { SkillRepository } from './skill-repository.ts';
export { SqliteDatabase, type SqliteOptions } from './sqlite-database.ts';
export { SqliteStore } from './sqlite-store.ts';
export { UserRepository } from './user-repository.ts';
