// Turns a driver's constraint violation into the typed refusal it stands for. Only constraint
// classes are translated: anything else (disk full, connection lost, syntax) is not the caller's
// fault and is reported as 'unavailable' by the adapter.
import { type ErrorCode, SwitchboardError } from '@switchboard/core';

// SQLite extended result codes (sqlite3.h): CONSTRAINT_{CHECK,FOREIGNKEY,NOTNULL,PRIMARYKEY,UNIQUE}.
const SQLITE_CONSTRAINTS: ReadonlyMap<number, ErrorCode> = new Map([
  [275, 'invalid_argument'],
  [787, 'conflict'],
  [1299, 'invalid_argument'],
  [1555, 'already_exists'],
  [2067, 'already_exists'],
]);

// PostgreSQL SQLSTATE class 23 (integrity constraint violation).
const POSTGRES_CONSTRAINTS: ReadonlyMap<string, ErrorCode> = new Map([
  ['23502', 'invalid_argument'], // not_null_violation
  ['23503', 'conflict'], // foreign_key_violation
  ['23505', 'already_exists'], // unique_violation
  ['23514', 'invalid_argument'], // check_violation
]);

const SQLITE_BUSY = new Set([5, 6, 261, 517]); // BUSY, LOCKED, BUSY_RECOVERY, BUSY_SNAPSHOT

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** The refusal a constraint violation means, or null when the error is not one. */
export function constraintRefusal(error: unknown): SwitchboardError | null {
  const errcode = field(error, 'errcode');
  const sqlstate = field(error, 'code');
  const code =
    typeof errcode === 'number'
      ? SQLITE_CONSTRAINTS.get(errcode)
      : typeof sqlstate === 'string'
        ? POSTGRES_CONSTRAINTS.get(sqlstate)
        : undefined;
  if (code === undefined) return null;
  const constraint = field(error, 'constraint') ?? null;
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchboardError(code, `constraint violated: ${message}`, { constraint });
}

/** Any other failure: the database could not do what was asked right now. */
export function unavailable(error: unknown, what: string): SwitchboardError {
  if (error instanceof SwitchboardError) return error;
  const errcode = field(error, 'errcode');
  const message = error instanceof Error ? error.message : String(error);
  const busy = typeof errcode === 'number' && SQLITE_BUSY.has(errcode);
  return new SwitchboardError('unavailable', `${what} failed: ${message}`, { busy, cause: message });
}
