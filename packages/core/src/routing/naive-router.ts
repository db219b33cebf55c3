// The routing rules by brute force: no index, no dirty sets. Every route() sorts all waiting
// contacts into service order and, for each, scans all available agents. It is the benchmark's
// baseline and the property tests' oracle: Router must return exactly what this returns.
import type { AgentId, ContactId, Millis, QueueId, SkillId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { meetsRequirements, mergeRequirements, nextStepTime, stepAt, stepTable } from './eligibility.ts';
import { isQueueEmpty, type MemberCounts } from './empty-rule.ts';
import { type QueueConfig, validateQueueConfig } from './queue-config.ts';
import type { AgentPresence, RouterOptions, RouterPort } from './router-port.ts';
import { chooseAgents, type StrategyCandidate, strategyMetric } from './routing-strategy.ts';
import {
  type Assignment,
  compareService,
  type EnqueueOutcome,
  type ServiceKey,
  type WaitingContact,
  validateWaitingContact,
} from './waiting-contact.ts';

interface Agent {
  presence: AgentPresence;
  availableSince: Millis;
  skills: ReadonlyMap<SkillId, number>;
}
interface Member {
  penalty: number;
  readonly order: number;
  answered: number;
  lastAnsweredAt: number;
}
interface Queue {
  config: QueueConfig;
  readonly members: Map<AgentId, Member>;
  nextOrder: number;
  roundRobinLast: number;
  /** Its waiting contacts (also in NaiveRouter.contacts), so building a large backlog is not quadratic. */
  readonly waiting: Map<ContactId, Waiting>;
}
interface Waiting {
  readonly contact: WaitingContact;
  readonly rank: number;
  readonly seq: number;
}
interface Candidate extends StrategyCandidate {
  readonly agentId: AgentId;
}

export class NaiveRouter implements RouterPort {
  private readonly random: () => number;
  private readonly queues = new Map<QueueId, Queue>();
  private readonly agents = new Map<AgentId, Agent>();
  private readonly contacts = new Map<ContactId, Waiting>();
  private seq = 0;
  private headSeq = 0;

  constructor(options: RouterOptions) {
    this.random = options.random;
  }

  upsertQueue(config: QueueConfig): Result<void> {
    const valid = validateQueueConfig(config);
    if (!valid.ok) return valid;
    const queue = this.queues.get(config.id);
    if (queue) queue.config = config;
    else {
      const created: Queue = {
        config,
        members: new Map(),
        nextOrder: 0,
        roundRobinLast: -1,
        waiting: new Map(),
      };
      this.queues.set(config.id, created);
    }
    return ok(undefined);
  }

  removeQueue(id: QueueId): Result<void> {
    if (!this.queues.has(id)) return fail('unknown_queue', `no queue ${id}`, { queueId: id });
    const waiting = this.waitingCount(id);
    if (waiting > 0)
      return fail('conflict', `queue ${id} still has waiting contacts`, { queueId: id, waiting });
    this.queues.delete(id);
    return ok(undefined);
  }

  setMembership(agentId: AgentId, queueId: QueueId, penalty: number): Result<void> {
    const queue = this.queues.get(queueId);
    if (!queue) return fail('unknown_queue', `no queue ${queueId}`, { queueId });
    if (!Number.isInteger(penalty) || penalty < 0) {
      return fail('invalid_argument', 'penalty must be a non-negative integer', {
        field: 'penalty',
        penalty,
      });
    }
    this.agent(agentId);
    const member = queue.members.get(agentId);
    if (member) member.penalty = penalty;
    else {
      const order = queue.nextOrder++;
      queue.members.set(agentId, { penalty, order, answered: 0, lastAnsweredAt: Number.NEGATIVE_INFINITY });
    }
    return ok(undefined);
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Result<void> {
    const queue = this.queues.get(queueId);
    if (!queue) return fail('unknown_queue', `no queue ${queueId}`, { queueId });
    if (!queue.members.delete(agentId)) {
      return fail('not_in_queue', `agent ${agentId} is not a member of ${queueId}`, { agentId, queueId });
    }
    return ok(undefined);
  }

  setAgentSkills(agentId: AgentId, skills: ReadonlyMap<SkillId, number>): void {
    this.agent(agentId).skills = new Map(skills);
  }

  setAgentPresence(agentId: AgentId, presence: AgentPresence, now: Millis): void {
    const agent = this.agent(agentId);
    if (agent.presence === presence) return;
    agent.presence = presence;
    if (presence === 'available') agent.availableSince = now;
  }

  enqueue(contact: WaitingContact, _now: Millis): Result<EnqueueOutcome> {
    const checked = this.checkArrival(contact);
    if (!checked.ok) return checked;
    const { joinEmpty, maxLength, overflow } = checked.value.config;
    if (isQueueEmpty(joinEmpty, this.memberCounts(contact.queueId))) {
      return ok({ kind: 'refused', reason: 'empty', overflow: overflow.onEmpty });
    }
    if (maxLength !== null && this.waitingCount(contact.queueId) >= maxLength) {
      return ok({ kind: 'refused', reason: 'full', overflow: overflow.onFull });
    }
    this.add({ contact, rank: contact.enqueuedAt, seq: ++this.seq });
    return ok({ kind: 'queued', position: this.position(contact.contactId)! });
  }

  requeueAtHead(contact: WaitingContact, _now: Millis): Result<void> {
    const checked = this.checkArrival(contact);
    if (!checked.ok) return checked;
    let rank = contact.enqueuedAt;
    for (const other of checked.value.waiting.values()) {
      if (other.contact.priority === contact.priority && other.rank < rank) rank = other.rank;
    }
    this.add({ contact, rank, seq: --this.headSeq });
    return ok(undefined);
  }

  remove(contactId: ContactId): WaitingContact | null {
    const waiting = this.contacts.get(contactId);
    if (!waiting) return null;
    this.delete(waiting);
    return waiting.contact;
  }

  route(now: Millis): Assignment[] {
    const available = [...this.agents].filter(([, agent]) => agent.presence === 'available');
    const assignments: Assignment[] = [];
    for (const waiting of this.inServiceOrder()) {
      if (available.length === 0) break;
      const { contact } = waiting;
      const queue = this.queues.get(contact.queueId)!;
      const steps = stepTable(queue.config);
      const step = stepAt(steps, contact.enqueuedAt, now);
      const requirements = mergeRequirements(queue.config.requirements, contact.requirements);
      const candidates: Candidate[] = [];
      for (const [agentId, agent] of available) {
        const member = queue.members.get(agentId);
        if (!member || member.penalty > steps.caps[step]!) continue;
        if (!meetsRequirements(agent.skills, requirements, steps.drops[step]!)) continue;
        const { penalty, order, answered, lastAnsweredAt } = member;
        const metric = strategyMetric(queue.config.strategy, agent.availableSince, answered, lastAnsweredAt);
        candidates.push({ agentId, penalty, order, metric });
      }
      candidates.sort((a, b) => a.order - b.order);
      const chosen = chooseAgents(queue.config.strategy, candidates, queue.roundRobinLast, this.random);
      if (chosen.length === 0) continue;
      this.delete(waiting);
      if (queue.config.strategy !== 'ring-all') queue.roundRobinLast = chosen[0]!.order;
      for (const { agentId } of chosen) {
        this.agents.get(agentId)!.presence = 'busy';
        available.splice(
          available.findIndex(([id]) => id === agentId),
          1,
        );
      }
      const agentIds = chosen.map((candidate) => candidate.agentId);
      const waitedMs = Math.max(0, now - contact.enqueuedAt);
      assignments.push({ contactId: contact.contactId, queueId: contact.queueId, agentIds, waitedMs });
    }
    return assignments;
  }

  recordAnswered(agentId: AgentId, queueId: QueueId, now: Millis): void {
    const member = this.queues.get(queueId)?.members.get(agentId);
    if (!member) return;
    member.answered += 1;
    member.lastAnsweredAt = now;
  }

  leaveWhenEmpty(_now: Millis): WaitingContact[] {
    const leaving: WaitingContact[] = [];
    const ids = [...this.queues.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const id of ids) {
      if (!isQueueEmpty(this.queues.get(id)!.config.leaveWhenEmpty, this.memberCounts(id))) continue;
      for (const contact of this.waiting(id)) leaving.push(this.remove(contact.contactId)!);
    }
    return leaving;
  }

  position(contactId: ContactId): number | null {
    const waiting = this.contacts.get(contactId);
    if (!waiting) return null;
    return this.inServiceOrder(waiting.contact.queueId).indexOf(waiting) + 1;
  }

  waitingCount(queueId: QueueId): number {
    return this.queues.get(queueId)?.waiting.size ?? 0;
  }

  waiting(queueId: QueueId): readonly WaitingContact[] {
    return this.inServiceOrder(queueId).map((waiting) => waiting.contact);
  }

  /** Watches every waiting contact (Router only the group leaders, whose steps can change routing). */
  nextRelaxationAt(now: Millis): Millis | null {
    let next: Millis | null = null;
    for (const { contact } of this.contacts.values()) {
      const steps = stepTable(this.queues.get(contact.queueId)!.config);
      const at = nextStepTime(steps, contact.enqueuedAt, stepAt(steps, contact.enqueuedAt, now));
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  memberCounts(queueId: QueueId): MemberCounts {
    const counts = { members: 0, loggedIn: 0, available: 0, paused: 0, busy: 0 };
    for (const agentId of this.queues.get(queueId)?.members.keys() ?? []) {
      const presence = this.agents.get(agentId)!.presence;
      counts.members += 1;
      if (presence !== 'offline') counts.loggedIn += 1;
      if (presence === 'available') counts.available += 1;
      if (presence === 'paused') counts.paused += 1;
      if (presence === 'busy') counts.busy += 1;
    }
    return counts;
  }

  presenceOf(agentId: AgentId): AgentPresence | null {
    return this.agents.get(agentId)?.presence ?? null;
  }

  private agent(agentId: AgentId): Agent {
    let agent = this.agents.get(agentId);
    if (!agent) {
      agent = { presence: 'offline', availableSince: 0, skills: new Map() };
      this.agents.set(agentId, agent);
    }
    return agent;
  }

  private checkArrival(contact: WaitingContact): Result<Queue> {
    const valid = validateWaitingContact(contact);
    if (!valid.ok) return valid;
    const queue = this.queues.get(contact.queueId);
    if (!queue) return fail('unknown_queue', `no queue ${contact.queueId}`, { queueId: contact.queueId });
    if (this.contacts.has(contact.contactId)) {
      return fail('already_exists', `contact ${contact.contactId} is already waiting`, {
        contactId: contact.contactId,
      });
    }
    return ok(queue);
  }

  private add(waiting: Waiting): void {
    this.contacts.set(waiting.contact.contactId, waiting);
    this.queues.get(waiting.contact.queueId)!.waiting.set(waiting.contact.contactId, waiting);
  }

  private delete(waiting: Waiting): void {
    this.contacts.delete(waiting.contact.contactId);
    this.queues.get(waiting.contact.queueId)!.waiting.delete(waiting.contact.contactId);
  }

  /** Waiting contacts (of one queue, or all) sorted into service order. */
  private inServiceOrder(queueId?: QueueId): Waiting[] {
    const keyed: (ServiceKey & { readonly waiting: Waiting })[] = [];
    const source = queueId === undefined ? this.contacts : (this.queues.get(queueId)?.waiting ?? new Map());
    for (const waiting of source.values()) {
      const { queueId: id, priority } = waiting.contact;
      const queueWeight = this.queues.get(id)!.config.weight;
      keyed.push({ priority, rank: waiting.rank, queueWeight, queueId: id, seq: waiting.seq, waiting });
    }
    return keyed.sort(compareService).map((key) => key.waiting);
  }
}
