// Test support (not exported from core): plays a Scenario against any RouterPort and records a
// trace of everything the router answered plus what it shows after each step, while keeping a
// model of what it was told. Two routers that agree produce equal traces.
import type { Result } from '../result.ts';
import type { RouterPort } from './router-port.ts';
import {
  agentIdOf,
  configOf,
  type Op,
  queueIdOf,
  type Scenario,
  type ScenarioModel,
  skillMap,
} from './router-scenario.ts';
import type { WaitingContact } from './waiting-contact.ts';

export interface ScenarioHooks {
  /** Right before route() is called. */
  beforeRoute?(model: ScenarioModel): void;
  /** After every op, with the router's answer (as recorded in the trace). */
  afterOp?(op: Op, output: unknown, model: ScenarioModel): void;
}

const plain = (result: Result<unknown>): unknown =>
  result.ok ? { ok: true, value: result.value } : { ok: false, code: result.error.code };

export function playScenario(router: RouterPort, scenario: Scenario, hooks: ScenarioHooks = {}): unknown[] {
  const model: ScenarioModel = {
    now: 1_000,
    configs: new Map(),
    penalties: new Map(),
    skills: new Map(),
    presence: new Map(),
    fate: new Map(),
    assigned: [],
  };
  scenario.queues.forEach((shape, q) => {
    const config = configOf(q, shape);
    if (!router.upsertQueue(config).ok) throw new Error(`scenario queue ${q} rejected`);
    model.configs.set(config.id, config);
    model.penalties.set(config.id, new Map());
  });
  scenario.agentSkills.forEach((levels, a) => {
    router.setAgentSkills(agentIdOf(a), skillMap(levels));
    model.skills.set(agentIdOf(a), skillMap(levels));
    model.presence.set(agentIdOf(a), 'offline');
  });
  scenario.memberships.forEach((row, a) => {
    row.forEach((penalty, q) => {
      if (penalty === null) return;
      router.setMembership(agentIdOf(a), queueIdOf(q), penalty);
      model.penalties.get(queueIdOf(q))!.set(agentIdOf(a), penalty);
    });
  });
  scenario.presence.forEach((presence, a) => {
    router.setAgentPresence(agentIdOf(a), presence, model.now);
    model.presence.set(agentIdOf(a), presence);
  });
  let nextContact = 0;
  const trace: unknown[] = [];

  const apply = (op: Op): unknown => {
    switch (op.kind) {
      case 'presence':
        router.setAgentPresence(agentIdOf(op.agent), op.presence, model.now);
        model.presence.set(agentIdOf(op.agent), op.presence);
        return null;
      case 'enqueue': {
        const contact: WaitingContact = {
          contactId: `c${nextContact++}`,
          queueId: queueIdOf(op.queue),
          priority: op.priority,
          enqueuedAt: model.now - op.backMs,
          ...(op.extra.length > 0 ? { requirements: op.extra } : {}),
        };
        const result = router.enqueue(contact, model.now);
        const queued = result.ok && result.value.kind === 'queued';
        model.fate.set(contact.contactId, { contact, state: queued ? 'waiting' : 'refused' });
        return plain(result);
      }
      case 'remove': {
        const ids = [...model.fate.keys()];
        if (ids.length === 0) return null;
        const removed = router.remove(ids[op.pick % ids.length]!);
        if (removed) model.fate.get(removed.contactId)!.state = 'removed';
        return removed?.contactId ?? null;
      }
      case 'requeue': {
        if (model.assigned.length === 0) return null;
        const contact = model.assigned.splice(op.pick % model.assigned.length, 1)[0]!;
        const result = router.requeueAtHead(contact, model.now);
        if (result.ok) model.fate.get(contact.contactId)!.state = 'waiting';
        return plain(result);
      }
      case 'route': {
        hooks.beforeRoute?.(model);
        const assignments = router.route(model.now);
        for (const assignment of assignments) {
          const fate = model.fate.get(assignment.contactId)!;
          fate.state = 'assigned';
          model.assigned.push(fate.contact);
          for (const agentId of assignment.agentIds) model.presence.set(agentId, 'busy');
        }
        return assignments;
      }
      case 'advance':
        model.now += op.ms;
        return null;
      case 'answered':
        router.recordAnswered(agentIdOf(op.agent), queueIdOf(op.queue), model.now);
        return null;
      case 'membership': {
        const [agentId, queueId] = [agentIdOf(op.agent), queueIdOf(op.queue)];
        const result =
          op.penalty === null
            ? router.removeMembership(agentId, queueId)
            : router.setMembership(agentId, queueId, op.penalty);
        if (result.ok && op.penalty === null) model.penalties.get(queueId)!.delete(agentId);
        if (result.ok && op.penalty !== null) {
          model.penalties.get(queueId)!.set(agentId, op.penalty);
          if (!model.presence.has(agentId)) model.presence.set(agentId, 'offline');
        }
        return plain(result);
      }
      case 'skills':
        router.setAgentSkills(agentIdOf(op.agent), skillMap(op.levels));
        model.skills.set(agentIdOf(op.agent), skillMap(op.levels));
        return null;
      case 'reconfigure': {
        const config = configOf(op.queue, op.shape);
        const result = router.upsertQueue(config);
        if (result.ok) model.configs.set(config.id, config);
        return plain(result);
      }
      case 'leave': {
        const leaving = router.leaveWhenEmpty(model.now);
        for (const contact of leaving) model.fate.get(contact.contactId)!.state = 'removed';
        return leaving.map((contact) => contact.contactId);
      }
      case 'nextRelaxation':
        return router.nextRelaxationAt(model.now);
    }
  };

  for (const op of scenario.ops) {
    const output = apply(op);
    trace.push({ op: op.kind, output, seen: observe(router, model) });
    hooks.afterOp?.(op, output, model);
  }
  return trace;
}

/** What a caller can see of the router: waiting lists, positions, counts, presence. */
export function observe(router: RouterPort, model: ScenarioModel): unknown {
  const queues = [...model.configs.keys()].map((queueId) => {
    const waiting = router.waiting(queueId).map((contact) => contact.contactId);
    return {
      queueId,
      waiting,
      count: router.waitingCount(queueId),
      positions: waiting.map((contactId) => router.position(contactId)),
      members: router.memberCounts(queueId),
    };
  });
  const presence = [...model.presence.keys()].map((agentId) => router.presenceOf(agentId));
  return { queues, presence };
}
