// The Database port that every repository is written against, with two adapters: SQLite
// (node:sqlite, embedded default) and PostgreSQL (pg pool).
//
// Why writes are *scripts* (a fixed list of statements run all-or-nothing) and not interactive
// transactions: SQLite has one connection per process, so a transaction held open across an
// `await` would swallow every other write made meanwhile on that connection, including the
// engine's synchronous write-through. A script is known in full before it starts, so the SQLite
// adapter runs it from BEGIN to COMMIT without ever yielding to the event loop, and the same
// script runs on PostgreSQL inside BEGIN/COMMIT on one pooled client. Each step may check its own
// outcome (rows found, rows changed) and abort the script with a typed error; that covers the
// "unknown_*" / "already_exists" / "conflict" rules without interactive reads.
import type { Result, SwitchboardError } from '@switchboard/core';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What a parameter can be. Booleans are stored as 0/1 integers in both dialects. */
export type SqlValue = string | number | null;
export type Row = Readonly<Record<string, SqlValue>>;

export interface StepOutcome {
  /** Rows of a SELECT or of a statement with RETURNING; empty otherwise. */
  readonly rows: readonly Row[];
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
}

/**
 * One parameterised statement. SQL uses `?` placeholders in both dialects (the PostgreSQL adapter
 * numbers them); values are only ever passed in `params`, never built into the text.
 */
export interface Step {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  /** Returns an error to abort (and roll back) the whole script, or null to go on. */
  readonly check?: (outcome: StepOutcome) => SwitchboardError | null;
}

export interface Database {
  readonly dialect: Dialect;
  /** One read statement, outside any script. */
  query(sql: string, params?: readonly SqlValue[]): Promise<readonly Row[]>;
  /**
   * Runs the steps in one transaction. A failed check or a constraint violation rolls everything
   * back and comes back as a failed Result (unique → already_exists, foreign key → conflict,
   * not-null/check → invalid_argument); any other database failure rejects with a
   * SwitchboardError 'unavailable'.
   */
  run(steps: readonly Step[]): Promise<Result<readonly StepOutcome[]>>;
  close(): Promise<void>;
}

/** The synchronous side that only the embedded adapter has: the engine's Store port writes through it. */
export interface SyncDatabase {
  querySync(sql: string, params?: readonly SqlValue[]): readonly Row[];
  /** Same contract as Database.run; the transaction is committed (and synced) before it returns. */
  runSync(steps: readonly Step[]): Result<readonly StepOutcome[]>;
}

export function isSyncDatabase(db: Database): db is Database & SyncDatabase {
  return typeof (db as Partial<SyncDatabase>).runSync === 'function';
}
