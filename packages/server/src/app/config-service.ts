// Configuration changes while the contact center runs: each one is written to the database first
// (which validates it and checks its references), then applied to the running engine. When the
// engine refuses, the database write is undone, so the database and the engine never disagree.
// Changes are serialised: the database write is asynchronous, and two interleaved changes could
// otherwise reach the engine in another order than the database.
import {
  type AgentId,
  fail,
  ok,
  type PauseReason,
  type QueueConfig,
  type QueueId,
  type Result,
  SYSTEM_PAUSE_REASONS,
} from '@switchboard/core';
import type { DialPlanEntry, Engine, MembershipConfig } from '@switchboard/engine';
import type { AgentInput } from '../persistence/agent-repository.ts';
import type { AgentRecord } from '../persistence/config-records.ts';
import type { Persistence } from '../persistence/persistence.ts';
import type { ScopeDirectory } from '../scope/viewer.ts';

export interface ConfigServiceDeps {
  readonly persistence: Persistence;
  readonly engine: Engine;
}

/** The fields of an agent that may change; the id never does. */
export type AgentChanges = Partial<Omit<AgentInput, 'id'>>;

const SYSTEM_CODES = new Set(SYSTEM_PAUSE_REASONS.map((r) => r.code));

/**
 * Also the role filter's ScopeDirectory: it knows every agent's groups, kept current by its own
 * writes, so a supervisor's scope follows an agent moved to another group at once.
 */
export class ConfigService implements ScopeDirectory {
  readonly #persistence: Persistence;
  readonly #engine: Engine;
  readonly #groups: Map<AgentId, readonly string[]>;
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * `groups` is every agent's groups as the engine was configured; the service keeps it current, so
   * a directory that reads the same map follows every change.
   */
  constructor(deps: ConfigServiceDeps, groups: Map<AgentId, readonly string[]> = new Map()) {
    this.#persistence = deps.persistence;
    this.#engine = deps.engine;
    this.#groups = groups;
  }

  /** A service whose groups are read from the database (the engine was built from the same rows). */
  static async open(deps: ConfigServiceDeps): Promise<ConfigService> {
    const groups = new Map<AgentId, readonly string[]>();
    for (const agent of await deps.persistence.agents.list()) groups.set(agent.id, agent.groups);
    return new ConfigService(deps, groups);
  }

  groupsOf(agentId: AgentId): readonly string[] {
    return this.#groups.get(agentId) ?? [];
  }

  // ---- agents ------------------------------------------------------------------------------

  createAgent(input: AgentInput): Promise<Result<AgentRecord>> {
    return this.#serial(async () => {
      const created = await this.#persistence.agents.create(input);
      if (!created.ok) return created;
      const applied = this.#engine.addAgent(engineAgent(created.value));
      if (!applied.ok) return this.#undo(applied, () => this.#persistence.agents.delete(created.value.id));
      this.#groups.set(created.value.id, created.value.groups);
      return created;
    });
  }

  updateAgent(agentId: AgentId, changes: AgentChanges): Promise<Result<AgentRecord>> {
    return this.#serial(async () => {
      const before = await this.#persistence.agents.get(agentId);
      if (before === undefined) return fail('unknown_agent', `no agent '${agentId}'`, { agentId });
      const updated = await this.#persistence.agents.update({ ...before, ...defined(changes), id: agentId });
      if (!updated.ok) return updated;
      const applied = this.#engine.updateAgent(engineAgent(updated.value));
      if (!applied.ok) return this.#undo(applied, () => this.#persistence.agents.update(before));
      this.#groups.set(agentId, updated.value.groups);
      return updated;
    });
  }

  /** conflict unless the agent is logged out (checked before anything is written). */
  deleteAgent(agentId: AgentId): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = await this.#persistence.agents.get(agentId);
      if (before === undefined) return fail('unknown_agent', `no agent '${agentId}'`, { agentId });
      const state = this.#engine.agentState(agentId);
      if (state !== undefined && state.name !== 'LoggedOut') {
        return fail('conflict', `agent '${agentId}' is ${state.name}: log it out first`, { agentId });
      }
      const memberships = await this.#persistence.memberships.ofAgent(agentId);
      const deleted = await this.#persistence.agents.delete(agentId);
      if (!deleted.ok) return deleted;
      const applied = this.#engine.removeAgent(agentId);
      if (!applied.ok) {
        return this.#undo(applied, async () => {
          await this.#persistence.agents.create(before);
          for (const m of memberships) await this.#persistence.memberships.set(m);
        });
      }
      this.#groups.delete(agentId);
      return ok(undefined);
    });
  }

  // ---- queues ------------------------------------------------------------------------------

  createQueue(queue: QueueConfig): Promise<Result<QueueConfig>> {
    return this.#serial(async () => {
      const created = await this.#persistence.queues.create(queue);
      if (!created.ok) return created;
      const applied = this.#engine.upsertQueue(created.value);
      if (!applied.ok) return this.#undo(applied, () => this.#persistence.queues.delete(queue.id));
      return created;
    });
  }

  replaceQueue(queue: QueueConfig): Promise<Result<QueueConfig>> {
    return this.#serial(async () => {
      const before = await this.#persistence.queues.get(queue.id);
      if (before === undefined) return fail('unknown_queue', `no queue '${queue.id}'`, { queueId: queue.id });
      const updated = await this.#persistence.queues.update(queue);
      if (!updated.ok) return updated;
      const applied = this.#engine.upsertQueue(updated.value);
      if (!applied.ok) return this.#undo(applied, () => this.#persistence.queues.update(before));
      return updated;
    });
  }

  /** conflict while contacts wait in the queue (checked before anything is written). */
  deleteQueue(queueId: QueueId): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = await this.#persistence.queues.get(queueId);
      if (before === undefined) return fail('unknown_queue', `no queue '${queueId}'`, { queueId });
      const snapshot = this.#engine.queueSnapshot(queueId);
      if (snapshot.ok && snapshot.value.waiting > 0) {
        return fail('conflict', `${snapshot.value.waiting} contacts wait in queue '${queueId}'`, { queueId });
      }
      const memberships = await this.#persistence.memberships.ofQueue(queueId);
      const deleted = await this.#persistence.queues.delete(queueId);
      if (!deleted.ok) return deleted;
      const applied = this.#engine.removeQueue(queueId);
      if (!applied.ok) {
        return this.#undo(applied, async () => {
          await this.#persistence.queues.create(before);
          for (const m of memberships) await this.#persistence.memberships.set(m);
        });
      }
      return ok(undefined);
    });
  }

  // ---- memberships -------------------------------------------------------------------------

  /** Adds the agent to the queue, or changes its penalty. */
  setMembership(membership: MembershipConfig): Promise<Result<MembershipConfig>> {
    return this.#serial(async () => {
      const { agentId, queueId } = membership;
      const before = (await this.#persistence.memberships.ofAgent(agentId)).find(
        (m) => m.queueId === queueId,
      );
      const set = await this.#persistence.memberships.set(membership);
      if (!set.ok) return set;
      const applied = this.#engine.setMembership(set.value);
      if (!applied.ok) {
        return this.#undo(applied, () =>
          before === undefined
            ? this.#persistence.memberships.remove(agentId, queueId)
            : this.#persistence.memberships.set(before),
        );
      }
      return set;
    });
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = (await this.#persistence.memberships.ofAgent(agentId)).find(
        (m) => m.queueId === queueId,
      );
      const removed = await this.#persistence.memberships.remove(agentId, queueId);
      if (!removed.ok) return removed;
      const applied = this.#engine.removeMembership(agentId, queueId);
      if (!applied.ok && before !== undefined) {
        return this.#undo(applied, () => this.#persistence.memberships.set(before));
      }
      return applied;
    });
  }

  // ---- dial plan ---------------------------------------------------------------------------

  /** Creates the number's entry or replaces it. */
  setDialPlanEntry(entry: DialPlanEntry): Promise<Result<DialPlanEntry>> {
    return this.#serial(async () => {
      const before = await this.#persistence.dialPlan.get(entry.number);
      const stored =
        before === undefined
          ? await this.#persistence.dialPlan.create(entry)
          : await this.#persistence.dialPlan.update(entry);
      if (!stored.ok) return stored;
      const applied = this.#engine.setDialPlanEntry(stored.value);
      if (!applied.ok) {
        return this.#undo(applied, () =>
          before === undefined
            ? this.#persistence.dialPlan.delete(entry.number)
            : this.#persistence.dialPlan.update(before),
        );
      }
      return stored;
    });
  }

  removeDialPlanEntry(number: string): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = await this.#persistence.dialPlan.get(number);
      const removed = await this.#persistence.dialPlan.delete(number);
      if (!removed.ok) return removed;
      const applied = this.#engine.removeDialPlanEntry(number);
      if (!applied.ok && before !== undefined) {
        return this.#undo(applied, () => this.#persistence.dialPlan.create(before));
      }
      return applied;
    });
  }

  // ---- pause reasons -----------------------------------------------------------------------

  /** Appended to the catalogue; a system reason's code (no_answer, disconnected, restart) is taken. */
  createPauseReason(reason: PauseReason): Promise<Result<PauseReason>> {
    return this.#serial(async () => {
      if (this.#engine.pauseReasons.get(reason.code) !== undefined) {
        return fail('already_exists', `pause reason '${reason.code}' exists`, { reason: reason.code });
      }
      await this.#storeRunningCatalogue();
      const created = await this.#persistence.pauseReasons.create(reason);
      if (!created.ok) return created;
      return this.#applyPauseReasons(created, () => this.#persistence.pauseReasons.delete(reason.code));
    });
  }

  /** System reasons cannot be changed (conflict): the engine relies on them. */
  updatePauseReason(reason: PauseReason): Promise<Result<PauseReason>> {
    return this.#serial(async () => {
      if (SYSTEM_CODES.has(reason.code)) return systemReason(reason.code);
      await this.#storeRunningCatalogue();
      const before = (await this.#persistence.pauseReasons.list()).find((r) => r.code === reason.code);
      const updated = await this.#persistence.pauseReasons.update(reason);
      if (!updated.ok || before === undefined) return updated;
      return this.#applyPauseReasons(updated, () => this.#persistence.pauseReasons.update(before));
    });
  }

  deletePauseReason(code: string): Promise<Result<void>> {
    return this.#serial(async () => {
      if (SYSTEM_CODES.has(code)) return systemReason(code);
      await this.#storeRunningCatalogue();
      const before = (await this.#persistence.pauseReasons.list()).find((r) => r.code === code);
      const deleted = await this.#persistence.pauseReasons.delete(code);
      if (!deleted.ok || before === undefined) return deleted;
      return this.#applyPauseReasons(deleted, () => this.#persistence.pauseReasons.create(before));
    });
  }

  /**
   * A database without pause reasons runs on the engine's defaults. Before the first change those
   * defaults are stored, so a new reason is added to them instead of replacing them all.
   */
  async #storeRunningCatalogue(): Promise<void> {
    if ((await this.#persistence.pauseReasons.list()).length > 0) return;
    for (const reason of this.#engine.pauseReasons.list()) {
      if (!SYSTEM_CODES.has(reason.code)) await this.#persistence.pauseReasons.create(reason);
    }
  }

  async #applyPauseReasons<T>(stored: Result<T>, undo: () => Promise<unknown>): Promise<Result<T>> {
    const applied = this.#engine.setPauseReasons([...(await this.#persistence.pauseReasons.list())]);
    return applied.ok ? stored : this.#undo(applied, undo);
  }

  // ---- machinery ---------------------------------------------------------------------------

  /** Runs changes one after the other, in the order they were asked for. */
  #serial<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(change, change);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** The engine refused: put the database back and pass the engine's reason on. */
  async #undo(
    refused: Result<unknown> & { ok: false },
    restore: () => Promise<unknown>,
  ): Promise<Result<never>> {
    const restored = await restore();
    if (isFailed(restored)) {
      return fail('internal', 'the engine refused a change and the database could not be restored', {
        refused: refused.error.toJSON(),
        restore: restored.error.toJSON(),
      });
    }
    return refused;
  }
}

function engineAgent(record: AgentRecord) {
  return { id: record.id, name: record.name, skills: record.skills, groups: record.groups };
}

function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function systemReason(code: string): Result<never> {
  return fail('conflict', `'${code}' is a system pause reason; it cannot be changed or removed`, {
    reason: code,
  });
}

function isFailed(value: unknown): value is { ok: false; error: { toJSON(): unknown } } {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
