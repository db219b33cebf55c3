// First start: write a whole configuration into an empty database, in one transaction. Every
// later start reads it back with loadEngineConfig (the database, not the file, is then the truth).
import { DEFAULT_PAUSE_REASONS, ok, type Result, SwitchboardError } from '@switchboard/core';
import type { EngineConfig } from '@switchboard/engine';
import type { UserRecord } from '../auth/user-directory.ts';
import { type AgentInput, insertAgentSteps } from './agent-repository.ts';
import {
  type Skill,
  validateAgent,
  validateDialPlanEntry,
  validateMembership,
  validatePauseReason,
  validateQueue,
  validateSkill,
  validateUser,
} from './config-records.ts';
import type { Database, Step } from './database.ts';
import { insertDialPlanSteps } from './dial-plan-repository.ts';
import { setMembershipSteps } from './membership-repository.ts';
import { insertPauseReasonSteps } from './pause-reason-repository.ts';
import { insertQueueSteps } from './queue-repository.ts';
import { insertSkillSteps } from './skill-repository.ts';
import { insertUserSteps } from './user-repository.ts';

export interface SeedConfig extends EngineConfig {
  readonly agents: readonly AgentInput[];
  /** Omitted: every skill an agent has or a queue requires, named by its id. */
  readonly skills?: readonly Skill[];
  readonly users?: readonly UserRecord[];
}

const CONFIG_TABLES = ['users', 'skills', 'agents', 'queues', 'memberships', 'pause_reasons', 'dial_plan'];
const NOT_EMPTY = 'not_empty';

function derivedSkills(config: SeedConfig): Skill[] {
  const ids = new Set<string>();
  for (const agent of config.agents) for (const skill of Object.keys(agent.skills ?? {})) ids.add(skill);
  for (const queue of config.queues) for (const r of queue.requirements ?? []) ids.add(r.skill);
  return [...ids].sort().map((id) => ({ id, name: id }));
}

/** Validates every part first; returns the steps that write it all, or the first refusal. */
function seedSteps(config: SeedConfig): Result<Step[]> {
  const steps: Step[] = [];
  const add = <I, O>(items: readonly I[], check: (item: I) => Result<O>, toSteps: (item: O) => Step[]) => {
    for (const item of items) {
      const valid = check(item);
      if (!valid.ok) return valid;
      steps.push(...toSteps(valid.value));
    }
    return ok(undefined);
  };
  const parts = [
    () => add(config.skills ?? derivedSkills(config), validateSkill, insertSkillSteps),
    () => add(config.agents, validateAgent, insertAgentSteps),
    () => add(config.queues, validateQueue, insertQueueSteps),
    () => add(config.memberships, validateMembership, setMembershipSteps),
    () => add(config.pauseReasons ?? DEFAULT_PAUSE_REASONS, validatePauseReason, insertPauseReasonSteps),
    () => add(config.dialPlan, validateDialPlanEntry, insertDialPlanSteps),
    () => add(config.users ?? [], validateUser, insertUserSteps),
  ];
  for (const part of parts) {
    const done = part();
    if (!done.ok) return done;
  }
  return ok(steps);
}

/**
 * Writes `config` when the database holds no configuration at all (no row in any config table);
 * otherwise changes nothing and reports seeded: false. All or nothing: a refused part (bad value,
 * unknown reference, duplicate) leaves the database empty.
 */
export async function seedIfEmpty(db: Database, config: SeedConfig): Promise<Result<{ seeded: boolean }>> {
  const steps = seedSteps(config);
  if (!steps.ok) return steps;
  const emptiness: Step = {
    sql: `SELECT ${CONFIG_TABLES.map((t) => `(SELECT COUNT(*) FROM ${t})`).join(' + ')} AS n`,
    params: [],
    check: ({ rows }) =>
      Number(rows[0]?.n) === 0
        ? null
        : new SwitchboardError('conflict', 'configuration present', { reason: NOT_EMPTY }),
  };
  const done = await db.run([emptiness, ...steps.value]);
  if (done.ok) return ok({ seeded: true });
  if (done.error.details.reason === NOT_EMPTY) return ok({ seeded: false });
  return done;
}
