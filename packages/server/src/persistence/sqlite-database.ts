// The embedded adapter: node:sqlite's DatabaseSync. Every call runs synchronously under the hood;
// the async methods only wrap the result, so the async repositories and the engine's synchronous
// Store port share one connection and one ordering of writes.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fail, ok, type Result } from '@switchboard/core';
import type { Database, Row, SqlValue, Step, StepOutcome, SyncDatabase } from './database.ts';
import { constraintRefusal, unavailable } from './sql-errors.ts';

export interface SqliteOptions {
  /** How long a writer waits for another process's lock before giving up ('unavailable'). */
  readonly busyTimeoutMs?: number;
  /** Prepared statements kept per connection; the repositories use a small fixed set of SQL texts. */
  readonly statementCacheSize?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_STATEMENT_CACHE = 256;

export class SqliteDatabase implements Database, SyncDatabase {
  readonly dialect = 'sqlite' as const;
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly cacheSize: number;

  constructor(path: string, options: SqliteOptions = {}) {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.path = path;
    this.cacheSize = options.statementCacheSize ?? DEFAULT_STATEMENT_CACHE;
    this.db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
    // WAL: readers never block the writer and a commit is one append to the log.
    // synchronous=FULL: the WAL is fsynced at every commit, so a committed transaction survives
    // power loss, not only a process crash (NORMAL would only survive the latter in WAL mode).
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    this.db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  }

  /** The effective settings, read back from SQLite itself (tests and the health endpoint show them). */
  settings(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeoutMs: number } {
    const one = (pragma: string) => {
      const row = this.db.prepare(`PRAGMA ${pragma}`).get() as Record<string, unknown> | undefined;
      return row === undefined ? undefined : Object.values(row)[0];
    };
    return {
      journalMode: String(one('journal_mode')),
      synchronous: Number(one('synchronous')),
      foreignKeys: Number(one('foreign_keys')),
      busyTimeoutMs: Number(one('busy_timeout')),
    };
  }

  querySync(sql: string, params: readonly SqlValue[] = []): readonly Row[] {
    try {
      return this.statement(sql).all(...params) as Row[];
    } catch (error) {
      throw unavailable(error, 'query');
    }
  }

  runSync(steps: readonly Step[]): Result<readonly StepOutcome[]> {
    if (this.db.isTransaction) {
      // Cannot happen through this class (no method leaves a transaction open); guard anyway, a
      // nested BEGIN would otherwise fold this script into someone else's transaction.
      throw unavailable(new Error('a transaction is already open on this connection'), 'write');
    }
    try {
      // IMMEDIATE takes the write lock up front, so two processes cannot both read and then
      // deadlock upgrading to a write; the busy timeout makes the second one wait instead.
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw unavailable(error, 'begin');
    }
    const outcomes: StepOutcome[] = [];
    try {
      for (const step of steps) {
        const outcome = this.execute(step);
        const refusal = step.check?.(outcome) ?? null;
        if (refusal !== null) {
          this.rollback();
          return { ok: false, error: refusal };
        }
        outcomes.push(outcome);
      }
      this.db.exec('COMMIT');
      return ok(outcomes);
    } catch (error) {
      this.rollback();
      const refusal = constraintRefusal(error);
      if (refusal !== null) return fail(refusal.code, refusal.message, { ...refusal.details });
      throw unavailable(error, 'write');
    }
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<readonly Row[]> {
    return this.querySync(sql, params);
  }

  async run(steps: readonly Step[]): Promise<Result<readonly StepOutcome[]>> {
    return this.runSync(steps);
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  private execute(step: Step): StepOutcome {
    const statement = this.statement(step.sql);
    // A statement that yields columns (SELECT, RETURNING) is read with all(); others with run().
    if (statement.columns().length > 0) {
      const rows = statement.all(...step.params) as Row[];
      return { rows, changes: rows.length };
    }
    const result = statement.run(...step.params);
    return { rows: [], changes: Number(result.changes) };
  }

  private statement(sql: string): StatementSync {
    const cached = this.statements.get(sql);
    if (cached !== undefined) return cached;
    const statement = this.db.prepare(sql);
    // Only repository SQL texts are cached; DDL of migrations runs once, so a full cache is
    // simply cleared rather than tracked as LRU.
    if (this.statements.size >= this.cacheSize) this.statements.clear();
    this.statements.set(sql, statement);
    return statement;
  }

  private rollback(): void {
    if (this.db.isTransaction) this.db.exec('ROLLBACK');
  }
}
