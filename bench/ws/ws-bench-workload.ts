// The traffic of the WebSocket benchmark: a contact center of N agents in M queues (one agent group
// per queue, one supervisor per group), run on the simulated switch with a virtual clock until it
// has published enough engine events. The recorded stream is then replayed onto the server's bus
// at the rates the benchmark asks for, so both servers see exactly the same events. For the bare
// baseline the recipients of every event are worked out here, once, by the same topic and role
// rules (untimed): the baseline only routes and sends.
import { unwrap } from '@switchboard/core';
import {
  Engine,
  type EngineConfig,
  type EngineEvent,
  InMemoryEventBus,
  InMemoryStore,
  SequentialIds,
  VirtualClock,
} from '@switchboard/engine';
import { eventTopics } from '@switchboard/protocol';
import { SimTelephony, seededRandom, startTraffic } from '@switchboard/telephony/sim';
import type { Principal } from '../../packages/server/src/auth/principal.ts';
import { viewerOf } from '../../packages/server/src/app/viewer-of.ts';
import type { ScopeDirectory } from '../../packages/server/src/scope/viewer.ts';
import { SIMULATION_DEFAULTS } from '../../packages/server/src/simulate/simulation-options.ts';
import { SIMULATION_START, simulationConfig } from '../../packages/server/src/simulate/simulation.ts';
import { canSeeWire, wireEventOf } from '../../packages/server/src/ws/wire-events.ts';

export interface WorkloadOptions {
  readonly agents: number;
  readonly supervisors: number;
  /** Engine events to record (the replay cycles through them). */
  readonly events: number;
  readonly seed: number;
}

/** Who listens: connection i < agents is agent a(i+1) on agent:me; the rest are supervisors. */
export const SUPERVISOR_TOPICS = ['agents', 'queues', 'contacts'] as const;

export interface Workload {
  readonly config: EngineConfig;
  readonly engine: Engine;
  readonly directory: ScopeDirectory;
  readonly events: readonly EngineEvent[];
  /** Per event: the connections it goes to and, beside each, the topic as that connection wrote it (JSON). */
  readonly recipients: readonly (readonly number[])[];
  readonly topics: readonly (readonly string[])[];
  readonly principals: readonly Principal[];
  /** Deliveries per replayed event, on average. */
  readonly deliveriesPerEvent: number;
}

export function recordWorkload(o: WorkloadOptions): Workload {
  const base = simulationConfig({
    ...SIMULATION_DEFAULTS,
    agents: o.agents,
    queues: o.supervisors,
    membership: 'split',
    wrapupMs: 5000,
  });
  const config: EngineConfig = {
    ...base,
    agents: base.agents.map((a, i) => ({ ...a, groups: [`g${(i % o.supervisors) + 1}`] })),
  };
  const clock = new VirtualClock(SIMULATION_START);
  const events: EngineEvent[] = [];
  const bus = new InMemoryEventBus();
  const telephony = new SimTelephony({
    clock,
    random: seededRandom(o.seed),
    behaviour: {
      answerDelay: { kind: 'uniform', minMs: 1000, maxMs: 4000 },
      talk: { kind: 'exponential', meanMs: 60_000 },
      patience: { kind: 'exponential', meanMs: 90_000 },
      callerEndsShare: 0.5,
      remoteAnswerDelay: { kind: 'fixed', ms: 2000 },
    },
  });
  const engine = unwrap(
    Engine.create(
      {
        clock,
        ids: new SequentialIds(),
        bus,
        store: new InMemoryStore({ keepLogs: false }),
        telephony,
        random: seededRandom(o.seed + 1),
      },
      config,
    ),
  );
  for (const agent of config.agents) unwrap(engine.login(agent.id, null));
  bus.subscribe((event) => events.push(event));
  // About one call a minute per agent keeps most of them busy (a minute's talk, a few seconds' ringing and wrap-up).
  const perQueue = (o.agents * 0.9) / o.supervisors;
  const traffic = startTraffic({
    clock,
    random: seededRandom(o.seed + 2),
    telephony,
    streams: config.dialPlan.map((d) => ({ dialedNumber: d.number, arrivalsPerMinute: perQueue })),
    start: clock.now(),
    end: clock.now() + 86_400_000,
  });
  while (events.length < o.events) clock.advanceBy(1000);
  traffic.stop();
  events.length = o.events;

  const groups = new Map(config.agents.map((a) => [a.id, a.groups ?? []]));
  const directory: ScopeDirectory = { groupsOf: (agentId) => groups.get(agentId) ?? [] };
  const principals: Principal[] = [
    ...config.agents.map((a): Principal => ({ userId: a.id, role: 'agent' })),
    ...Array.from(
      { length: o.supervisors },
      (_, s): Principal => ({
        userId: `sup${s + 1}`,
        role: 'supervisor',
        scope: { queues: [`q${s + 1}`], agentGroups: [`g${s + 1}`] },
      }),
    ),
  ];
  const agentIndex = new Map(config.agents.map((a, i) => [a.id, i]));
  const viewers = principals.slice(o.agents).map(viewerOf);
  const recipients: number[][] = [];
  const topics: string[][] = [];
  let deliveries = 0;
  for (const event of events) {
    const to: number[] = [];
    const named: string[] = [];
    const wire = wireEventOf(event);
    if (wire !== null) {
      const concrete = eventTopics(wire);
      for (const topic of concrete) {
        const i = topic.startsWith('agent:') ? agentIndex.get(topic.slice(6)) : undefined;
        if (i !== undefined && !to.includes(i)) {
          to.push(i);
          named.push('"agent:me"');
        }
      }
      const broad = concrete.find((t) => (SUPERVISOR_TOPICS as readonly string[]).includes(t));
      if (broad !== undefined) {
        viewers.forEach((viewer, s) => {
          if (!canSeeWire(viewer, wire, directory)) return;
          to.push(o.agents + s);
          named.push(JSON.stringify(broad));
        });
      }
    }
    deliveries += to.length;
    recipients.push(to);
    topics.push(named);
  }
  return {
    config,
    engine,
    directory,
    events,
    recipients,
    topics,
    principals,
    deliveriesPerEvent: deliveries / events.length,
  };
}
