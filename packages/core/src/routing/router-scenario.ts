// Test support (not exported from core): random router scenarios for fast-check and a driver that
// plays one against any RouterPort, keeping its own model of what the router was told (configs,
// memberships, skills, presence, time) so properties can judge the router from the outside.
import fc from 'fast-check';
import type { AgentId, ContactId, QueueId, SkillId } from '../ids.ts';
import { EMPTY_RULES, type EmptyRule } from './empty-rule.ts';
import type { QueueConfig, RelaxationStep, SkillRequirement } from './queue-config.ts';
import { AGENT_PRESENCES, type AgentPresence } from './router-port.ts';
import { ROUTING_STRATEGIES, type RoutingStrategy } from './routing-strategy.ts';
import type { WaitingContact } from './waiting-contact.ts';

export const SKILLS: readonly SkillId[] = ['s1', 's2'];

export interface QueueShape {
  readonly strategy: RoutingStrategy;
  readonly maxPenalty: number;
  readonly requirements: readonly SkillRequirement[];
  readonly relaxation: readonly RelaxationStep[];
  readonly weight: number;
  readonly joinEmpty: EmptyRule;
  readonly leaveWhenEmpty: EmptyRule;
  readonly maxLength: number | null;
}

export type Op =
  | { readonly kind: 'presence'; readonly agent: number; readonly presence: AgentPresence }
  | {
      readonly kind: 'enqueue';
      readonly queue: number;
      readonly priority: number;
      readonly extra: readonly SkillRequirement[];
      readonly backMs: number;
    }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'requeue'; readonly pick: number }
  | { readonly kind: 'route' }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'answered'; readonly agent: number; readonly queue: number }
  | {
      readonly kind: 'membership';
      readonly agent: number;
      readonly queue: number;
      readonly penalty: number | null;
    }
  | { readonly kind: 'skills'; readonly agent: number; readonly levels: readonly (number | null)[] }
  | { readonly kind: 'reconfigure'; readonly queue: number; readonly shape: QueueShape }
  | { readonly kind: 'leave' }
  | { readonly kind: 'nextRelaxation' };

export interface Scenario {
  readonly seed: number;
  readonly queues: readonly QueueShape[];
  readonly agentSkills: readonly (readonly (number | null)[])[];
  /** memberships[agent][queue]: penalty or null. */
  readonly memberships: readonly (readonly (number | null)[])[];
  readonly presence: readonly AgentPresence[];
  readonly ops: readonly Op[];
}

const requirementArb = fc.record({
  skill: fc.constantFrom(...SKILLS),
  minLevel: fc.integer({ min: 1, max: 3 }),
});
const requirementsArb = fc.uniqueArray(requirementArb, { maxLength: 2, selector: (r) => r.skill });
const levelsArb = fc.array(fc.option(fc.integer({ min: 1, max: 3 })), {
  minLength: SKILLS.length,
  maxLength: SKILLS.length,
});

const shapeArb: fc.Arbitrary<QueueShape> = fc
  .record({
    strategy: fc.constantFrom(...ROUTING_STRATEGIES),
    maxPenalty: fc.integer({ min: 0, max: 2 }),
    requirements: fc.oneof(fc.constant([]), requirementsArb),
    steps: fc.array(
      fc.record({
        gap: fc.integer({ min: 1, max: 40 }),
        widen: fc.integer({ min: 0, max: 2 }),
        drop: fc.option(fc.integer({ min: 0, max: 1 })),
      }),
      { maxLength: 2 },
    ),
    weight: fc.integer({ min: 0, max: 2 }),
    joinEmpty: fc.oneof(
      { weight: 3, arbitrary: fc.constant<EmptyRule>('never') },
      fc.constantFrom(...EMPTY_RULES),
    ),
    leaveWhenEmpty: fc.oneof(
      { weight: 4, arbitrary: fc.constant<EmptyRule>('never') },
      fc.constantFrom(...EMPTY_RULES),
    ),
    maxLength: fc.option(fc.integer({ min: 1, max: 6 })),
  })
  .map(({ steps, ...rest }) => {
    const relaxation: RelaxationStep[] = [];
    let afterMs = 0;
    let maxPenalty = rest.maxPenalty;
    let drop = 0;
    for (const step of steps) {
      afterMs += step.gap;
      maxPenalty += step.widen;
      drop = Math.max(drop, step.drop ?? drop);
      relaxation.push(
        step.drop === null ? { afterMs, maxPenalty } : { afterMs, maxPenalty, minLevelDrop: drop },
      );
    }
    return { ...rest, relaxation };
  });

// Agents mostly come back Ready: a scenario where nobody is available never routes anything.
const presenceArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<AgentPresence>('available') },
  fc.constantFrom(...AGENT_PRESENCES),
);

function opArb(queues: number, agents: number): fc.Arbitrary<Op> {
  const agent = fc.integer({ min: 0, max: agents - 1 });
  const queue = fc.integer({ min: 0, max: queues - 1 });
  const pick = fc.nat({ max: 50 });
  return fc.oneof(
    { weight: 7, arbitrary: fc.record({ kind: fc.constant('presence'), agent, presence: presenceArb }) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('enqueue'),
        queue,
        priority: fc.integer({ min: 0, max: 2 }),
        extra: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, requirementsArb),
        backMs: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 60 })),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove'), pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('requeue'), pick }) },
    { weight: 6, arbitrary: fc.constant({ kind: 'route' as const }) },
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('advance'), ms: fc.integer({ min: 0, max: 40 }) }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('answered'), agent, queue }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('membership'),
        agent,
        queue,
        penalty: fc.option(fc.integer({ min: 0, max: 3 })),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('skills'), agent, levels: levelsArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconfigure'), queue, shape: shapeArb }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'leave' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'nextRelaxation' as const }) },
  ) as fc.Arbitrary<Op>;
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ queueCount: fc.integer({ min: 1, max: 3 }), agentCount: fc.integer({ min: 1, max: 6 }) })
  .chain(({ queueCount, agentCount }) =>
    fc.record({
      seed: fc.integer(),
      queues: fc.array(shapeArb, { minLength: queueCount, maxLength: queueCount }),
      agentSkills: fc.array(levelsArb, { minLength: agentCount, maxLength: agentCount }),
      memberships: fc.array(
        fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3 }), {
          minLength: queueCount,
          maxLength: queueCount,
        }),
        { minLength: agentCount, maxLength: agentCount },
      ),
      presence: fc.array(presenceArb, { minLength: agentCount, maxLength: agentCount }),
      ops: fc.array(opArb(queueCount, agentCount), { minLength: 5, maxLength: 60, size: 'max' }),
    }),
  );

/** mulberry32: a tiny seeded generator of [0, 1), so two routers can get the same random sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const queueIdOf = (index: number): QueueId => `q${index}`;
export const agentIdOf = (index: number): AgentId => `a${index}`;

export function configOf(index: number, shape: QueueShape): QueueConfig {
  return {
    id: queueIdOf(index),
    name: `Queue ${index}`,
    strategy: shape.strategy,
    maxWaitMs: null,
    maxLength: shape.maxLength,
    joinEmpty: shape.joinEmpty,
    leaveWhenEmpty: shape.leaveWhenEmpty,
    overflow: {
      onTimeout: null,
      onFull: { kind: 'hangup' },
      onEmpty: { kind: 'extension', extension: '100' },
    },
    wrapupMs: 0,
    serviceLevelMs: 20_000,
    ringTimeoutMs: 15_000,
    requirements: shape.requirements,
    maxPenalty: shape.maxPenalty,
    relaxation: shape.relaxation,
    weight: shape.weight,
  };
}

export function skillMap(levels: readonly (number | null)[]): Map<SkillId, number> {
  const skills = new Map<SkillId, number>();
  levels.forEach((level, i) => {
    if (level !== null) skills.set(SKILLS[i]!, level);
  });
  return skills;
}

/** What the driver told the router, kept independently of it. */
export interface ScenarioModel {
  now: number;
  readonly configs: Map<QueueId, QueueConfig>;
  readonly penalties: Map<QueueId, Map<AgentId, number>>;
  readonly skills: Map<AgentId, Map<SkillId, number>>;
  readonly presence: Map<AgentId, AgentPresence>;
  /** Every contact ever enqueued or requeued, by id, with what became of it last. */
  readonly fate: Map<
    ContactId,
    { contact: WaitingContact; state: 'waiting' | 'assigned' | 'removed' | 'refused' }
  >;
  readonly assigned: WaitingContact[];
}
