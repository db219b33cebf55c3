import assert from 'node:assert/strict';
import {
  type AgentId,
  type AgentState,
  type AgentStats,
  type Contact,
  type ContactId,
  type QueueConfig,
  type QueueId,
  type QueueLogEvent,
  type QueueSnapshot,
  type Result,
  unwrap,
  queueWithDefaults,
} from '@switchboard/core';
import { InMemoryEventBus } from '../bus/in-memory-event-bus.ts';
import { VirtualClock } from '../clock/virtual-clock.ts';
import type { ContactRecord } from '../contact-record.ts';
import { Engine } from '../engine.ts';
import type { AgentConfig, DialPlanEntry, EngineConfig, MembershipConfig } from '../engine-config.ts';
import type { EngineEvent } from '../engine-events.ts';
import { SequentialIds } from '../ids/sequential-ids.ts';
import { InMemoryStore } from '../store/in-memory-store.ts';
import { ScriptedTelephony } from './scripted-telephony.ts';

/** A fixed Monday 09:00 UTC: every scenario starts here. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A queue that refuses nobody and times nothing out; a scenario overrides what it is about. */
export function queueConfig(id: QueueId, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return queueWithDefaults(id, { name: `Queue ${id}`, ...overrides });
}

export interface HarnessConfig {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly (AgentId | AgentConfig)[];
  /** [agent, queue, penalty]; penalty defaults to 0. */
  readonly members: readonly (readonly [AgentId, QueueId, number?])[];
  /** Defaults to one number per queue: the queue id itself. */
  readonly dialPlan?: readonly DialPlanEntry[];
  readonly random?: () => number;
}

function engineConfigOf(config: HarnessConfig): EngineConfig {
  const agents = config.agents.map((a): AgentConfig => (typeof a === 'string' ? { id: a, name: a } : a));
  const memberships = config.members.map(
    ([agentId, queueId, penalty]): MembershipConfig => ({ agentId, queueId, penalty: penalty ?? 0 }),
  );
  const dialPlan =
    config.dialPlan ??
    config.queues.map(
      (q): DialPlanEntry => ({ number: q.id, destination: { kind: 'queue', queueId: q.id } }),
    );
  return { queues: config.queues, agents, memberships, dialPlan };
}

/** Everything a fingerprint compares to show that a refused command changed nothing. */
export interface Fingerprint {
  readonly agents: readonly (AgentState | undefined)[];
  readonly contacts: readonly (Contact | undefined)[];
  readonly records: number;
  readonly queueLog: number;
  readonly agentLog: number;
  readonly requests: number;
  readonly events: number;
  readonly timers: number;
}

/**
 * An engine on a virtual clock with sequential ids, the in-memory store and bus, and a scripted
 * switch. Every event the engine publishes is kept in `events`, in order.
 */
export class Harness {
  readonly clock = new VirtualClock(T0);
  readonly store = new InMemoryStore();
  readonly bus = new InMemoryEventBus((error) => {
    throw error;
  });
  readonly telephony = new ScriptedTelephony();
  readonly events: EngineEvent[] = [];
  readonly engine: Engine;
  readonly config: EngineConfig;
  private readonly contactIds = new Set<ContactId>();

  /** A scenario's short form (agents by id, [agent, queue, penalty] members), or a full engine config. */
  constructor(config: HarnessConfig | EngineConfig) {
    this.bus.subscribe((event) => {
      this.events.push(event);
      if (event.type === 'contact.changed') this.contactIds.add(event.contact.id);
    });
    this.config = 'memberships' in config ? config : engineConfigOf(config);
    this.engine = unwrap(
      Engine.create(
        {
          clock: this.clock,
          ids: new SequentialIds(),
          bus: this.bus,
          store: this.store,
          telephony: this.telephony,
          random: ('random' in config ? config.random : undefined) ?? (() => 0),
        },
        this.config,
      ),
    );
  }

  /** Contacts the engine still holds, in the order they appeared. */
  liveContactIds(): ContactId[] {
    return [...this.contactIds].filter((id) => this.engine.contact(id) !== undefined);
  }

  /** Runs what is due now (routing passes are coalesced onto the next turn of the clock). */
  flush(): void {
    this.clock.advanceBy(0);
  }

  advance(ms: number): void {
    this.clock.advanceBy(ms);
  }

  /** Logs the agents in Ready, one millisecond apart so their idle order is the order given. */
  ready(...agentIds: AgentId[]): void {
    for (const agentId of agentIds) {
      unwrap(this.engine.login(agentId, `ext-${agentId}`));
      this.advance(1);
    }
  }

  /** A customer calls `dialed`; returns the contact id (the call must be taken). */
  call(dialed: string, options: { priority?: number; attached?: [string, string][] } = {}): ContactId {
    const id = this.telephony.sink.inboundCall({
      customerNumber: '+15550100',
      dialedNumber: dialed,
      ...options,
    });
    assert.ok(id !== null, `the dial plan takes ${dialed}`);
    this.flush();
    return id;
  }

  state(agentId: AgentId): AgentState {
    const state = this.engine.agentState(agentId);
    assert.ok(state !== undefined, `agent ${agentId} exists`);
    return state;
  }

  /** The agent state's name, with the pause reason for Paused (e.g. `Paused(no_answer)`). */
  show(agentId: AgentId): string {
    const state = this.state(agentId);
    return state.name === 'Paused' ? `Paused(${state.reason})` : state.name;
  }

  phase(contactId: ContactId): string {
    return this.engine.contact(contactId)?.phase ?? 'gone';
  }

  /** The one record of a contact (asserts there is exactly one). */
  record(contactId: ContactId): ContactRecord {
    const records = this.store.contactRecords.filter((r) => r.contactId === contactId);
    assert.equal(records.length, 1, `exactly one record for ${contactId}`);
    return records[0]!;
  }

  /** Queue log lines, optionally of one queue and one contact. */
  log(queueId?: QueueId, contactId?: ContactId): QueueLogEvent[] {
    return this.store.queueLog.filter(
      (e) =>
        (queueId === undefined || e.queueId === queueId) &&
        (contactId === undefined || e.contactId === contactId),
    );
  }

  /** The types of a queue's log lines (for one contact when given), in order. */
  logTypes(queueId: QueueId, contactId?: ContactId): string[] {
    return this.log(queueId, contactId).map((e) => e.type);
  }

  snapshot(queueId: QueueId): QueueSnapshot {
    return unwrap(this.engine.queueSnapshot(queueId));
  }

  agentStats(agentId: AgentId): AgentStats {
    return unwrap(this.engine.agentStats(agentId));
  }

  fingerprint(): Fingerprint {
    return {
      agents: this.engine.agentIds().map((id) => this.engine.agentState(id)),
      contacts: [...this.contactIds].map((id) => this.engine.contact(id)),
      records: this.store.contactRecords.length,
      queueLog: this.store.queueLog.length,
      agentLog: this.store.agentLog.length,
      requests: this.telephony.requests.length,
      events: this.events.length,
      timers: this.clock.pending,
    };
  }

  /** Runs a command that must be refused with `code`, and checks that it changed nothing at all. */
  refused(code: string, command: () => Result<unknown>): void {
    const before = this.fingerprint();
    const result = command();
    assert.equal(result.ok ? 'accepted' : result.error.code, code);
    assert.deepEqual(this.fingerprint(), before, `a refused command (${code}) changes nothing`);
  }
}
