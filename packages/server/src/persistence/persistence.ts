// Opens the persistence layer on a database: runs the pending migrations, then hands out the
// repositories. The composition root builds one of these per process and passes it down.
import type { Millis, Result } from '@switchboard/core';
import type { EngineConfig } from '@switchboard/engine';
import { AgentLogRepository } from './agent-log-repository.ts';
import { AgentRepository } from './agent-repository.ts';
import { type SeedConfig, seedIfEmpty } from './config-seed.ts';
import { ContactRecordRepository } from './contact-record-repository.ts';
import type { Database } from './database.ts';
import { DialPlanRepository } from './dial-plan-repository.ts';
import { MembershipRepository } from './membership-repository.ts';
import { type MigrationReport, migrate } from './migrate.ts';
import type { Migration } from './migrations.ts';
import { PauseReasonRepository } from './pause-reason-repository.ts';
import { QueueLogRepository } from './queue-log-repository.ts';
import { QueueRepository } from './queue-repository.ts';
import { RecoveryJournal } from './recovery-journal.ts';
import { SkillRepository } from './skill-repository.ts';
import { UserRepository } from './user-repository.ts';

export interface OpenOptions {
  /** Stamped on the schema_migrations rows written now. */
  readonly now: Millis;
  /** Tests only: a shorter list to build an older schema. */
  readonly migrations?: readonly Migration[];
}

export class Persistence {
  readonly db: Database;
  readonly migration: MigrationReport;
  readonly users: UserRepository;
  readonly skills: SkillRepository;
  readonly agents: AgentRepository;
  readonly queues: QueueRepository;
  readonly memberships: MembershipRepository;
  readonly pauseReasons: PauseReasonRepository;
  readonly dialPlan: DialPlanRepository;
  readonly records: ContactRecordRepository;
  readonly queueLog: QueueLogRepository;
  readonly agentLog: AgentLogRepository;
  readonly journal: RecoveryJournal;

  private constructor(db: Database, migration: MigrationReport) {
    this.db = db;
    this.migration = migration;
    this.users = new UserRepository(db);
    this.skills = new SkillRepository(db);
    this.agents = new AgentRepository(db);
    this.queues = new QueueRepository(db);
    this.memberships = new MembershipRepository(db);
    this.pauseReasons = new PauseReasonRepository(db);
    this.dialPlan = new DialPlanRepository(db);
    this.records = new ContactRecordRepository(db);
    this.queueLog = new QueueLogRepository(db);
    this.agentLog = new AgentLogRepository(db);
    this.journal = new RecoveryJournal(db);
  }

  /** Migrates (refusing a schema newer than this code with SchemaTooNewError), then opens. */
  static async open(db: Database, options: OpenOptions): Promise<Persistence> {
    const migration = await migrate(db, options.now, options.migrations);
    return new Persistence(db, migration);
  }

  /** See config-seed.ts: all or nothing, and only into a database with no configuration. */
  seedIfEmpty(config: SeedConfig): Promise<Result<{ seeded: boolean }>> {
    return seedIfEmpty(this.db, config);
  }

  /** The stored configuration in the engine's shape (pause reasons omitted when none are stored). */
  async loadEngineConfig(): Promise<EngineConfig> {
    const [agents, queues, memberships, dialPlan, pauseReasons] = await Promise.all([
      this.agents.list(),
      this.queues.list(),
      this.memberships.list(),
      this.dialPlan.list(),
      this.pauseReasons.list(),
    ]);
    const config = { agents, queues, memberships, dialPlan };
    return pauseReasons.length === 0 ? config : { ...config, pauseReasons };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
