// Configuration changes while the contact center runs: each one is written to the database first
// (which validates it and checks its references), then applied to the running engine. When the
// engine refuses, the database write is undone, so the database and the engine never disagree.
// Changes are serialised: the database write is asynchronous, and two interleaved changes could
// otherwise reach the engine in another order than the database.
import {
  type AgentId,
  fail,
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

/** The fields of an agent that change (a field present replaces the stored one); the id never does. */
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

  groupsOf(agentId: AgentId): readonly string[] {
    return this.#groups.get(agentId) ?? [];
  }

  createAgent(input: AgentInput): Promise<Result<AgentRecord>> {
    return this.#serial(async () => {
      const created = await this.#applied(
        await this.#persistence.agents.create(input),
        (agent) => this.#engine.addAgent(engineAgent(agent)),
        () => this.#persistence.agents.delete(input.id),
      );
      if (created.ok) this.#groups.set(input.id, created.value.groups);
      return created;
    });
  }

  updateAgent(agentId: AgentId, changes: AgentChanges): Promise<Result<AgentRecord>> {
    return this.#serial(async () => {
      const before = await this.#persistence.agents.get(agentId);
      if (before === undefined) return fail('unknown_agent', `no agent '${agentId}'`, { agentId });
      const updated = await this.#applied(
        await this.#persistence.agents.update({ ...before, ...changes, id: agentId }),
        (agent) => this.#engine.updateAgent(engineAgent(agent)),
        () => this.#persistence.agents.update(before),
      );
      if (updated.ok) this.#groups.set(agentId, updated.value.groups);
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
      const deleted = await this.#applied(
        await this.#persistence.agents.delete(agentId),
        () => this.#engine.removeAgent(agentId),
        () => this.#recreate(() => this.#persistence.agents.create(before), memberships),
      );
      if (deleted.ok) this.#groups.delete(agentId);
      return deleted;
    });
  }

  createQueue(queue: QueueConfig): Promise<Result<QueueConfig>> {
    return this.#serial(async () =>
      this.#applied(
        await this.#persistence.queues.create(queue),
        (created) => this.#engine.upsertQueue(created),
        () => this.#persistence.queues.delete(queue.id),
      ),
    );
  }

  replaceQueue(queue: QueueConfig): Promise<Result<QueueConfig>> {
    return this.#serial(async () => {
      const before = await this.#persistence.queues.get(queue.id);
      if (before === undefined) return fail('unknown_queue', `no queue '${queue.id}'`, { queueId: queue.id });
      return this.#applied(
        await this.#persistence.queues.update(queue),
        (updated) => this.#engine.upsertQueue(updated),
        () => this.#persistence.queues.update(before),
      );
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
      return this.#applied(
        await this.#persistence.queues.delete(queueId),
        () => this.#engine.removeQueue(queueId),
        () => this.#recreate(() => this.#persistence.queues.create(before), memberships),
      );
    });
  }

  /** Adds the agent to the queue, or changes its penalty. */
  setMembership(membership: MembershipConfig): Promise<Result<MembershipConfig>> {
    return this.#serial(async () => {
      const { agentId, queueId } = membership;
      const before = await this.#membership(agentId, queueId);
      return this.#applied(
        await this.#persistence.memberships.set(membership),
        (set) => this.#engine.setMembership(set),
        () =>
          before === undefined
            ? this.#persistence.memberships.remove(agentId, queueId)
            : this.#persistence.memberships.set(before),
      );
    });
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = await this.#membership(agentId, queueId);
      return this.#applied(
        await this.#persistence.memberships.remove(agentId, queueId),
        () => this.#engine.removeMembership(agentId, queueId),
        async () => before !== undefined && (await this.#persistence.memberships.set(before)),
      );
    });
  }

  async #membership(agentId: AgentId, queueId: QueueId): Promise<MembershipConfig | undefined> {
    return (await this.#persistence.memberships.ofAgent(agentId)).find((m) => m.queueId === queueId);
  }

  /** Creates the number's entry or replaces it. */
  setDialPlanEntry(entry: DialPlanEntry): Promise<Result<DialPlanEntry>> {
    return this.#serial(async () => {
      const before = await this.#persistence.dialPlan.get(entry.number);
      return this.#applied(
        before === undefined
          ? await this.#persistence.dialPlan.create(entry)
          : await this.#persistence.dialPlan.update(entry),
        (stored) => this.#engine.setDialPlanEntry(stored),
        () =>
          before === undefined
            ? this.#persistence.dialPlan.delete(entry.number)
            : this.#persistence.dialPlan.update(before),
      );
    });
  }

  removeDialPlanEntry(number: string): Promise<Result<void>> {
    return this.#serial(async () => {
      const before = await this.#persistence.dialPlan.get(number);
      return this.#applied(
        await this.#persistence.dialPlan.delete(number),
        () => this.#engine.removeDialPlanEntry(number),
        async () => before !== undefined && (await this.#persistence.dialPlan.create(before)),
      );
    });
  }

  /** Appended to the catalogue; a system reason's code (no_answer, disconnected, restart) is taken. */
  createPauseReason(reason: PauseReason): Promise<Result<PauseReason>> {
    return this.#changeReason('create', reason.code, reason) as Promise<Result<PauseReason>>;
  }

  updatePauseReason(reason: PauseReason): Promise<Result<PauseReason>> {
    return this.#changeReason('update', reason.code, reason) as Promise<Result<PauseReason>>;
  }

  deletePauseReason(code: string): Promise<Result<void>> {
    return this.#changeReason('delete', code) as Promise<Result<void>>;
  }

  /** The engine's catalogue is replaced whole; system reasons cannot change (conflict). */
  #changeReason(op: 'create' | 'update' | 'delete', code: string, reason?: PauseReason) {
    const r = this.#persistence.pauseReasons;
    return this.#serial(async (): Promise<Result<unknown>> => {
      if (op === 'create' && this.#engine.pauseReasons.get(code) !== undefined) {
        return fail('already_exists', `pause reason '${code}' exists`, { reason: code });
      }
      if (op !== 'create' && SYSTEM_CODES.has(code)) {
        return fail('conflict', `'${code}' is a system pause reason: it cannot change`, { reason: code });
      }
      await this.#storeRunningCatalogue();
      const before = (await r.list()).find((stored) => stored.code === code);
      const written = op === 'delete' ? await r.delete(code) : await r[op](reason!);
      const reasons = [...(await r.list())];
      // Undo: a created reason goes, a changed or removed one comes back as it was.
      const undo = () =>
        op === 'create' ? r.delete(code) : op === 'update' ? r.update(before!) : r.create(before!);
      return this.#applied<unknown>(written, () => this.#engine.setPauseReasons(reasons), undo);
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

  /** Puts a deleted agent or queue back, with the memberships that went with it. */
  async #recreate(create: () => Promise<Result<unknown>>, memberships: readonly MembershipConfig[]) {
    const created = await create();
    for (const m of memberships) if (created.ok) await this.#persistence.memberships.set(m);
    return created;
  }

  /** Runs changes one after the other, in the order they were asked for. */
  #serial<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(change, change);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /**
   * A database write that succeeded is applied to the engine; when the engine refuses, `undo` puts
   * the database back and the engine's reason is passed on.
   */
  async #applied<T>(
    written: Result<T>,
    apply: (value: T) => Result<void>,
    undo: () => Promise<unknown>,
  ): Promise<Result<T>> {
    if (!written.ok) return written;
    const applied = apply(written.value);
    if (applied.ok) return written;
    const restored = (await undo()) as Result<unknown> | boolean;
    if (typeof restored !== 'object' || restored.ok) return applied;
    return fail('internal', 'the engine refused a change and the database could not be restored', {
      refused: applied.error.toJSON(),
      restore: restored.error.toJSON(),
    });
  }
}

function engineAgent(record: AgentRecord) {
  return { id: record.id, name: record.name, skills: record.skills, groups: record.groups };
}
