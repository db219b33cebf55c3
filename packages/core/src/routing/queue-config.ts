// A queue's routing configuration and its validation. A config that passes `validateQueueConfig`
// is the only kind the routers accept, so the routers never have to second-guess ranges.
import type { AgentId, QueueId, SkillId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { type EmptyRule, isEmptyRule } from './empty-rule.ts';
import { isRoutingStrategy, type RoutingStrategy } from './routing-strategy.ts';

export type Destination =
  | { readonly kind: 'queue'; readonly queueId: QueueId }
  | { readonly kind: 'agent'; readonly agentId: AgentId }
  | { readonly kind: 'extension'; readonly extension: string }
  | { readonly kind: 'external'; readonly number: string }
  | { readonly kind: 'hangup' };

export interface SkillRequirement {
  readonly skill: SkillId;
  readonly minLevel: number;
}

/**
 * From `afterMs` of waiting on, members with penalty <= `maxPenalty` are eligible and every
 * required level is lowered by `minLevelDrop`. An omitted `minLevelDrop` keeps the previous
 * step's drop (0 for the first step). Steps only ever widen eligibility.
 */
export interface RelaxationStep {
  readonly afterMs: number;
  readonly maxPenalty: number;
  readonly minLevelDrop?: number;
}

export interface QueueOverflow {
  readonly onTimeout: Destination | null;
  readonly onFull: Destination | null;
  readonly onEmpty: Destination | null;
}

export interface QueueConfig {
  readonly id: QueueId;
  readonly name: string;
  readonly strategy: RoutingStrategy;
  /** Longest wait before the engine times the contact out (to overflow.onTimeout); null = no limit. */
  readonly maxWaitMs: number | null;
  /** Most contacts waiting at once; a contact arriving at a full queue is refused 'full'. null = no limit. */
  readonly maxLength: number | null;
  /** A contact arriving while the queue is empty in this sense is refused 'empty'. */
  readonly joinEmpty: EmptyRule;
  /** Waiting contacts leave (Router.leaveWhenEmpty) once the queue is empty in this sense. */
  readonly leaveWhenEmpty: EmptyRule;
  readonly overflow: QueueOverflow;
  readonly wrapupMs: number;
  readonly serviceLevelMs: number;
  readonly ringTimeoutMs: number;
  /** Skills a member needs for this queue's contacts (a contact may add its own). */
  readonly requirements: readonly SkillRequirement[];
  /** Members with penalty <= this are eligible from the start. */
  readonly maxPenalty: number;
  /** Sorted by afterMs; widen eligibility as a contact waits. */
  readonly relaxation: readonly RelaxationStep[];
  /** Tie-break between contacts of different queues with equal priority and equal wait: higher first. */
  readonly weight: number;
}

/**
 * The settings a queue has unless told otherwise: longest-idle, no max wait or length, never empty,
 * no overflow, no wrap-up, service level 20 s, ring 15 s, no skills, penalty 0 only. Configuration
 * screens, demos, simulations and tests start from these and override what they mean.
 */
export const QUEUE_DEFAULTS: Omit<QueueConfig, 'id' | 'name'> = Object.freeze({
  strategy: 'longest-idle',
  maxWaitMs: null,
  maxLength: null,
  joinEmpty: 'never',
  leaveWhenEmpty: 'never',
  overflow: Object.freeze({ onTimeout: null, onFull: null, onEmpty: null }),
  wrapupMs: 0,
  serviceLevelMs: 20_000,
  ringTimeoutMs: 15_000,
  requirements: Object.freeze([]),
  maxPenalty: 0,
  relaxation: Object.freeze([]),
  weight: 0,
});

/** A queue config from the defaults, named after its id unless the overrides name it. */
export function queueWithDefaults(
  id: QueueId,
  overrides: Partial<Omit<QueueConfig, 'id'>> = {},
): QueueConfig {
  return { ...QUEUE_DEFAULTS, id, name: id, ...overrides };
}

type Check = { field: string; message: string } | null;

const isNonNegativeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function checkDestination(field: string, destination: Destination | null, ownId: QueueId): Check {
  if (destination === null) return null;
  const bad = { field, message: `${field} is not a valid destination` };
  if (typeof destination !== 'object') return bad;
  switch (destination.kind) {
    case 'queue':
      if (!isNonEmptyString(destination.queueId)) return bad;
      // Overflowing into itself would put the contact straight back where it was refused.
      return destination.queueId === ownId ? { field, message: `${field} points at the queue itself` } : null;
    case 'agent':
      return isNonEmptyString(destination.agentId) ? null : bad;
    case 'extension':
      return isNonEmptyString(destination.extension) ? null : bad;
    case 'external':
      return isNonEmptyString(destination.number) ? null : bad;
    case 'hangup':
      return null;
    default:
      return bad;
  }
}

/** Requirements: non-empty skill ids, finite non-negative levels, each skill at most once. */
export function checkRequirements(field: string, requirements: readonly SkillRequirement[]): Check {
  if (!Array.isArray(requirements)) return { field, message: `${field} must be a list` };
  const seen = new Set<SkillId>();
  for (const [i, requirement] of requirements.entries()) {
    if (!isNonEmptyString(requirement?.skill))
      return { field: `${field}[${i}].skill`, message: 'empty skill' };
    if (typeof requirement.minLevel !== 'number' || !Number.isFinite(requirement.minLevel)) {
      return { field: `${field}[${i}].minLevel`, message: 'minLevel must be a finite number' };
    }
    if (requirement.minLevel < 0)
      return { field: `${field}[${i}].minLevel`, message: 'minLevel must be >= 0' };
    if (seen.has(requirement.skill)) return { field: `${field}[${i}].skill`, message: 'skill listed twice' };
    seen.add(requirement.skill);
  }
  return null;
}

function checkRelaxation(config: QueueConfig): Check {
  if (!Array.isArray(config.relaxation)) return { field: 'relaxation', message: 'relaxation must be a list' };
  let previous = { afterMs: 0, maxPenalty: config.maxPenalty, drop: 0 };
  for (const [i, step] of config.relaxation.entries()) {
    const at = `relaxation[${i}]`;
    if (!isNonNegativeInteger(step?.afterMs) || step.afterMs === 0) {
      return { field: `${at}.afterMs`, message: 'afterMs must be a positive integer' };
    }
    if (step.afterMs <= previous.afterMs && i > 0) {
      return { field: `${at}.afterMs`, message: 'steps must be sorted by strictly increasing afterMs' };
    }
    if (!isNonNegativeInteger(step.maxPenalty)) {
      return { field: `${at}.maxPenalty`, message: 'maxPenalty must be a non-negative integer' };
    }
    if (step.maxPenalty < previous.maxPenalty) {
      return {
        field: `${at}.maxPenalty`,
        message: 'a step may only widen: maxPenalty below the previous cap',
      };
    }
    const drop = step.minLevelDrop ?? previous.drop;
    if (typeof drop !== 'number' || !Number.isFinite(drop) || drop < 0) {
      return { field: `${at}.minLevelDrop`, message: 'minLevelDrop must be a finite number >= 0' };
    }
    if (drop < previous.drop) {
      return {
        field: `${at}.minLevelDrop`,
        message: 'a step may only widen: minLevelDrop below the previous drop',
      };
    }
    previous = { afterMs: step.afterMs, maxPenalty: step.maxPenalty, drop };
  }
  return null;
}

function firstProblem(config: QueueConfig): Check {
  if (!isNonEmptyString(config.id)) return { field: 'id', message: 'id must be a non-empty string' };
  if (typeof config.name !== 'string') return { field: 'name', message: 'name must be a string' };
  if (!isRoutingStrategy(config.strategy)) return { field: 'strategy', message: 'unknown strategy' };
  if (config.maxWaitMs !== null && (!isNonNegativeInteger(config.maxWaitMs) || config.maxWaitMs === 0)) {
    return { field: 'maxWaitMs', message: 'maxWaitMs must be null or a positive integer' };
  }
  if (config.maxLength !== null && (!isNonNegativeInteger(config.maxLength) || config.maxLength === 0)) {
    return { field: 'maxLength', message: 'maxLength must be null or a positive integer' };
  }
  if (!isEmptyRule(config.joinEmpty)) return { field: 'joinEmpty', message: 'unknown empty rule' };
  if (!isEmptyRule(config.leaveWhenEmpty)) return { field: 'leaveWhenEmpty', message: 'unknown empty rule' };
  if (typeof config.overflow !== 'object' || config.overflow === null) {
    return { field: 'overflow', message: 'overflow must be an object' };
  }
  for (const key of ['onTimeout', 'onFull', 'onEmpty'] as const) {
    const problem = checkDestination(`overflow.${key}`, config.overflow[key] ?? null, config.id);
    if (problem) return problem;
  }
  for (const key of ['wrapupMs', 'serviceLevelMs'] as const) {
    if (!isNonNegativeInteger(config[key])) return { field: key, message: `${key} must be an integer >= 0` };
  }
  if (!isNonNegativeInteger(config.ringTimeoutMs) || config.ringTimeoutMs === 0) {
    return { field: 'ringTimeoutMs', message: 'ringTimeoutMs must be a positive integer' };
  }
  const requirements = checkRequirements('requirements', config.requirements);
  if (requirements) return requirements;
  if (!isNonNegativeInteger(config.maxPenalty)) {
    return { field: 'maxPenalty', message: 'maxPenalty must be a non-negative integer' };
  }
  const relaxation = checkRelaxation(config);
  if (relaxation) return relaxation;
  if (typeof config.weight !== 'number' || !Number.isFinite(config.weight)) {
    return { field: 'weight', message: 'weight must be a finite number' };
  }
  return null;
}

/** Checks ranges, the strategy and empty rules, destinations and that relaxation steps are sorted and widening. */
export function validateQueueConfig(input: QueueConfig): Result<QueueConfig> {
  if (typeof input !== 'object' || input === null) {
    return fail('invalid_argument', 'queue config must be an object', { field: 'config' });
  }
  const problem = firstProblem(input);
  if (problem) return fail('invalid_argument', problem.message, { field: problem.field, queueId: input.id });
  return ok(input);
}
