// Contact record search: the filters, their SQL (fixed fragments with `?` placeholders; values go
// only into the parameter list), and keyset paging. Records are ordered by (arrivedAt, contactId);
// a cursor is the key of the last record of a page, so a page never skips or repeats a record even
// while new records are being written (offset paging would).
import {
  type AgentId,
  CONTACT_DIRECTIONS,
  CONTACT_OUTCOMES,
  type ContactDirection,
  type ContactOutcome,
  type Millis,
  ok,
  type QueueId,
  type Result,
} from '@switchboard/core';
import type { SqlValue } from './database.ts';
import { invalid, isId, isMillis, isText, oneOf } from './field-checks.ts';

export const DEFAULT_PAGE_SIZE = 50;
/** A larger `limit` is lowered to this: one request cannot make the server read the whole table. */
export const MAX_PAGE_SIZE = 500;

export interface DispositionFilter {
  readonly level1?: string;
  readonly level2?: string;
  readonly level3?: string;
  readonly code?: string;
}

export interface ContactRecordQuery {
  /** arrivedAt >= from. */
  readonly from?: Millis;
  /** arrivedAt < to. */
  readonly to?: Millis;
  /** Any agent who talked with the customer, not only the last one. */
  readonly agentId?: AgentId;
  readonly queueId?: QueueId;
  readonly customerNumber?: string;
  readonly direction?: ContactDirection;
  readonly outcome?: ContactOutcome | readonly ContactOutcome[];
  /** The record carries this attached-data key (with this value, when given). */
  readonly attached?: { readonly key: string; readonly value?: string };
  readonly disposition?: DispositionFilter;
  readonly limit?: number;
  /** nextCursor of the previous page; omitted or null for the first page. */
  readonly cursor?: string | null;
}

export interface SearchSql {
  readonly where: string;
  readonly params: SqlValue[];
  readonly limit: number;
}

interface CursorKey {
  readonly arrivedAt: Millis;
  readonly contactId: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.arrivedAt, key.contactId])).toString('base64url');
}

function decodeCursor(cursor: string): Result<CursorKey> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === 2 && isMillis(key[0]) && isId(key[1])) {
      return ok({ arrivedAt: key[0], contactId: key[1] });
    }
  } catch {
    // fall through: not JSON
  }
  return invalid('cursor', 'is not a cursor this server issued');
}

const DISPOSITION_COLUMNS = {
  level1: 'disposition_level1',
  level2: 'disposition_level2',
  level3: 'disposition_level3',
  code: 'disposition_code',
} as const;

/** Checks the query and turns it into a WHERE clause over `contact_records r`. */
export function searchSql(query: ContactRecordQuery): Result<SearchSql> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    where.push(clause);
    params.push(...values);
  };
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1) return invalid('limit', 'must be a positive integer', limit);
  for (const field of ['from', 'to'] as const) {
    if (query[field] !== undefined && !isMillis(query[field])) return invalid(field, 'must be a time in ms');
  }
  if (query.from !== undefined) add('r.arrived_at >= ?', query.from);
  if (query.to !== undefined) add('r.arrived_at < ?', query.to);
  if (query.agentId !== undefined) {
    if (!isId(query.agentId)) return invalid('agentId', 'must be an id');
    add(
      'EXISTS (SELECT 1 FROM contact_record_agents a WHERE a.contact_id = r.contact_id AND a.agent_id = ?)',
      query.agentId,
    );
  }
  if (query.queueId !== undefined) {
    if (!isId(query.queueId)) return invalid('queueId', 'must be an id');
    add('r.queue_id = ?', query.queueId);
  }
  if (query.customerNumber !== undefined) {
    if (!isText(query.customerNumber, 256)) return invalid('customerNumber', 'must be a string');
    add('r.customer_number = ?', query.customerNumber);
  }
  if (query.direction !== undefined) {
    if (!oneOf(CONTACT_DIRECTIONS, query.direction))
      return invalid('direction', 'must be inbound or outbound');
    add('r.direction = ?', query.direction);
  }
  if (query.outcome !== undefined) {
    const outcomes: readonly unknown[] = Array.isArray(query.outcome) ? query.outcome : [query.outcome];
    if (outcomes.length === 0 || !outcomes.every((o) => oneOf(CONTACT_OUTCOMES, o))) {
      return invalid('outcome', 'must be one or more contact outcomes');
    }
    add(`r.outcome IN (${outcomes.map(() => '?').join(', ')})`, ...(outcomes as string[]));
  }
  if (query.attached !== undefined) {
    const { key, value } = query.attached;
    if (!isId(key)) return invalid('attached.key', 'must be a key');
    if (value !== undefined && !isText(value, 8192)) return invalid('attached.value', 'must be a string');
    const byValue = value === undefined ? '' : ' AND d.value = ?';
    const values: SqlValue[] = value === undefined ? [key] : [key, value];
    add(
      `EXISTS (SELECT 1 FROM contact_record_attached d WHERE d.contact_id = r.contact_id AND d.key = ?${byValue})`,
      ...values,
    );
  }
  if (query.disposition !== undefined) {
    for (const [field, column] of Object.entries(DISPOSITION_COLUMNS)) {
      const value = query.disposition[field as keyof DispositionFilter];
      if (value === undefined) continue;
      if (!isText(value, 128)) return invalid(`disposition.${field}`, 'must be a string');
      add(`r.${column} = ?`, value);
    }
  }
  if (query.cursor !== undefined && query.cursor !== null) {
    const key = decodeCursor(query.cursor);
    if (!key.ok) return key;
    // Row-value comparison: the index on (arrived_at, contact_id) serves it in both dialects.
    add('(r.arrived_at, r.contact_id) > (?, ?)', key.value.arrivedAt, key.value.contactId);
  }
  return ok({
    where: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`,
    params,
    limit: Math.min(limit, MAX_PAGE_SIZE),
  });
}
