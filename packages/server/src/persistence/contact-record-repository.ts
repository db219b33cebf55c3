// Contact records: one per contact, inserted once and never changed. The contact id is the primary
// key and the insert is ON CONFLICT DO NOTHING, so a second save of the same contact writes no row
// and reports already_exists. The same transaction clears the contact's recovery journal entry:
// after a crash a contact is either recorded or journaled, never both and never neither.
import { type ContactId, ok, type Result } from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import { validateContactRecord } from './contact-record-codec.ts';
import type { Database, Row, Step } from './database.ts';
import { type ContactRecordQuery, encodeCursor, searchSql } from './record-search.ts';
import { corruptRow, jsonColumn, mustExist, textColumn } from './step-checks.ts';

export interface ContactRecordPage {
  readonly records: readonly ContactRecord[];
  /** Pass as `cursor` for the next page; null when this page is the last. */
  readonly nextCursor: string | null;
}

/** The steps that store a validated record (see validateContactRecord). */
export function insertContactRecordSteps(record: ContactRecord): Step[] {
  const d = record.disposition;
  return [
    {
      sql: `INSERT INTO contact_records (contact_id, direction, queue_id, customer_number, dialed_number,
          arrived_at, connected_at, ended_at, outcome, agent_id,
          disposition_level1, disposition_level2, disposition_level3, disposition_code, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (contact_id) DO NOTHING`,
      params: [
        record.contactId,
        record.direction,
        record.queueId,
        record.customerNumber,
        record.dialedNumber,
        record.arrivedAt,
        record.connectedAt,
        record.endedAt,
        record.outcome,
        record.agentId,
        d?.level1 ?? null,
        d?.level2 ?? null,
        d?.level3 ?? null,
        d?.code ?? null,
        JSON.stringify(record),
      ],
      check: mustExist('already_exists', `contact ${record.contactId} is already recorded`, {
        contactId: record.contactId,
      }),
    },
    ...record.agents.map((agentId, position) => ({
      sql: 'INSERT INTO contact_record_agents (contact_id, position, agent_id) VALUES (?, ?, ?)',
      params: [record.contactId, position, agentId],
    })),
    ...record.attached.map(([key, value], position) => ({
      sql: 'INSERT INTO contact_record_attached (contact_id, position, key, value) VALUES (?, ?, ?, ?)',
      params: [record.contactId, position, key, value],
    })),
    { sql: 'DELETE FROM journal_contacts WHERE contact_id = ?', params: [record.contactId] },
  ];
}

/** Validates then builds the insert: invalid_argument before anything is written. */
export function contactRecordWrite(input: ContactRecord): Result<Step[]> {
  const record = validateContactRecord(input);
  return record.ok ? ok(insertContactRecordSteps(record.value)) : record;
}

export function contactRecordOfRow(row: Row): ContactRecord {
  const record = validateContactRecord(jsonColumn(row, 'body'));
  if (!record.ok) throw corruptRow('contact_records.body', row.contact_id, record.error.message);
  if (record.value.contactId !== textColumn(row, 'contact_id')) {
    throw corruptRow('contact_records.body', row.contact_id, 'contact id mismatch');
  }
  return record.value;
}

export class ContactRecordRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Committed when the promise resolves ok; already_exists (nothing written) for a second save. */
  async insert(input: ContactRecord): Promise<Result<ContactRecord>> {
    const record = validateContactRecord(input);
    if (!record.ok) return record;
    const done = await this.db.run(insertContactRecordSteps(record.value));
    return done.ok ? record : done;
  }

  async get(contactId: ContactId): Promise<ContactRecord | undefined> {
    const rows = await this.db.query('SELECT contact_id, body FROM contact_records WHERE contact_id = ?', [
      contactId,
    ]);
    return rows[0] === undefined ? undefined : contactRecordOfRow(rows[0]);
  }

  async count(): Promise<number> {
    const rows = await this.db.query('SELECT COUNT(*) AS n FROM contact_records');
    return Number(rows[0]?.n ?? 0);
  }

  /** One page, ordered by (arrivedAt, contactId); `limit` defaults to 50 and is capped at 500. */
  async search(query: ContactRecordQuery = {}): Promise<Result<ContactRecordPage>> {
    const sql = searchSql(query);
    if (!sql.ok) return sql;
    const { where, params, limit } = sql.value;
    // One row more than asked tells whether another page follows, without a COUNT.
    const rows = await this.db.query(
      `SELECT r.contact_id, r.body FROM contact_records r ${where}
        ORDER BY r.arrived_at, r.contact_id LIMIT ?`,
      [...params, limit + 1],
    );
    const records = rows.slice(0, limit).map(contactRecordOfRow);
    const last = records.at(-1);
    const nextCursor =
      rows.length > limit && last !== undefined
        ? encodeCursor({ arrivedAt: last.arrivedAt, contactId: last.contactId })
        : null;
    return ok({ records, nextCursor });
  }
}
