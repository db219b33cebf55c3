// What a log read asks for and gets: entries in sequence order, filtered by time and by one key,
// paged by the last sequence id seen (the sequence only grows, so it is a stable cursor).
import { type Millis, ok, type Result } from '@switchboard/core';
import type { SqlValue } from './database.ts';
import { invalid, isId, isMillis } from './field-checks.ts';

export const DEFAULT_LOG_PAGE = 1000;
export const MAX_LOG_PAGE = 10_000;

export interface LogRange {
  /** at >= from. */
  readonly from?: Millis;
  /** at < to. */
  readonly to?: Millis;
  /** Only entries with seq > afterSeq: the `lastSeq` of the previous page. */
  readonly afterSeq?: number;
  /** Defaults to 1000, capped at 10 000. */
  readonly limit?: number;
}

export interface LogEntry<E> {
  readonly seq: number;
  readonly event: E;
}

export interface LogPage<E> {
  readonly entries: readonly LogEntry<E>[];
  /** The seq of the last entry, to pass as afterSeq; null on an empty page. */
  readonly lastSeq: number | null;
  /** More entries match beyond this page. */
  readonly more: boolean;
}

/** The WHERE clause of a log read; `keyColumn` is a constant of the calling repository. */
export function logWhere(
  range: LogRange,
  keyColumn: string,
  key: string | undefined,
): Result<{ where: string; params: SqlValue[]; limit: number }> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const limit = range.limit ?? DEFAULT_LOG_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1) return invalid('limit', 'must be a positive integer', limit);
  for (const field of ['from', 'to'] as const) {
    const value = range[field];
    if (value === undefined) continue;
    if (!isMillis(value)) return invalid(field, 'must be a time in ms');
    where.push(field === 'from' ? 'at >= ?' : 'at < ?');
    params.push(value);
  }
  if (range.afterSeq !== undefined) {
    if (!Number.isSafeInteger(range.afterSeq) || range.afterSeq < 0) {
      return invalid('afterSeq', 'must be an integer >= 0');
    }
    where.push('seq > ?');
    params.push(range.afterSeq);
  }
  if (key !== undefined) {
    if (!isId(key)) return invalid(keyColumn, 'must be an id');
    where.push(`${keyColumn} = ?`);
    params.push(key);
  }
  return ok({
    where: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`,
    params,
    limit: Math.min(limit, MAX_LOG_PAGE),
  });
}

export function pageOf<E>(entries: LogEntry<E>[], limit: number): LogPage<E> {
  const page = entries.slice(0, limit);
  return { entries: page, lastSeq: page.at(-1)?.seq ?? null, more: entries.length > limit };
}
