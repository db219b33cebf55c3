// The numbers customers dial and where each one goes. The queue or agent a destination names is
// also a foreign-key column, so a queue or agent the dial plan still uses cannot be deleted.
import { ok, type Result } from '@switchboard/core';
import type { DialPlanEntry } from '@switchboard/engine';
import { destinationRefs, validateDialPlanEntry } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { corruptRow, jsonColumn, mustExist, requireRow, textColumn } from './step-checks.ts';

function referenceSteps(entry: DialPlanEntry): Step[] {
  const { queueId, agentId } = destinationRefs(entry.destination);
  const steps: Step[] = [];
  if (queueId !== null) steps.push(requireRow('queues', queueId));
  if (agentId !== null) steps.push(requireRow('agents', agentId));
  return steps;
}

export function insertDialPlanSteps(entry: DialPlanEntry): Step[] {
  const { queueId, agentId } = destinationRefs(entry.destination);
  return [
    ...referenceSteps(entry),
    {
      sql: 'INSERT INTO dial_plan (number, destination, queue_id, agent_id, priority) VALUES (?, ?, ?, ?, ?)',
      params: [entry.number, JSON.stringify(entry.destination), queueId, agentId, entry.priority ?? null],
    },
  ];
}

function entryOf(row: Row): DialPlanEntry {
  const input: Record<string, unknown> = { number: row.number, destination: jsonColumn(row, 'destination') };
  if (row.priority !== null) input.priority = row.priority;
  const valid = validateDialPlanEntry(input as unknown as DialPlanEntry);
  if (!valid.ok) throw corruptRow('dial_plan', textColumn(row, 'number'), valid.error.message);
  return valid.value;
}

const SELECT = 'SELECT number, destination, priority FROM dial_plan';

export class DialPlanRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async create(input: DialPlanEntry): Promise<Result<DialPlanEntry>> {
    const entry = validateDialPlanEntry(input);
    if (!entry.ok) return entry;
    const done = await this.db.run(insertDialPlanSteps(entry.value));
    return done.ok ? entry : done;
  }

  async update(input: DialPlanEntry): Promise<Result<DialPlanEntry>> {
    const entry = validateDialPlanEntry(input);
    if (!entry.ok) return entry;
    const { number, destination, priority } = entry.value;
    const { queueId, agentId } = destinationRefs(destination);
    const done = await this.db.run([
      ...referenceSteps(entry.value),
      {
        sql: 'UPDATE dial_plan SET destination = ?, queue_id = ?, agent_id = ?, priority = ? WHERE number = ?',
        params: [JSON.stringify(destination), queueId, agentId, priority ?? null, number],
        check: mustExist('unknown_number', `no dial plan entry for '${number}'`, { number }),
      },
    ]);
    return done.ok ? entry : done;
  }

  async delete(number: string): Promise<Result<void>> {
    const done = await this.db.run([
      {
        sql: 'DELETE FROM dial_plan WHERE number = ?',
        params: [number],
        check: mustExist('unknown_number', `no dial plan entry for '${number}'`, { number }),
      },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async get(number: string): Promise<DialPlanEntry | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE number = ?`, [number]);
    return rows[0] === undefined ? undefined : entryOf(rows[0]);
  }

  async list(): Promise<readonly DialPlanEntry[]> {
    return (await this.db.query(`${SELECT} ORDER BY number`)).map(entryOf);
  }
}
