// The skill catalogue: ids and display names. Agents' levels and queues' requirements point at it.
import { ok, type Result, type SkillId } from '@switchboard/core';
import { type Skill, validateSkill } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { mustExist, mustNotExist, requireRow, textColumn } from './step-checks.ts';

export function insertSkillSteps(skill: Skill): Step[] {
  return [{ sql: 'INSERT INTO skills (id, name) VALUES (?, ?)', params: [skill.id, skill.name] }];
}

const skillOf = (row: Row): Skill => ({ id: textColumn(row, 'id'), name: textColumn(row, 'name') });

export class SkillRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async create(input: Skill): Promise<Result<Skill>> {
    const skill = validateSkill(input);
    if (!skill.ok) return skill;
    const done = await this.db.run(insertSkillSteps(skill.value));
    return done.ok ? skill : done;
  }

  async update(input: Skill): Promise<Result<Skill>> {
    const skill = validateSkill(input);
    if (!skill.ok) return skill;
    const done = await this.db.run([
      {
        sql: 'UPDATE skills SET name = ? WHERE id = ?',
        params: [skill.value.name, skill.value.id],
        check: mustExist('unknown_skill', `no skill '${skill.value.id}'`, { skill: skill.value.id }),
      },
    ]);
    return done.ok ? skill : done;
  }

  /** conflict while an agent has the skill or a queue requires it. */
  async delete(id: SkillId): Promise<Result<void>> {
    const inUse = (table: string, what: string): Step => ({
      sql: `SELECT 1 AS used FROM ${table} WHERE skill_id = ?`,
      params: [id],
      check: mustNotExist('conflict', `skill '${id}' is used by ${what}`, { skill: id }),
    });
    const done = await this.db.run([
      requireRow('skills', id),
      inUse('agent_skills', 'an agent'),
      inUse('queue_requirements', 'a queue'),
      { sql: 'DELETE FROM skills WHERE id = ?', params: [id] },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async get(id: SkillId): Promise<Skill | undefined> {
    const rows = await this.db.query('SELECT id, name FROM skills WHERE id = ?', [id]);
    return rows[0] === undefined ? undefined : skillOf(rows[0]);
  }

  async list(): Promise<readonly Skill[]> {
    return (await this.db.query('SELECT id, name FROM skills ORDER BY id')).map(skillOf);
  }
}
