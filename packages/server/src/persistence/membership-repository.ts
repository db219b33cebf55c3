// Which agents serve which queues, at what penalty.
import { type AgentId, ok, type QueueId, type Result } from '@switchboard/core';
import type { MembershipConfig } from '@switchboard/engine';
import { validateMembership } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { corruptRow, mustExist, numberColumn, requireRow, textColumn } from './step-checks.ts';

export function setMembershipSteps(m: MembershipConfig): Step[] {
  return [
    requireRow('agents', m.agentId),
    requireRow('queues', m.queueId),
    {
      // Upsert: setting a membership twice changes the penalty, it is not an error.
      sql: `INSERT INTO memberships (agent_id, queue_id, penalty) VALUES (?, ?, ?)
        ON CONFLICT (agent_id, queue_id) DO UPDATE SET penalty = excluded.penalty`,
      params: [m.agentId, m.queueId, m.penalty],
    },
  ];
}

function membershipOf(row: Row): MembershipConfig {
  const penalty = numberColumn(row, 'penalty');
  if (!Number.isSafeInteger(penalty) || penalty < 0) throw corruptRow('memberships.penalty', penalty);
  return { agentId: textColumn(row, 'agent_id'), queueId: textColumn(row, 'queue_id'), penalty };
}

const SELECT = 'SELECT agent_id, queue_id, penalty FROM memberships';

export class MembershipRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Adds the agent to the queue or changes its penalty; unknown_agent / unknown_queue. */
  async set(input: MembershipConfig): Promise<Result<MembershipConfig>> {
    const membership = validateMembership(input);
    if (!membership.ok) return membership;
    const done = await this.db.run(setMembershipSteps(membership.value));
    return done.ok ? membership : done;
  }

  /** not_in_queue when the agent was not a member. */
  async remove(agentId: AgentId, queueId: QueueId): Promise<Result<void>> {
    const done = await this.db.run([
      {
        sql: 'DELETE FROM memberships WHERE agent_id = ? AND queue_id = ?',
        params: [agentId, queueId],
        check: mustExist('not_in_queue', `agent '${agentId}' is not in queue '${queueId}'`, {
          agentId,
          queueId,
        }),
      },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async list(): Promise<readonly MembershipConfig[]> {
    return (await this.db.query(`${SELECT} ORDER BY queue_id, agent_id`)).map(membershipOf);
  }

  async ofQueue(queueId: QueueId): Promise<readonly MembershipConfig[]> {
    return (await this.db.query(`${SELECT} WHERE queue_id = ? ORDER BY agent_id`, [queueId])).map(
      membershipOf,
    );
  }

  async ofAgent(agentId: AgentId): Promise<readonly MembershipConfig[]> {
    return (await this.db.query(`${SELECT} WHERE agent_id = ? ORDER BY queue_id`, [agentId])).map(
      membershipOf,
    );
  }
}
