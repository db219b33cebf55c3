import {
  type AgentId,
  type AgentState,
  type AgentStats,
  type Contact,
  type ContactId,
  createInboundContact,
  createPauseReasonCatalog,
  DEFAULT_PAUSE_REASONS,
  fail,
  ok,
  type PauseReason,
  type PauseReasonCatalog,
  type QueueConfig,
  type QueueId,
  type QueueSnapshot,
  type Result,
  Router,
  type RouterPort,
  unwrap,
  validateQueueConfig,
  type WaitEstimate,
} from '@switchboard/core';
import { Acd } from './acd.ts';
import { AgentBook } from './agent-book.ts';
import { CallCommands } from './call-commands.ts';
import { CallHandling } from './call-handling.ts';
import { ContactBook } from './contact-book.ts';
import type { AgentConfig, DialPlanEntry, EngineConfig, MembershipConfig } from './engine-config.ts';
import type { EngineContext } from './engine-context.ts';
import { KeyedTimers } from './keyed-timers.ts';
import { LiveConfig } from './live-config.ts';
import { shutdownContacts } from './shutdown.ts';
import type { Clock } from './ports/clock.ts';
import type { EventBus } from './ports/event-bus.ts';
import type { Ids } from './ports/ids.ts';
import type { Store } from './ports/store.ts';
import type { InboundCall, Telephony, TelephonySink } from './ports/telephony.ts';
import { QueueBook } from './queue-book.ts';
import { queueSnapshotOf, waitEstimateOf } from './queue-figures.ts';
import { Wrapups } from './wrapups.ts';

export interface EngineDeps {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly bus: EventBus;
  readonly store: Store;
  readonly telephony: Telephony;
  /** The only randomness of routing (random strategies); seeded in simulations. */
  readonly random: () => number;
  /** Defaults to core's indexed Router; the naive one is passed by benchmarks and oracles. */
  readonly router?: RouterPort;
}

/**
 * The application: applies core's decisions and runs their effects through the ports. Commands
 * return a Result: a refused command names its reason and changes nothing. Telephony reports facts
 * through the TelephonySink methods.
 */
export class Engine implements TelephonySink {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  private readonly calls: CallHandling;
  private readonly wrapups: Wrapups;
  readonly commands: CallCommands;
  private readonly live: LiveConfig;

  private constructor(deps: EngineDeps, catalog: PauseReasonCatalog) {
    const router = deps.router ?? new Router({ random: deps.random });
    const queues = new QueueBook(deps.store, deps.bus);
    const contacts = new ContactBook(deps.store, deps.bus);
    const timers = new KeyedTimers(deps.clock);
    // The agent book calls back into the ACD, which needs the context: late-bound through closures.
    let acd: Acd | null = null;
    const agents = new AgentBook({
      router,
      catalog,
      clock: deps.clock,
      bus: deps.bus,
      store: deps.store,
      onAvailable: () => acd?.scheduleRoute(),
      onUnavailable: () => acd?.overflow.checkLeaveWhenEmpty(),
    });
    this.ctx = { ...deps, router, agents, contacts, queues, timers };
    acd = new Acd(this.ctx);
    this.acd = acd;
    this.wrapups = new Wrapups(this.ctx);
    this.calls = new CallHandling(this.ctx, acd, this.wrapups);
    this.commands = new CallCommands(this.ctx, acd, this.calls, this.wrapups);
    this.live = new LiveConfig(this.ctx, acd);
    // Agent statistics follow the queue log lines that name them.
    deps.bus.subscribe((event) => {
      if (event.type === 'queue.log') agents.noteQueueEvent(event.entry);
    });
    deps.telephony.attach(this);
  }

  /** Validates the whole configuration first: an engine is built complete or not at all. */
  static create(deps: EngineDeps, config: EngineConfig): Result<Engine> {
    const catalog = createPauseReasonCatalog(config.pauseReasons ?? DEFAULT_PAUSE_REASONS);
    if (!catalog.ok) return catalog;
    for (const queue of config.queues) {
      const valid = validateQueueConfig(queue);
      if (!valid.ok) return valid;
    }
    const engine = new Engine(deps, catalog.value);
    const loaded = engine.load(config);
    return loaded.ok ? ok(engine) : loaded;
  }

  private load(config: EngineConfig): Result<void> {
    const { router, queues, agents } = this.ctx;
    for (const queue of config.queues) {
      const added = router.upsertQueue(queue);
      if (!added.ok) return added;
      unwrap(queues.upsert(queue));
    }
    for (const agent of config.agents) {
      const added = agents.add(agent);
      if (!added.ok) return added;
    }
    for (const m of config.memberships) {
      if (agents.get(m.agentId) === undefined)
        return fail('unknown_agent', `membership names agent ${m.agentId}`, { ...m });
      const set = router.setMembership(m.agentId, m.queueId, m.penalty);
      if (!set.ok) return set;
      queues.addMember(m.queueId, m.agentId);
    }
    for (const entry of config.dialPlan) {
      if (this.live.dialPlan.has(entry.number))
        return fail('already_exists', `dial plan number ${entry.number} twice`, { ...entry });
      if (entry.destination.kind === 'queue' && queues.config(entry.destination.queueId) === undefined) {
        return fail('unknown_queue', `dial plan ${entry.number} names queue ${entry.destination.queueId}`, {
          ...entry,
        });
      }
      this.live.dialPlan.set(entry.number, entry);
    }
    return ok(undefined);
  }

  /** The pause reasons agents may use now. */
  get pauseReasons(): PauseReasonCatalog {
    return this.ctx.agents.catalog;
  }

  // ---- live configuration (the server writes the database first) ---------------------------

  addAgent(config: AgentConfig): Result<void> {
    return this.live.addAgent(config);
  }

  updateAgent(config: AgentConfig): Result<void> {
    return this.live.updateAgent(config);
  }

  removeAgent(agentId: AgentId): Result<void> {
    return this.live.removeAgent(agentId);
  }

  upsertQueue(config: QueueConfig): Result<void> {
    return this.live.upsertQueue(config);
  }

  removeQueue(queueId: QueueId): Result<void> {
    return this.live.removeQueue(queueId);
  }

  setMembership(membership: MembershipConfig): Result<void> {
    return this.live.setMembership(membership);
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Result<void> {
    return this.live.removeMembership(agentId, queueId);
  }

  setDialPlanEntry(entry: DialPlanEntry): Result<void> {
    return this.live.setDialPlanEntry(entry);
  }

  removeDialPlanEntry(number: string): Result<void> {
    return this.live.removeDialPlanEntry(number);
  }

  setPauseReasons(reasons: readonly PauseReason[]): Result<void> {
    return this.live.setPauseReasons(reasons);
  }

  /**
   * Graceful stop: every contact still in progress ends 'interrupted' (its record is written) and no
   * timer is left. Agents keep their states; a persistent store brings them back Paused next start.
   */
  shutdown(): void {
    shutdownContacts(this.ctx, this.acd);
  }

  // ---- agent commands ----------------------------------------------------------------------

  login(agentId: AgentId, extension: string | null, pauseReason?: string): Result<AgentState> {
    return this.ctx.agents.apply(
      agentId,
      pauseReason === undefined ? { type: 'login', extension } : { type: 'login', extension, pauseReason },
    );
  }

  ready(agentId: AgentId): Result<AgentState> {
    return this.ctx.agents.apply(agentId, { type: 'ready' });
  }

  pause(agentId: AgentId, reason: string): Result<AgentState> {
    return this.ctx.agents.apply(agentId, { type: 'pause', reason });
  }

  logout(agentId: AgentId): Result<AgentState> {
    return this.ctx.agents.apply(agentId, { type: 'logout' });
  }

  /** The agent's connection has been gone past the grace period (a Ready agent goes Paused). */
  disconnected(agentId: AgentId): Result<AgentState> {
    return this.ctx.agents.apply(agentId, { type: 'disconnect' });
  }

  extendWrapup(agentId: AgentId, seconds: number): Result<AgentState> {
    const next = this.ctx.agents.apply(agentId, { type: 'extendWrapup', seconds });
    if (next.ok && next.value.wrapupEndsAt !== null) this.wrapups.armTimer(agentId, next.value.wrapupEndsAt);
    return next;
  }

  /** Ends the wrap-up now, into Ready (or the pending state), or into a pause when a reason is given. */
  endWrapup(agentId: AgentId, pauseReason?: string): Result<AgentState> {
    const next = this.ctx.agents.apply(
      agentId,
      pauseReason === undefined ? { type: 'endWrapup' } : { type: 'endWrapupIntoPause', reason: pauseReason },
    );
    if (next.ok) this.wrapups.ended(agentId);
    return next;
  }

  // ---- telephony facts (TelephonySink) -----------------------------------------------------

  inboundCall(call: InboundCall): ContactId | null {
    const entry = this.live.dialPlan.get(call.dialedNumber);
    if (entry === undefined) return null;
    const now = this.ctx.clock.now();
    const created = createInboundContact({
      id: this.ctx.ids.next('contact'),
      customerNumber: call.customerNumber,
      dialedNumber: call.dialedNumber,
      at: now,
      priority: call.priority ?? entry.priority ?? 0,
      attached: call.attached ?? [],
    });
    if (!created.ok) return null;
    const contact = this.ctx.contacts.add(created.value);
    this.acd.overflow.sendTo(contact, entry.destination, now, 'refused');
    return created.value.contact.id;
  }

  customerHangup(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const phase = entry.contact.phase;
    if (this.commands.dials.isDialing(entry)) this.commands.dials.declined(entry);
    else if (phase === 'queued' || phase === 'offered') this.acd.abandon(entry, this.ctx.clock.now());
    else if (phase === 'connected') this.calls.ended(entry, 'caller');
  }

  agentAnswered(contactId: ContactId, agentId: AgentId): void {
    const entry = this.ctx.contacts.get(contactId);
    const answered = entry === undefined ? null : this.calls.answered(entry, agentId);
    // The network says this phone picked up a call we no longer offer: release that leg.
    if (answered === null || !answered.ok) this.ctx.telephony.cancelOffer(contactId, agentId);
  }

  agentRejected(contactId: ContactId, agentId: AgentId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry !== undefined) this.acd.rejected(entry, agentId, this.ctx.clock.now());
  }

  agentHangup(contactId: ContactId, agentId: AgentId): void {
    // Only an agent bound to this contact: a late report about an earlier call changes nothing.
    if (this.ctx.agents.get(agentId)?.state.contactId === contactId) this.commands.agentLeft(agentId, false);
  }

  dialAnswered(contactId: ContactId): void {
    this.commands.dials.answered(contactId);
  }

  dialFailed(contactId: ContactId, _cause: string): void {
    this.commands.dials.failed(contactId);
  }

  consultAnswered(contactId: ContactId): void {
    this.commands.consults.answered(contactId);
  }

  consultFailed(contactId: ContactId, _cause: string): void {
    this.commands.consults.failed(contactId);
  }

  dtmfReceived(contactId: ContactId, digits: string): void {
    this.commands.dtmfReceived(contactId, digits);
  }

  // ---- queries -----------------------------------------------------------------------------

  agentState(agentId: AgentId): AgentState | undefined {
    return this.ctx.agents.get(agentId)?.state;
  }

  agentIds(): AgentId[] {
    return [...this.ctx.agents.all()].map((a) => a.config.id);
  }

  agentStats(agentId: AgentId): Result<AgentStats> {
    const entry = this.ctx.agents.require(agentId);
    return entry.ok ? ok(entry.value.stats.stats(this.ctx.clock.now())) : entry;
  }

  contact(contactId: ContactId): Contact | undefined {
    return this.ctx.contacts.get(contactId)?.contact;
  }

  /** Every contact in progress, oldest arrival first (a copy: the caller may keep it). */
  liveContactList(): Contact[] {
    return [...this.ctx.contacts.all()]
      .map((entry) => entry.contact)
      .sort((a, b) => a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : 1));
  }

  get liveContacts(): number {
    return this.ctx.contacts.size;
  }

  queueIds(): QueueId[] {
    return this.ctx.queues.ids();
  }

  /** Live queue statistics: totals since start, waiting, agents by state, EWT for a new arrival. */
  queueSnapshot(queueId: QueueId): Result<QueueSnapshot> {
    return queueSnapshotOf(this.ctx, queueId);
  }

  /** Position (1-based) and EWT of a waiting contact. */
  waitEstimate(contactId: ContactId): Result<WaitEstimate> {
    return waitEstimateOf(this.ctx, contactId);
  }
}
