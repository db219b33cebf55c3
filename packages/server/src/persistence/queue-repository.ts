// Queues: the whole QueueConfig as JSON (it is read and written as one value) plus the id and name
// as columns, and the skills it requires as rows so a required skill cannot be deleted.
import { ok, type QueueConfig, type QueueId, type Result, validateQueueConfig } from '@switchboard/core';
import { validateQueue } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { corruptRow, jsonColumn, mustExist, mustNotExist, requireRow, textColumn } from './step-checks.ts';

function requirementSteps(queue: QueueConfig): Step[] {
  return [
    ...queue.requirements.map((r) => requireRow('skills', r.skill)),
    ...queue.requirements.map((r) => ({
      sql: 'INSERT INTO queue_requirements (queue_id, skill_id) VALUES (?, ?)',
      params: [queue.id, r.skill],
    })),
  ];
}

export function insertQueueSteps(queue: QueueConfig): Step[] {
  return [
    {
      sql: 'INSERT INTO queues (id, name, config) VALUES (?, ?, ?)',
      params: [queue.id, queue.name, JSON.stringify(queue)],
    },
    ...requirementSteps(queue),
  ];
}

function queueOf(row: Row): QueueConfig {
  const config = jsonColumn(row, 'config');
  const valid = validateQueueConfig(config as QueueConfig);
  if (!valid.ok) throw corruptRow('queues.config', row.config, valid.error.message);
  if (valid.value.id !== textColumn(row, 'id')) throw corruptRow('queues.config', row.id, 'id mismatch');
  return valid.value;
}

export class QueueRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async create(input: QueueConfig): Promise<Result<QueueConfig>> {
    const queue = validateQueue(input);
    if (!queue.ok) return queue;
    const done = await this.db.run(insertQueueSteps(queue.value));
    return done.ok ? queue : done;
  }

  async update(input: QueueConfig): Promise<Result<QueueConfig>> {
    const queue = validateQueue(input);
    if (!queue.ok) return queue;
    const { id, name } = queue.value;
    const done = await this.db.run([
      {
        sql: 'UPDATE queues SET name = ?, config = ? WHERE id = ?',
        params: [name, JSON.stringify(queue.value), id],
        check: mustExist('unknown_queue', `no queue '${id}'`, { queueId: id }),
      },
      { sql: 'DELETE FROM queue_requirements WHERE queue_id = ?', params: [id] },
      ...requirementSteps(queue.value),
    ]);
    return done.ok ? queue : done;
  }

  /** Memberships go with the queue; conflict while the dial plan still sends calls to it. */
  async delete(id: QueueId): Promise<Result<void>> {
    const done = await this.db.run([
      requireRow('queues', id),
      {
        sql: 'SELECT number FROM dial_plan WHERE queue_id = ?',
        params: [id],
        check: mustNotExist('conflict', `queue '${id}' is a dial plan destination`, { queueId: id }),
      },
      { sql: 'DELETE FROM queues WHERE id = ?', params: [id] },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async get(id: QueueId): Promise<QueueConfig | undefined> {
    const rows = await this.db.query('SELECT id, config FROM queues WHERE id = ?', [id]);
    return rows[0] === undefined ? undefined : queueOf(rows[0]);
  }

  async list(): Promise<readonly QueueConfig[]> {
    return (await this.db.query('SELECT id, config FROM queues ORDER BY id')).map(queueOf);
  }
}
