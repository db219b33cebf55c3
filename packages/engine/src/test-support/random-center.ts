// Test support: random small contact centers and random event sequences for the engine's property
// test. Everything is drawn as plain data (indices, not ids), so a shrunk counterexample reads as a
// short script; `center-run.ts` resolves the indices against the live engine when it plays them.
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
import { queueConfig } from './engine-harness.ts';

const SKILLS = ['s1', 's2'] as const;
export const PAUSE_CODES = ['break', 'meal', 'dnd'] as const;

export type CenterEvent =
  | { readonly kind: 'arrive'; readonly queue: number; readonly priority: number }
  | { readonly kind: 'login'; readonly agent: number; readonly paused: boolean }
  | { readonly kind: 'ready' | 'logout' | 'endWrapup' | 'disconnect'; readonly agent: number }
  | { readonly kind: 'pause'; readonly agent: number; readonly reason: number }
  /** The `pick`-th ringing agent answers or rejects. */
  | { readonly kind: 'answer' | 'reject'; readonly pick: number }
  /**
   * The `pick`-th agent bound to a contact hangs up. `bySwitch`: the switch reports it; otherwise
   * the agent uses the hangup command.
   */
  | { readonly kind: 'agentHangup'; readonly pick: number; readonly bySwitch: boolean }
  /** The customer of the `pick`-th live contact hangs up (an abandon before answer). */
  | { readonly kind: 'callerHangup'; readonly pick: number }
  /** A late answer from a phone that no longer rings for that contact. */
  | { readonly kind: 'staleAnswer'; readonly agent: number; readonly pick: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | CommandEvent;

/** Where a transfer or consultation goes: a queue, an agent (by index) or an outside number. */
export type TargetDraw =
  | { readonly kind: 'queue' | 'agent'; readonly index: number }
  | { readonly kind: 'external' };

/** Call commands of the `pick`-th agent handling a call, and what the far ends of those calls do. */
export type CommandEvent =
  /** A caller arrives and, when the contact rings an agent at once, that agent answers. */
  | { readonly kind: 'arriveAnswered'; readonly queue: number }
  | { readonly kind: 'hold' | 'resume'; readonly pick: number }
  | { readonly kind: 'transfer' | 'consult'; readonly pick: number; readonly to: TargetDraw }
  | { readonly kind: 'consultEnd'; readonly pick: number; readonly how: (typeof CONSULT_ENDS)[number] }
  /** A whole consultation at once: start, maybe answered, then ended `how`. */
  | {
      readonly kind: 'consultFlow';
      readonly pick: number;
      readonly to: TargetDraw;
      readonly answered: boolean;
      readonly how: (typeof CONSULT_ENDS)[number];
    }
  /** The consulted party (or an unattended transfer's target) of the `pick`-th such contact answers or fails. */
  | { readonly kind: 'consultAnswer' | 'consultFail'; readonly pick: number }
  | { readonly kind: 'dial'; readonly agent: number; readonly queue: number | null }
  | { readonly kind: 'dialAnswer' | 'dialFail'; readonly pick: number };

export const CONSULT_ENDS = ['cancel', 'retrieve', 'transfer', 'conference'] as const;

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

const eventArb: fc.Arbitrary<CenterEvent> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('arrive' as const), queue: fc.nat(3), priority: fc.nat(2) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('login' as const), agent: fc.nat(5), paused: fc.boolean() }),
  },
  // Ready often: agents a ring-no-answer paused come back, so calls keep being answered.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ready' as const), agent: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('logout' as const, 'endWrapup' as const, 'disconnect' as const),
      agent: fc.nat(5),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), agent: fc.nat(5), reason: fc.nat(2) }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('agentHangup' as const),
      pick: fc.nat(5),
      bySwitch: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('callerHangup' as const), pick: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('staleAnswer' as const), agent: fc.nat(5), pick: fc.nat(7) }),
  },
  // Mostly short steps (calls get answered and talked over), sometimes long ones (timeouts fire).
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  },
);

const targetArb: fc.Arbitrary<TargetDraw> = fc.oneof(
  fc.record({ kind: fc.constantFrom('queue' as const, 'agent' as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant('external' as const) }),
);

const commandEventArb: fc.Arbitrary<CenterEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('consultFlow' as const),
      pick: fc.nat(5),
      to: targetArb,
      answered: fc.boolean(),
      how: fc.constantFrom(...CONSULT_ENDS),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('arriveAnswered' as const), queue: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('hold' as const, 'resume' as const), pick: fc.nat(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('transfer' as const, 'consult' as const),
      pick: fc.nat(5),
      to: targetArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('consultEnd' as const),
      pick: fc.nat(5),
      how: fc.constantFrom(...CONSULT_ENDS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('consultAnswer' as const, 'consultFail' as const),
      pick: fc.nat(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('dial' as const),
      agent: fc.nat(5),
      queue: fc.option(fc.nat(3)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('dialAnswer' as const, 'dialFail' as const),
      pick: fc.nat(5),
    }),
  },
);

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
