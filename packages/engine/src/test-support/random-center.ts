// Test support: random small contact centers (1–4 queues with random rules, 1–6 agents with random
// memberships, penalties and skills) with a random day of events (center-events.ts) for the
// engine's property test.
import {
  type Destination,
  EMPTY_RULES,
  type QueueConfig,
  type RelaxationStep,
  ROUTING_STRATEGIES,
  type SkillRequirement,
} from '@switchboard/core';
import fc from 'fast-check';
import type { AgentConfig, DialPlanEntry, EngineConfig, MembershipConfig } from '../engine-config.ts';
import { type CenterEvent, commandEventArb, eventArb } from './center-events.ts';
import { queueConfig } from './engine-harness.ts';

const SKILLS = ['s1', 's2'] as const;
export const START_STATES = ['out', 'ready', 'paused'] as const;

export interface Center {
  readonly config: EngineConfig;
  /** How each agent starts the day (index = agent). */
  readonly start: readonly (typeof START_STATES)[number][];
  readonly events: readonly CenterEvent[];
}

interface QueueDraw {
  readonly strategy: QueueConfig['strategy'];
  readonly maxWaitMs: number | null;
  readonly maxLength: number | null;
  readonly joinEmpty: QueueConfig['joinEmpty'];
  readonly leaveWhenEmpty: QueueConfig['leaveWhenEmpty'];
  readonly overflow: readonly (DestinationDraw | null)[];
  readonly wrapupMs: number;
  readonly ringTimeoutMs: number;
  readonly requirements: readonly SkillRequirement[];
  readonly maxPenalty: number;
  readonly relax: { readonly afterMs: number; readonly widen: number; readonly drop: number } | null;
  readonly weight: number;
}

type DestinationDraw =
  | { readonly kind: 'queue' | 'agent'; readonly index: number }
  | { readonly kind: 'extension' | 'external' | 'hangup' };

const destinationArb: fc.Arbitrary<DestinationDraw | null> = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constantFrom('queue' as const, 'agent' as const), index: fc.nat(5) }),
    fc.record({ kind: fc.constantFrom('extension' as const, 'external' as const, 'hangup' as const) }),
  ),
  { freq: 2 },
);

const queueDrawArb: fc.Arbitrary<QueueDraw> = fc.record({
  strategy: fc.constantFrom(...ROUTING_STRATEGIES),
  maxWaitMs: fc.option(fc.integer({ min: 5_000, max: 90_000 }), { freq: 2 }),
  maxLength: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 2 }),
  // Mostly 'never': the other rules refuse or drop most contacts while few agents are logged in.
  joinEmpty: fc.oneof(
    { weight: 3, arbitrary: fc.constant('never' as const) },
    fc.constantFrom(...EMPTY_RULES),
  ),
  leaveWhenEmpty: fc.oneof(
    { weight: 3, arbitrary: fc.constant('never' as const) },
    fc.constantFrom(...EMPTY_RULES),
  ),
  overflow: fc.array(destinationArb, { minLength: 3, maxLength: 3 }),
  wrapupMs: fc.oneof(fc.constant(0), fc.integer({ min: 1000, max: 30_000 })),
  ringTimeoutMs: fc.integer({ min: 2000, max: 30_000 }),
  requirements: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    fc.uniqueArray(
      fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.integer({ min: 1, max: 4 }) }),
      {
        maxLength: 2,
        selector: (r) => r.skill,
      },
    ),
  ),
  maxPenalty: fc.integer({ min: 0, max: 2 }),
  relax: fc.option(
    fc.record({
      afterMs: fc.integer({ min: 1000, max: 60_000 }),
      widen: fc.integer({ min: 0, max: 2 }),
      drop: fc.integer({ min: 0, max: 3 }),
    }),
  ),
  weight: fc.integer({ min: 0, max: 3 }),
});

interface AgentDraw {
  readonly skills: readonly (number | null)[];
  readonly penalties: readonly (number | null)[];
}

const agentDrawArb: fc.Arbitrary<AgentDraw> = fc.record({
  skills: fc.array(fc.option(fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 2 }),
  /** One entry per queue: penalty, or null when not a member. */
  penalties: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3 }), { minLength: 4, maxLength: 4 }),
});

/**
 * Centers for the call commands: every agent serves every queue at penalty 0 with no skill
 * requirement, so calls get answered and the commands have calls to act on.
 */
const openQueueArb = queueDrawArb.map((q): QueueDraw => ({ ...q, requirements: [] }));
const openAgentArb = agentDrawArb.map((a): AgentDraw => ({ ...a, penalties: [0, 0, 0, 0] }));

/** Centers whose events are the ACD's own (arrivals, agents, answers, hang-ups, time). */
export const centerArb = centerOf(eventArb);

/** The same, with call commands mixed in (hold, transfer, consult, outbound dial). */
export const centerWithCommandsArb = centerOf(
  fc.oneof({ weight: 1, arbitrary: eventArb }, { weight: 1, arbitrary: commandEventArb }),
  openQueueArb,
  openAgentArb,
);

function centerOf(
  events: fc.Arbitrary<CenterEvent>,
  queue: fc.Arbitrary<QueueDraw> = queueDrawArb,
  agent: fc.Arbitrary<AgentDraw> = agentDrawArb,
): fc.Arbitrary<Center> {
  return fc
    .record({
      queues: fc.array(queue, { minLength: 1, maxLength: 4 }),
      agents: fc.array(agent, { minLength: 1, maxLength: 6 }),
      priorities: fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
      start: fc.array(
        fc.oneof({ weight: 3, arbitrary: fc.constant('ready' as const) }, fc.constantFrom(...START_STATES)),
        { minLength: 6, maxLength: 6 },
      ),
      events: fc.array(events, { maxLength: 50 }),
    })
    .map(({ queues, agents, priorities, start, events }) => ({
      config: buildConfig(queues, agents, priorities),
      start: start.slice(0, agents.length),
      events,
    }));
}

export const queueIdOf = (i: number) => `q${i}`;
export const agentIdOf = (i: number) => `a${i}`;

function buildConfig(
  queues: readonly QueueDraw[],
  agents: readonly AgentDraw[],
  priorities: readonly number[],
): EngineConfig {
  const destination = (draw: DestinationDraw | null, own: number): Destination | null => {
    if (draw === null) return null;
    if (draw.kind === 'agent') return { kind: 'agent', agentId: agentIdOf(draw.index % agents.length) };
    if (draw.kind === 'queue') {
      // Never the queue itself (the config refuses that); with one queue there is no other.
      if (queues.length === 1) return null;
      const other = (own + 1 + (draw.index % (queues.length - 1))) % queues.length;
      return { kind: 'queue', queueId: queueIdOf(other) };
    }
    if (draw.kind === 'extension') return { kind: 'extension', extension: '4000' };
    if (draw.kind === 'external') return { kind: 'external', number: '+15550999' };
    return { kind: 'hangup' };
  };
  const queueConfigs = queues.map((q, i): QueueConfig => {
    const relaxation: RelaxationStep[] =
      q.relax === null
        ? []
        : [
            {
              afterMs: q.relax.afterMs,
              maxPenalty: q.maxPenalty + q.relax.widen,
              minLevelDrop: q.relax.drop,
            },
          ];
    return queueConfig(queueIdOf(i), {
      strategy: q.strategy,
      maxWaitMs: q.maxWaitMs,
      maxLength: q.maxLength,
      joinEmpty: q.joinEmpty,
      leaveWhenEmpty: q.leaveWhenEmpty,
      overflow: {
        onTimeout: destination(q.overflow[0] ?? null, i),
        onFull: destination(q.overflow[1] ?? null, i),
        onEmpty: destination(q.overflow[2] ?? null, i),
      },
      wrapupMs: q.wrapupMs,
      ringTimeoutMs: q.ringTimeoutMs,
      requirements: q.requirements,
      maxPenalty: q.maxPenalty,
      relaxation,
      weight: q.weight,
    });
  });
  const agentConfigs = agents.map((a, i): AgentConfig => {
    const skills: Record<string, number> = {};
    a.skills.forEach((level, s) => {
      if (level !== null) skills[SKILLS[s]!] = level;
    });
    return { id: agentIdOf(i), name: `Agent ${i}`, skills };
  });
  const memberships: MembershipConfig[] = [];
  agents.forEach((a, i) => {
    a.penalties.forEach((penalty, q) => {
      if (penalty !== null && q < queues.length)
        memberships.push({ agentId: agentIdOf(i), queueId: queueIdOf(q), penalty });
    });
  });
  const dialPlan = queueConfigs.map(
    (q, i): DialPlanEntry => ({
      number: q.id,
      destination: { kind: 'queue', queueId: q.id },
      priority: priorities[i] ?? 0,
    }),
  );
  return { queues: queueConfigs, agents: agentConfigs, memberships, dialPlan };
}
