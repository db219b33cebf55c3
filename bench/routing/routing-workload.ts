// The routing benchmark's contact center and its stream of routing events, built from one seed so
// Router and NaiveRouter replay exactly the same day. A "decision" is one routing event handled end
// to end: an agent becomes available (set presence, route, re-arm the relaxation timer) or a
// contact arrives (enqueue, route, re-arm). Only the router calls of a decision are timed.
import {
  type AgentId,
  type QueueConfig,
  ROUTING_STRATEGIES,
  type RouterPort,
  type WaitingContact,
} from '@switchboard/core';

export interface RoutingBenchSize {
  readonly agents: number;
  readonly queues: number;
  readonly queuesPerAgent: number;
  readonly contacts: number;
  readonly seed: number;
}

export const FULL_SIZE: RoutingBenchSize = {
  agents: 10_000,
  queues: 1_000,
  queuesPerAgent: 5,
  contacts: 50_000,
  seed: 1,
};

const SKILLS = Array.from({ length: 20 }, (_, i) => `skill-${i}`);
/** Four of the skills act as languages a contact may ask for. */
const LANGUAGES = SKILLS.slice(0, 4);
const T0 = 1_700_000_000_000;
/** Simulated time between two decisions: over a long run every contact crosses its relaxation steps. */
const STEP_MS = 2;

/** mulberry32: small, fast, seeded. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function queueConfig(index: number, rng: () => number): QueueConfig {
  const requiresSkill = rng() < 0.5;
  return {
    id: `queue-${index}`,
    name: `Queue ${index}`,
    strategy: ROUTING_STRATEGIES[index % ROUTING_STRATEGIES.length]!,
    maxWaitMs: null,
    maxLength: null,
    joinEmpty: 'never',
    leaveWhenEmpty: 'never',
    overflow: { onTimeout: null, onFull: null, onEmpty: null },
    wrapupMs: 0,
    serviceLevelMs: 20_000,
    ringTimeoutMs: 15_000,
    requirements: requiresSkill
      ? [{ skill: SKILLS[4 + Math.floor(rng() * 16)]!, minLevel: 1 + Math.floor(rng() * 2) }]
      : [],
    maxPenalty: 1,
    relaxation: [
      { afterMs: 30_000, maxPenalty: 2 },
      { afterMs: 90_000, maxPenalty: 4, minLevelDrop: 1 },
    ],
    weight: Math.floor(rng() * 3),
  };
}

function penalty(rng: () => number): number {
  const r = rng();
  return r < 0.5 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : 3;
}

export class RoutingWorkload {
  readonly router: RouterPort;
  private readonly size: RoutingBenchSize;
  private readonly rng: () => number;
  /** Agents the router holds busy, any of which may become available next. */
  private readonly busy: AgentId[] = [];
  private now = T0;
  private nextContact = 0;
  private checksum = 0x811c9dc5;
  assignments = 0;
  /** What the last decide() played. */
  lastKind: 'arrival' | 'available' = 'arrival';

  constructor(router: RouterPort, size: RoutingBenchSize) {
    this.router = router;
    this.size = size;
    this.rng = seeded(size.seed);
  }

  /**
   * Queues, agents (all busy, each in ~queuesPerAgent queues, usually skilled for them) and the
   * backlog of waiting contacts.
   */
  setUp(): void {
    const { router, rng, size } = this;
    const configs = Array.from({ length: size.queues }, (_, q) => queueConfig(q, rng));
    for (const config of configs) router.upsertQueue(config);
    for (let a = 0; a < size.agents; a += 1) {
      const agentId = `agent-${a}`;
      const queues = new Set<number>();
      while (queues.size < Math.min(size.queuesPerAgent, size.queues))
        queues.add(Math.floor(rng() * size.queues));
      const level = (): number => 1 + Math.floor(rng() * 5);
      const skills = new Map<string, number>([[LANGUAGES[Math.floor(rng() * LANGUAGES.length)]!, level()]]);
      // Members usually (not always) have what their queues require; levels vary.
      for (const q of queues) {
        for (const { skill } of configs[q]!.requirements) if (rng() < 0.8) skills.set(skill, level());
      }
      while (skills.size < 4) skills.set(SKILLS[4 + Math.floor(rng() * 16)]!, level());
      router.setAgentSkills(agentId, skills);
      for (const q of queues) router.setMembership(agentId, `queue-${q}`, penalty(rng));
      router.setAgentPresence(agentId, 'busy', T0);
      this.busy.push(agentId);
    }
    for (let c = 0; c < size.contacts; c += 1)
      router.enqueue(this.contact(T0 - Math.floor(rng() * 120_000)), T0);
  }

  /** Plays one decision; returns the nanoseconds its router calls took. */
  decide(): number {
    const { router, rng } = this;
    this.now += STEP_MS;
    const now = this.now;
    let started: bigint;
    let assigned: ReturnType<RouterPort['route']>;
    if (this.busy.length === 0 || rng() < 0.5) {
      const contact = this.contact(now);
      this.lastKind = 'arrival';
      started = process.hrtime.bigint();
      router.enqueue(contact, now);
      assigned = router.route(now);
      router.nextRelaxationAt(now);
    } else {
      const index = Math.floor(rng() * this.busy.length);
      const agentId = this.busy[index]!;
      this.busy[index] = this.busy[this.busy.length - 1]!;
      this.busy.pop();
      this.lastKind = 'available';
      started = process.hrtime.bigint();
      router.setAgentPresence(agentId, 'available', now);
      assigned = router.route(now);
      router.nextRelaxationAt(now);
    }
    const elapsed = Number(process.hrtime.bigint() - started);
    for (const assignment of assigned) {
      this.assignments += 1;
      this.busy.push(...assignment.agentIds);
      // The first agent answers: that feeds fewest-calls and least-recent (untimed, like the answer itself).
      router.recordAnswered(assignment.agentIds[0]!, assignment.queueId, now);
      this.mix(assignment.contactId);
      for (const agentId of assignment.agentIds) this.mix(agentId);
    }
    return elapsed;
  }

  /** FNV-1a over every assignment so far: equal for two routers that decided alike. */
  fingerprint(): number {
    return this.checksum >>> 0;
  }

  waiting(): number {
    let total = 0;
    for (let q = 0; q < this.size.queues; q += 1) total += this.router.waitingCount(`queue-${q}`);
    return total;
  }

  private contact(enqueuedAt: number): WaitingContact {
    const { rng } = this;
    const r = rng();
    const priority = r < 0.8 ? 0 : r < 0.95 ? 1 : 2;
    const wantsLanguage = rng() < 0.2;
    return {
      contactId: `contact-${this.nextContact++}`,
      queueId: `queue-${Math.floor(rng() * this.size.queues)}`,
      priority,
      enqueuedAt,
      ...(wantsLanguage
        ? { requirements: [{ skill: LANGUAGES[Math.floor(rng() * LANGUAGES.length)]!, minLevel: 1 }] }
        : {}),
    };
  }

  private mix(text: string): void {
    let hash = this.checksum;
    for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    this.checksum = Math.imul(hash ^ 0x7c, 0x01000193);
  }
}
