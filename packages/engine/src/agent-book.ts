import {
  type AgentCommand,
  type AgentId,
  type AgentPresence,
  type AgentState,
  AgentStatsAccumulator,
  allowedActions,
  applyAgentCommand,
  fail,
  initialAgentState,
  ok,
  type PauseReasonCatalog,
  type QueueLogEvent,
  type Result,
  type RouterPort,
  unwrap,
} from '@switchboard/core';
import type { AgentConfig } from './engine-config.ts';
import type { Clock } from './ports/clock.ts';
import type { EventBus } from './ports/event-bus.ts';
import type { Store } from './ports/store.ts';

export interface AgentEntry {
  config: AgentConfig;
  state: AgentState;
  readonly stats: AgentStatsAccumulator;
}

/** How routing sees an agent state: only Ready is offerable; a call or its wrap-up is busy. */
export function presenceOf(state: AgentState): AgentPresence {
  switch (state.name) {
    case 'LoggedOut':
      return 'offline';
    case 'Ready':
      return 'available';
    case 'Paused':
      return 'paused';
    default:
      return 'busy';
  }
}

/**
 * The agents and their canonical states. Every change goes through `apply`, which runs core's state
 * machine, then — only if it accepted — stores the state, tells routing the presence, appends the
 * agent log (on a change of state or reason) and publishes the event with the actions allowed now.
 */
export class AgentBook {
  private readonly agents = new Map<AgentId, AgentEntry>();
  private readonly router: RouterPort;
  /** Replaced as a whole when the pause reasons are reconfigured. */
  catalog: PauseReasonCatalog;
  private readonly clock: Clock;
  private readonly bus: EventBus;
  private readonly store: Store;
  /** Called when an agent became offerable (so the engine runs a routing pass). */
  private readonly onAvailable: () => void;
  /** Called when an agent stopped being offerable in routing terms (leave-when-empty may apply). */
  private readonly onUnavailable: () => void;

  constructor(deps: {
    router: RouterPort;
    catalog: PauseReasonCatalog;
    clock: Clock;
    bus: EventBus;
    store: Store;
    onAvailable: () => void;
    onUnavailable: () => void;
  }) {
    this.router = deps.router;
    this.catalog = deps.catalog;
    this.clock = deps.clock;
    this.bus = deps.bus;
    this.store = deps.store;
    this.onAvailable = deps.onAvailable;
    this.onUnavailable = deps.onUnavailable;
  }

  add(config: AgentConfig): Result<void> {
    if (this.agents.has(config.id))
      return fail('already_exists', `agent ${config.id} exists`, { agentId: config.id });
    const now = this.clock.now();
    const entry: AgentEntry = {
      config,
      state: initialAgentState(config.id, now),
      stats: new AgentStatsAccumulator(config.id),
    };
    unwrap(entry.stats.addState({ at: now, agentId: config.id, state: 'LoggedOut', reason: null }));
    this.agents.set(config.id, entry);
    this.router.setAgentSkills(config.id, new Map(Object.entries(config.skills ?? {})));
    this.router.setAgentPresence(config.id, 'offline', now);
    return ok(undefined);
  }

  /** Name, skills and groups change at once; the agent's state and statistics stay. */
  update(config: AgentConfig): Result<void> {
    const entry = this.agents.get(config.id);
    if (entry === undefined) return fail('unknown_agent', `no agent ${config.id}`, { agentId: config.id });
    entry.config = config;
    this.router.setAgentSkills(config.id, new Map(Object.entries(config.skills ?? {})));
    return ok(undefined);
  }

  /** Only a logged-out agent can be removed: a logged-in one may be bound to a customer. */
  remove(agentId: AgentId): Result<void> {
    const entry = this.agents.get(agentId);
    if (entry === undefined) return fail('unknown_agent', `no agent ${agentId}`, { agentId });
    if (entry.state.name !== 'LoggedOut') {
      return fail('conflict', `agent ${agentId} is ${entry.state.name}; log it out first`, { agentId });
    }
    this.agents.delete(agentId);
    return ok(undefined);
  }

  get(agentId: AgentId): AgentEntry | undefined {
    return this.agents.get(agentId);
  }

  require(agentId: AgentId): Result<AgentEntry> {
    const entry = this.agents.get(agentId);
    return entry === undefined ? fail('unknown_agent', `no agent ${agentId}`, { agentId }) : ok(entry);
  }

  all(): IterableIterator<AgentEntry> {
    return this.agents.values();
  }

  /** Checks a command without applying it (for multi-part commands that must change all or nothing). */
  check(agentId: AgentId, command: AgentCommand): Result<AgentState> {
    const entry = this.require(agentId);
    if (!entry.ok) return entry;
    return applyAgentCommand(entry.value.state, command, this.clock.now(), this.catalog);
  }

  apply(agentId: AgentId, command: AgentCommand): Result<AgentState> {
    const next = this.check(agentId, command);
    if (!next.ok) return next;
    this.commit(agentId, next.value);
    return next;
  }

  /** Feeds an agent's statistics with a queue log line that names it. */
  noteQueueEvent(entry: QueueLogEvent): void {
    if (!('agentId' in entry)) return;
    const agent = this.agents.get(entry.agentId);
    if (agent !== undefined) unwrap(agent.stats.addQueueEvent(entry));
  }

  private commit(agentId: AgentId, next: AgentState): void {
    const entry = this.agents.get(agentId)!;
    const before = entry.state;
    entry.state = next;
    const now = this.clock.now();
    const presence = presenceOf(next);
    const wasPresence = presenceOf(before);
    if (presence !== wasPresence || this.router.presenceOf(agentId) !== presence) {
      this.router.setAgentPresence(agentId, presence, now);
    }
    if (before.name !== next.name || before.reason !== next.reason) {
      const log = { at: now, agentId, state: next.name, reason: next.reason };
      unwrap(entry.stats.addState(log));
      this.store.appendAgentLog(log);
      this.bus.publish({ type: 'agent.log', at: now, entry: log });
    }
    this.bus.publish({ type: 'agent.state', at: now, agentId, state: next, actions: allowedActions(next) });
    // Any move away from available, paused → offline included, can empty a queue by some rule.
    if (presence !== wasPresence) {
      if (presence === 'available') this.onAvailable();
      else this.onUnavailable();
    }
  }
}
