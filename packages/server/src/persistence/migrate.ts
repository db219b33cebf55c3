// Brings a database's schema up to the version this code knows, on open. All pending steps run in
// one transaction with their schema_migrations rows, so a failed step leaves the database exactly
// at its previous version. A database whose schema is newer than the code is refused: the old code
// would misread tables it does not know.
import { type Millis, SwitchboardError } from '@switchboard/core';
import type { Database, Step } from './database.ts';
import { MIGRATIONS, type Migration, statementFor } from './migrations.ts';

export class SchemaTooNewError extends SwitchboardError {
  readonly databaseVersion: number;
  readonly codeVersion: number;

  constructor(databaseVersion: number, codeVersion: number) {
    super(
      'unavailable',
      `the database schema is at version ${databaseVersion}, newer than this code knows (${codeVersion}): upgrade Switchboard`,
      { reason: 'schema_too_new', databaseVersion, codeVersion },
    );
    this.name = 'SchemaTooNewError';
    this.databaseVersion = databaseVersion;
    this.codeVersion = codeVersion;
  }
}

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

// Any constant: every Switchboard node takes the same lock, so two nodes starting at once on one
// PostgreSQL database migrate one after the other instead of both running the DDL.
const POSTGRES_MIGRATION_LOCK = 0x5357_4244;
const MAX_ATTEMPTS = 3;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;
const CURRENT_VERSION = 'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations';

export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new SwitchboardError(
        'internal',
        `migration ${i} has version ${migration.version}, expected ${i + 1}`,
      );
    }
  });
}

export async function currentSchemaVersion(db: Database): Promise<number> {
  const rows = await db.query(CURRENT_VERSION);
  return Number(rows[0]?.version ?? 0);
}

export async function migrate(
  db: Database,
  now: Millis,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  checkMigrationList(migrations);
  const known = migrations.length;
  const created = await db.run([{ sql: CREATE_TABLE, params: [] }]);
  if (!created.ok) throw created.error;
  for (let attempt = 1; ; attempt++) {
    const from = await currentSchemaVersion(db);
    if (from > known) throw new SchemaTooNewError(from, known);
    const pending = migrations.slice(from);
    if (pending.length === 0) return { from, to: from, applied: [] };
    let result: Awaited<ReturnType<Database['run']>>;
    try {
      result = await db.run(migrationSteps(db, from, pending, now));
    } catch (error) {
      throw migrationFailed(from, error instanceof SwitchboardError ? error : null, error);
    }
    if (result.ok) return { from, to: known, applied: pending.map((m) => m.version) };
    // Another node migrated between our read and our lock: read again and go on from there.
    if (result.error.details.reason === 'raced' && attempt < MAX_ATTEMPTS) continue;
    throw migrationFailed(from, result.error, result.error);
  }
}

function migrationFailed(from: number, cause: SwitchboardError | null, error: unknown): SwitchboardError {
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchboardError('internal', `migration from version ${from} failed (rolled back): ${message}`, {
    from,
    cause: cause?.code ?? null,
  });
}

function migrationSteps(db: Database, from: number, pending: readonly Migration[], now: Millis): Step[] {
  const steps: Step[] = [];
  if (db.dialect === 'postgres') {
    steps.push({ sql: 'SELECT pg_advisory_xact_lock(?)', params: [POSTGRES_MIGRATION_LOCK] });
  }
  steps.push({
    sql: CURRENT_VERSION,
    params: [],
    check: ({ rows }) =>
      Number(rows[0]?.version ?? 0) === from
        ? null
        : new SwitchboardError('conflict', 'the schema changed while migrating', { reason: 'raced' }),
  });
  for (const migration of pending) {
    for (const statement of migration.statements) {
      steps.push({ sql: statementFor(statement, db.dialect), params: [] });
    }
    steps.push({
      sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      params: [migration.version, migration.name, now],
    });
  }
  return steps;
}
