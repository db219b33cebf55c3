import {
  type AgentStats,
  NaiveRouter,
  type QueueConfig,
  type QueueStats,
  QueueStatsAccumulator,
  queueWithDefaults,
  unwrap,
} from '@switchboard/core';
import {
  type AgentConfig,
  Engine,
  type EngineConfig,
  InMemoryEventBus,
  InMemoryStore,
  type MembershipConfig,
  SequentialIds,
  VirtualClock,
} from '@switchboard/engine';
import { SimTelephony, seededRandom, startTraffic } from '@switchboard/telephony/sim';
import type { SimulationOptions } from './simulation-options.ts';

/** A fixed Monday 08:00 UTC, so reports and records of a seed are identical from run to run. */
export const SIMULATION_START = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface QueueResult {
  readonly queueId: string;
  readonly stats: QueueStats;
  /** Mean occupancy of the queue's member agents: (talk + wrap-up) / (talk + wrap-up + ready). */
  readonly occupancy: number | null;
}

export interface SimulationResult {
  readonly queues: readonly QueueResult[];
  readonly total: QueueStats;
  readonly agents: readonly AgentStats[];
  readonly arrivals: number;
  readonly engine: Engine;
  readonly store: InMemoryStore;
  /** Wall-clock time the run took, for the report (measured by the caller's clock). */
  readonly simulatedMs: number;
}

export function simulationConfig(o: SimulationOptions): EngineConfig {
  const queueIds = Array.from({ length: o.queues }, (_, i) => `q${i + 1}`);
  const queues: QueueConfig[] = queueIds.map((id) =>
    queueWithDefaults(id, {
      name: `Queue ${id}`,
      strategy: o.strategy,
      wrapupMs: o.wrapupMs,
      serviceLevelMs: o.serviceLevelMs,
      ringTimeoutMs: o.ringTimeoutMs,
    }),
  );
  const agents: AgentConfig[] = Array.from({ length: o.agents }, (_, i) => ({
    id: `a${i + 1}`,
    name: `Agent ${i + 1}`,
  }));
  const memberships: MembershipConfig[] = [];
  agents.forEach((agent, i) => {
    const own = o.membership === 'all' ? queueIds : [queueIds[i % queueIds.length]!];
    for (const queueId of own) memberships.push({ agentId: agent.id, queueId, penalty: 0 });
  });
  const dialPlan = queueIds.map((queueId, i) => ({
    number: `${8000 + i + 1}`,
    destination: { kind: 'queue' as const, queueId },
  }));
  return { agents, queues, memberships, dialPlan };
}

/**
 * Runs one day on the engine with the simulated switch and a virtual clock. Arrivals stop at the
 * end of the day; calls already in the building are then served to their end, so every contact
 * that arrived is counted exactly once.
 */
export function runSimulation(o: SimulationOptions): SimulationResult {
  const clock = new VirtualClock(SIMULATION_START);
  // Separate streams so a change in routing randomness does not shift the customers' draws.
  const trafficRandom = seededRandom(o.seed);
  const behaviourRandom = seededRandom(o.seed * 7919 + 1);
  const routingRandom = seededRandom(o.seed * 104_729 + 2);
  const store = new InMemoryStore({ keepLogs: false });
  const telephony = new SimTelephony({
    clock,
    random: behaviourRandom,
    behaviour: {
      answerDelay: o.answerDelay,
      talk: o.talk,
      patience: o.patience,
      callerEndsShare: 0.5,
      remoteAnswerDelay: { kind: 'fixed', ms: 5000 },
    },
  });
  const config = simulationConfig(o);
  const bus = new InMemoryEventBus();
  // The all-queues row folds the same log lines through core's accumulator: one set of formulas.
  const total = unwrap(QueueStatsAccumulator.create({ queueId: 'total', serviceLevelMs: o.serviceLevelMs }));
  bus.subscribe((event) => {
    if (event.type === 'queue.log') unwrap(total.add({ ...event.entry, queueId: 'total' }));
  });
  const engine = unwrap(
    Engine.create(
      {
        clock,
        ids: new SequentialIds(),
        bus,
        store,
        telephony,
        random: routingRandom,
        ...(o.router === 'naive' ? { router: new NaiveRouter({ random: routingRandom }) } : {}),
      },
      config,
    ),
  );
  for (const agent of config.agents) {
    unwrap(engine.login(agent.id, null));
  }
  const end = SIMULATION_START + o.durationMs;
  const perQueue = o.arrivalsPerMinute / o.queues;
  const traffic = startTraffic({
    clock,
    random: trafficRandom,
    telephony,
    streams: config.dialPlan.map((d) => ({ dialedNumber: d.number, arrivalsPerMinute: perQueue })),
    start: SIMULATION_START,
    end,
  });
  clock.advanceTo(end);
  // Drain: serve what is in the building, in bounded steps of simulated time.
  for (let step = 0; step < 10_000 && engine.liveContacts > 0; step++) clock.advanceBy(60_000);
  const agentStats = config.agents.map((a) => unwrap(engine.agentStats(a.id)));
  const byAgent = new Map(agentStats.map((s) => [s.agentId, s]));
  const queues = engine.queueIds().map((queueId) => {
    const members = config.memberships
      .filter((m) => m.queueId === queueId)
      .map((m) => byAgent.get(m.agentId)!);
    return { queueId, stats: unwrap(engine.queueSnapshot(queueId)), occupancy: meanOccupancy(members) };
  });
  return {
    queues,
    total: total.stats(),
    agents: agentStats,
    arrivals: traffic.arrivals(),
    engine,
    store,
    simulatedMs: clock.now() - SIMULATION_START,
  };
}

/** Occupancy over a group = summed busy time / summed busy + ready time (not a mean of ratios). */
export function meanOccupancy(agents: readonly AgentStats[]): number | null {
  let busy = 0;
  let ready = 0;
  for (const a of agents) {
    busy += a.talkMs + a.wrapupMs;
    ready += a.readyMs;
  }
  return busy + ready === 0 ? null : busy / (busy + ready);
}
