// Agents with their skills (one row per skill, so a skill in use cannot be deleted) and groups.
import { type AgentId, ok, type Result } from '@switchboard/core';
import type { AgentConfig } from '@switchboard/engine';
import { type AgentRecord, validateAgent } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { isIdList } from './field-checks.ts';
import {
  corruptRow,
  jsonColumn,
  mustExist,
  mustNotExist,
  nullableText,
  numberColumn,
  requireRow,
  textColumn,
} from './step-checks.ts';

export type AgentInput = AgentConfig & { readonly extension?: string | null };

function skillSteps(agent: AgentRecord): Step[] {
  const skills = Object.entries(agent.skills);
  return [
    ...skills.map(([skill]) => requireRow('skills', skill)),
    ...skills.map(([skill, level]) => ({
      sql: 'INSERT INTO agent_skills (agent_id, skill_id, level) VALUES (?, ?, ?)',
      params: [agent.id, skill, level],
    })),
  ];
}

export function insertAgentSteps(agent: AgentRecord): Step[] {
  return [
    {
      sql: 'INSERT INTO agents (id, name, agent_groups, extension) VALUES (?, ?, ?, ?)',
      params: [agent.id, agent.name, JSON.stringify(agent.groups), agent.extension],
    },
    ...skillSteps(agent),
  ];
}

const SELECT = `SELECT a.id, a.name, a.agent_groups, a.extension, s.skill_id, s.level
  FROM agents a LEFT JOIN agent_skills s ON s.agent_id = a.id`;

/** Folds the joined rows (one per skill, ordered by agent) back into agents. */
function agentsOf(rows: readonly Row[]): AgentRecord[] {
  const agents: AgentRecord[] = [];
  let current: { record: AgentRecord; skills: Record<string, number> } | null = null;
  for (const row of rows) {
    const id = textColumn(row, 'id');
    if (current === null || current.record.id !== id) {
      const groups = jsonColumn(row, 'agent_groups');
      if (!isIdList(groups)) throw corruptRow('agents.agent_groups', row.agent_groups);
      const skills: Record<string, number> = {};
      const record: AgentRecord = {
        id,
        name: textColumn(row, 'name'),
        skills,
        groups,
        extension: nullableText(row, 'extension'),
      };
      current = { record, skills };
      agents.push(record);
    }
    if (row.skill_id !== null) current.skills[textColumn(row, 'skill_id')] = numberColumn(row, 'level');
  }
  return agents;
}

export class AgentRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** already_exists for a taken id or extension; unknown_skill for a skill not in the catalogue. */
  async create(input: AgentInput): Promise<Result<AgentRecord>> {
    const agent = validateAgent(input);
    if (!agent.ok) return agent;
    const done = await this.db.run(insertAgentSteps(agent.value));
    return done.ok ? agent : done;
  }

  async update(input: AgentInput): Promise<Result<AgentRecord>> {
    const agent = validateAgent(input);
    if (!agent.ok) return agent;
    const { id, name, groups, extension } = agent.value;
    const done = await this.db.run([
      {
        sql: 'UPDATE agents SET name = ?, agent_groups = ?, extension = ? WHERE id = ?',
        params: [name, JSON.stringify(groups), extension, id],
        check: mustExist('unknown_agent', `no agent '${id}'`, { agentId: id }),
      },
      { sql: 'DELETE FROM agent_skills WHERE agent_id = ?', params: [id] },
      ...skillSteps(agent.value),
    ]);
    return done.ok ? agent : done;
  }

  /** Memberships go with the agent; conflict while the dial plan still sends calls to it. */
  async delete(id: AgentId): Promise<Result<void>> {
    const done = await this.db.run([
      requireRow('agents', id),
      {
        sql: 'SELECT number FROM dial_plan WHERE agent_id = ?',
        params: [id],
        check: mustNotExist('conflict', `agent '${id}' is a dial plan destination`, { agentId: id }),
      },
      { sql: 'DELETE FROM agents WHERE id = ?', params: [id] },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async get(id: AgentId): Promise<AgentRecord | undefined> {
    return agentsOf(await this.db.query(`${SELECT} WHERE a.id = ? ORDER BY s.skill_id`, [id]))[0];
  }

  async list(): Promise<readonly AgentRecord[]> {
    return agentsOf(await this.db.query(`${SELECT} ORDER BY a.id, s.skill_id`));
  }
}
