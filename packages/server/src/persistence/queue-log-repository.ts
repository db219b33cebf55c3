// The append-only queue event log (Asterisk's queue_log): one row per QueueLogEvent, each with a
// sequence id that only grows. Statistics are folds over this log, so an event is validated with
// core's parseQueueLogEvent both on the way in and on the way back out.
import { ok, parseQueueLogEvent, type QueueId, type QueueLogEvent, type Result } from '@switchboard/core';
import type { Database, Row, Step } from './database.ts';
import { type LogPage, type LogRange, logWhere, pageOf } from './log-reads.ts';
import { corruptRow, jsonColumn, numberColumn } from './step-checks.ts';

export function appendQueueLogSteps(event: QueueLogEvent): Step[] {
  return [
    {
      sql: `INSERT INTO queue_log (at, contact_id, queue_id, type, agent_id, body)
        VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
      params: [
        event.at,
        event.contactId,
        event.queueId,
        event.type,
        'agentId' in event ? event.agentId : null,
        JSON.stringify(event),
      ],
    },
  ];
}

/** Validates then builds the append: invalid_argument before anything is written. */
export function queueLogWrite(input: QueueLogEvent): Result<Step[]> {
  const event = parseQueueLogEvent(input);
  return event.ok ? ok(appendQueueLogSteps(event.value)) : event;
}

export function queueLogEntryOf(row: Row): { seq: number; event: QueueLogEvent } {
  const event = parseQueueLogEvent(jsonColumn(row, 'body'));
  if (!event.ok) throw corruptRow('queue_log.body', row.seq, event.error.message);
  if (event.value.at !== row.at || event.value.queueId !== row.queue_id) {
    throw corruptRow('queue_log.body', row.seq, 'columns and body disagree');
  }
  return { seq: numberColumn(row, 'seq'), event: event.value };
}

export interface QueueLogQuery extends LogRange {
  readonly queueId?: QueueId;
}

export class QueueLogRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Committed when the promise resolves ok; returns the entry's sequence id. */
  async append(input: QueueLogEvent): Promise<Result<number>> {
    const steps = queueLogWrite(input);
    if (!steps.ok) return steps;
    const done = await this.db.run(steps.value);
    return done.ok ? ok(numberColumn(done.value[0]!.rows[0]!, 'seq')) : done;
  }

  /** Entries in sequence order (the order they were committed in, on SQLite). */
  async read(query: QueueLogQuery = {}): Promise<Result<LogPage<QueueLogEvent>>> {
    const sql = logWhere(query, 'queue_id', query.queueId);
    if (!sql.ok) return sql;
    const { where, params, limit } = sql.value;
    const rows = await this.db.query(
      `SELECT seq, at, queue_id, body FROM queue_log ${where} ORDER BY seq LIMIT ?`,
      [...params, limit + 1],
    );
    return ok(pageOf(rows.map(queueLogEntryOf), limit));
  }
}
