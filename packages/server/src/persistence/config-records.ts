// The configuration rows the server stores, and their validation on the way in. Queues reuse
// core's validateQueueConfig and pause reasons core's catalogue checks, so a row the store accepts
// is one the engine accepts too.
import {
  type AgentId,
  createPauseReasonCatalog,
  type Destination,
  ok,
  type PauseReason,
  type QueueConfig,
  type QueueId,
  type Result,
  type SkillId,
  validateQueueConfig,
} from '@switchboard/core';
import type { AgentConfig, DialPlanEntry, MembershipConfig } from '@switchboard/engine';
import { isConsistentScope, isRole } from '../auth/principal.ts';
import type { UserRecord } from '../auth/user-directory.ts';
import { invalid, isId, isIdList, isRecordObject, isText } from './field-checks.ts';

/** An agent as stored: AgentConfig with every optional part filled, plus the agent's extension. */
export interface AgentRecord extends AgentConfig {
  readonly skills: Readonly<Record<SkillId, number>>;
  readonly groups: readonly string[];
  /** The phone the agent logs in with by default; unique among agents. */
  readonly extension: string | null;
}

export interface Skill {
  readonly id: SkillId;
  readonly name: string;
}

const MAX_NAME = 256;

export function validateUser(user: UserRecord): Result<UserRecord> {
  if (!isRecordObject(user)) return invalid('user', 'must be an object');
  if (!isId(user.id)) return invalid('id', 'must be 1-256 printable characters', user.id);
  if (!isId(user.username)) return invalid('username', 'must be 1-256 printable characters', user.username);
  if (user.passwordHash !== null && !isText(user.passwordHash, 1024)) {
    return invalid('passwordHash', 'must be null or an encoded hash', null);
  }
  if (!isRole(user.role)) return invalid('role', 'must be admin, supervisor or agent', user.role);
  if (!isConsistentScope(user.role, user.scope)) {
    return invalid('scope', 'is required for a supervisor (queues, agentGroups) and absent otherwise');
  }
  if (typeof user.disabled !== 'boolean') return invalid('disabled', 'must be a boolean', user.disabled);
  const { id, username, passwordHash, role, scope, disabled } = user;
  return ok(scope === undefined ? { id, username, passwordHash, role, disabled } : { ...user, scope });
}

export function validateSkill(skill: Skill): Result<Skill> {
  if (!isRecordObject(skill)) return invalid('skill', 'must be an object');
  if (!isId(skill.id)) return invalid('id', 'must be 1-256 printable characters', skill.id);
  if (!isText(skill.name, MAX_NAME) || skill.name.trim() === '') {
    return invalid('name', 'must be 1-256 characters', skill.name);
  }
  return ok({ id: skill.id, name: skill.name });
}

export function validateAgent(agent: AgentConfig & { extension?: string | null }): Result<AgentRecord> {
  if (!isRecordObject(agent)) return invalid('agent', 'must be an object');
  if (!isId(agent.id)) return invalid('id', 'must be 1-256 printable characters', agent.id);
  if (!isText(agent.name, MAX_NAME)) return invalid('name', 'must be at most 256 characters', agent.name);
  const skills = agent.skills ?? {};
  if (!isRecordObject(skills)) return invalid('skills', 'must map skill ids to levels', skills);
  for (const [skill, level] of Object.entries(skills)) {
    if (!isId(skill)) return invalid('skills', 'has an empty or unprintable skill id', skill);
    if (typeof level !== 'number' || !Number.isFinite(level) || level < 0) {
      return invalid(`skills.${skill}`, 'must be a finite level >= 0', level);
    }
  }
  const groups = agent.groups ?? [];
  if (!isIdList(groups)) return invalid('groups', 'must be a list of distinct group ids', groups);
  const extension = agent.extension ?? null;
  if (extension !== null && !isId(extension)) return invalid('extension', 'must be null or an id', extension);
  return ok({ id: agent.id, name: agent.name, skills: { ...skills }, groups: [...groups], extension });
}

export function validateQueue(queue: QueueConfig): Result<QueueConfig> {
  const valid = validateQueueConfig(queue);
  if (!valid.ok) return valid;
  if (!isId(queue.id)) return invalid('id', 'must be 1-256 printable characters', queue.id);
  return ok(queue);
}

export function validateMembership(membership: MembershipConfig): Result<MembershipConfig> {
  if (!isRecordObject(membership)) return invalid('membership', 'must be an object');
  if (!isId(membership.agentId)) return invalid('agentId', 'must be an id', membership.agentId);
  if (!isId(membership.queueId)) return invalid('queueId', 'must be an id', membership.queueId);
  if (!Number.isSafeInteger(membership.penalty) || membership.penalty < 0) {
    return invalid('penalty', 'must be an integer >= 0', membership.penalty);
  }
  const { agentId, queueId, penalty } = membership;
  return ok({ agentId, queueId, penalty });
}

export function validatePauseReason(reason: PauseReason): Result<PauseReason> {
  if (!isRecordObject(reason)) return invalid('pauseReason', 'must be an object');
  const checked = createPauseReasonCatalog([reason]);
  if (!checked.ok) return checked;
  return ok(checked.value.get(reason.code)!);
}

function validateDestination(destination: Destination): Result<Destination> {
  if (!isRecordObject(destination)) return invalid('destination', 'must be an object');
  switch (destination.kind) {
    case 'queue':
      return isId(destination.queueId)
        ? ok({ kind: 'queue', queueId: destination.queueId })
        : invalid('destination.queueId', 'must be an id');
    case 'agent':
      return isId(destination.agentId)
        ? ok({ kind: 'agent', agentId: destination.agentId })
        : invalid('destination.agentId', 'must be an id');
    case 'extension':
      return isId(destination.extension)
        ? ok({ kind: 'extension', extension: destination.extension })
        : invalid('destination.extension', 'must be an id');
    case 'external':
      return isId(destination.number)
        ? ok({ kind: 'external', number: destination.number })
        : invalid('destination.number', 'must be a number');
    case 'hangup':
      return ok({ kind: 'hangup' });
    default:
      return invalid('destination.kind', 'must be queue, agent, extension, external or hangup');
  }
}

export function validateDialPlanEntry(entry: DialPlanEntry): Result<DialPlanEntry> {
  if (!isRecordObject(entry)) return invalid('dialPlanEntry', 'must be an object');
  if (!isId(entry.number)) return invalid('number', 'must be 1-256 printable characters', entry.number);
  const destination = validateDestination(entry.destination);
  if (!destination.ok) return destination;
  if (entry.priority !== undefined && !Number.isSafeInteger(entry.priority)) {
    return invalid('priority', 'must be an integer', entry.priority);
  }
  const base = { number: entry.number, destination: destination.value };
  return ok(entry.priority === undefined ? base : { ...base, priority: entry.priority });
}

/** The queue and agent a destination names, for the dial plan's foreign keys. */
export function destinationRefs(destination: Destination): {
  queueId: QueueId | null;
  agentId: AgentId | null;
} {
  return {
    queueId: destination.kind === 'queue' ? destination.queueId : null,
    agentId: destination.kind === 'agent' ? destination.agentId : null,
  };
}
