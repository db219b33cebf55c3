// The PostgreSQL adapter over a `pg` pool. A script takes one client from the pool and runs
// BEGIN … COMMIT on it; a one-statement script runs alone (a single statement is atomic already).
import { fail, ok, type Result } from '@switchboard/core';
import pg from 'pg';
import type { Database, Row, SqlValue, Step, StepOutcome } from './database.ts';
import { numberPlaceholders } from './placeholders.ts';
import { constraintRefusal, unavailable } from './sql-errors.ts';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Pool size; the server's writes are few and short, readers (reports, searches) are the load. */
  readonly maxConnections?: number;
  readonly connectTimeoutMs?: number;
}

// OIDs of int8 (BIGINT: Millis, sequence ids, COUNT) and numeric. pg returns both as strings by
// default, to be safe beyond 2^53; every such value here is a Millis or a count, so it is turned
// into a number and refused if it would lose precision.
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function safeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
    throw new RangeError(`database value ${text} is outside the safe number range`);
  }
  return value;
}

// Per-pool type parsers: pg's global `types.setTypeParser` would change every pool in the process.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? safeNumber
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(options: PostgresOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      types: typeParsers,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<readonly Row[]> {
    try {
      return (await this.send(this.pool, sql, params)).rows;
    } catch (error) {
      throw unavailable(error, 'query');
    }
  }

  async run(steps: readonly Step[]): Promise<Result<readonly StepOutcome[]>> {
    if (steps.length === 1 && steps[0]!.check === undefined) {
      try {
        return ok([await this.send(this.pool, steps[0]!.sql, steps[0]!.params)]);
      } catch (error) {
        return refusedOrThrow(error);
      }
    }
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailable(error, 'connect');
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const outcomes: StepOutcome[] = [];
      for (const step of steps) {
        const outcome = await this.send(client, step.sql, step.params);
        const refusal = step.check?.(outcome) ?? null;
        if (refusal !== null) {
          await client.query('ROLLBACK');
          return { ok: false, error: refusal };
        }
        outcomes.push(outcome);
      }
      await client.query('COMMIT');
      return ok(outcomes);
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not hand it back to the pool
      }
      return refusedOrThrow(error);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async send(on: Queryable, sql: string, params: readonly SqlValue[]): Promise<StepOutcome> {
    const { text } = numberPlaceholders(sql);
    const result = await on.query(text, params as SqlValue[]);
    return { rows: result.rows as Row[], changes: result.rowCount ?? 0 };
  }
}

function refusedOrThrow(error: unknown): Result<never> {
  const refusal = constraintRefusal(error);
  if (refusal !== null) return fail(refusal.code, refusal.message, { ...refusal.details });
  throw unavailable(error, 'write');
}
