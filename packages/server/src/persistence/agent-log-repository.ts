// The append-only agent state log: each row says the agent entered a state at a time.
import { type AgentId, type AgentLogEvent, ok, parseAgentLogEvent, type Result } from '@switchboard/core';
import type { Database, Row, Step } from './database.ts';
import { type LogPage, type LogRange, logWhere, pageOf } from './log-reads.ts';
import { corruptRow, numberColumn } from './step-checks.ts';

export function appendAgentLogSteps(event: AgentLogEvent): Step[] {
  return [
    {
      sql: 'INSERT INTO agent_log (at, agent_id, state, reason) VALUES (?, ?, ?, ?) RETURNING seq',
      params: [event.at, event.agentId, event.state, event.reason],
    },
  ];
}

export function agentLogWrite(input: AgentLogEvent): Result<Step[]> {
  const event = parseAgentLogEvent(input);
  return event.ok ? ok(appendAgentLogSteps(event.value)) : event;
}

function entryOf(row: Row): { seq: number; event: AgentLogEvent } {
  const event = parseAgentLogEvent({
    at: row.at,
    agentId: row.agent_id,
    state: row.state,
    reason: row.reason,
  });
  if (!event.ok) throw corruptRow('agent_log', row.seq, event.error.message);
  return { seq: numberColumn(row, 'seq'), event: event.value };
}

export interface AgentLogQuery extends LogRange {
  readonly agentId?: AgentId;
}

export class AgentLogRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async append(input: AgentLogEvent): Promise<Result<number>> {
    const steps = agentLogWrite(input);
    if (!steps.ok) return steps;
    const done = await this.db.run(steps.value);
    return done.ok ? ok(numberColumn(done.value[0]!.rows[0]!, 'seq')) : done;
  }

  async read(query: AgentLogQuery = {}): Promise<Result<LogPage<AgentLogEvent>>> {
    const sql = logWhere(query, 'agent_id', query.agentId);
    if (!sql.ok) return sql;
    const { where, params, limit } = sql.value;
    const rows = await this.db.query(
      `SELECT seq, at, agent_id, state, reason FROM agent_log ${where} ORDER BY seq LIMIT ?`,
      [...params, limit + 1],
    );
    return ok(pageOf(rows.map(entryOf), limit));
  }
}
