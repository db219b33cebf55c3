// Checks a script step can carry: they turn "no such row" / "row already there" into the typed
// refusal the repository promises, and abort the whole script when they fire.
import { type ErrorCode, SwitchboardError } from '@switchboard/core';
import type { Row, SqlValue, Step, StepOutcome } from './database.ts';

type Check = (outcome: StepOutcome) => SwitchboardError | null;

/** Fires when the statement found (SELECT) or changed nothing. */
export function mustExist(code: ErrorCode, message: string, details: Record<string, unknown> = {}): Check {
  return ({ rows, changes }) =>
    rows.length > 0 || changes > 0 ? null : new SwitchboardError(code, message, details);
}

/** Fires when the statement found or changed something. */
export function mustNotExist(code: ErrorCode, message: string, details: Record<string, unknown> = {}): Check {
  return ({ rows, changes }) =>
    rows.length === 0 && changes === 0 ? null : new SwitchboardError(code, message, details);
}

// The tables a guard can look in, what their rows are called and the detail key of the refusal
// (the same keys the engine's own refusals use).
const GUARDED = {
  agents: { code: 'unknown_agent', what: 'agent', key: 'agentId' },
  queues: { code: 'unknown_queue', what: 'queue', key: 'queueId' },
  skills: { code: 'unknown_skill', what: 'skill', key: 'skill' },
} as const satisfies Record<string, { code: ErrorCode; what: string; key: string }>;

/** A guard step: the row with this id must be in `table`, or the script stops with unknown_*. */
export function requireRow(table: keyof typeof GUARDED, id: SqlValue): Step {
  const { code, what, key } = GUARDED[table];
  return {
    sql: `SELECT 1 AS found FROM ${table} WHERE id = ?`,
    params: [id],
    check: mustExist(code, `no ${what} '${String(id)}'`, { [key]: id }),
  };
}

/** Reads one column of a stored row as a string, refusing the row when it is not one. */
export function textColumn(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw corruptRow(column, value);
  return value;
}

export function nullableText(row: Row, column: string): string | null {
  const value = row[column];
  if (value !== null && typeof value !== 'string') throw corruptRow(column, value);
  return value;
}

export function numberColumn(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw corruptRow(column, value);
  return value;
}

/** Parses a JSON text column; a stored value that is not JSON is a corrupt row. */
export function jsonColumn(row: Row, column: string): unknown {
  const text = textColumn(row, column);
  try {
    return JSON.parse(text);
  } catch {
    throw corruptRow(column, text);
  }
}

/** A row read back failed validation: the database holds something this code never wrote. */
export function corruptRow(column: string, value: unknown, reason = 'unexpected value'): SwitchboardError {
  return new SwitchboardError('internal', `stored row is invalid: ${column}: ${reason}`, {
    column,
    value: typeof value === 'string' ? value.slice(0, 200) : value,
  });
}
