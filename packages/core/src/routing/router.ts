// The ACD router: an indexed, incremental matcher owned by the engine. route() serves contacts in
// the global service order, each taking the best eligible available agent of its queue — the same
// greedy pass NaiveRouter does by brute force — but only looks at what changed since the last
// route(): agents that became available (or changed skills/penalty) and buckets whose eligibility
// grew (new, or their head reached a wider relaxation step). Everything else was already
// unmatchable. README.md.
import type { AgentId, ContactId, Millis, QueueId, SkillId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import { isQueueEmpty, type MemberCounts } from './empty-rule.ts';
import { type QueueConfig, validateQueueConfig } from './queue-config.ts';
import { joinQueue, leaveQueue } from './membership.ts';
import { QueueState } from './queue-state.ts';
import type { AgentRecord, ContactRecord, MemberRecord } from './router-records.ts';
import type { AgentPresence, RouterOptions, RouterPort } from './router-port.ts';
import { RoutingPass } from './routing-pass.ts';
import {
  type Assignment,
  type EnqueueOutcome,
  type WaitingContact,
  validateWaitingContact,
} from './waiting-contact.ts';
import { WaitingSet } from './waiting-set.ts';

const EMPTY_COUNTS: MemberCounts = { members: 0, loggedIn: 0, available: 0, paused: 0, busy: 0 };

export class Router implements RouterPort {
  private readonly random: () => number;
  private readonly queues = new Map<QueueId, QueueState>();
  private readonly agents = new Map<AgentId, AgentRecord>();
  private readonly contacts = new WaitingSet();
  /** Available agents whose eligibility may have grown since the last route(). */
  private readonly dirtyAgents: AgentRecord[] = [];
  /** Queues whose member counts, contacts or config changed since the last leaveWhenEmpty() (flagged on each). */
  private changedQueues: QueueState[] = [];
  private readonly pass: RoutingPass;

  constructor(options: RouterOptions) {
    this.random = options.random;
    this.pass = new RoutingPass((contact, members, now) => this.assign(contact, members, now));
  }

  upsertQueue(config: QueueConfig): Result<void> {
    const valid = validateQueueConfig(config);
    if (!valid.ok) return valid;
    const queue = this.queues.get(config.id);
    if (queue === undefined) {
      const created = new QueueState(config);
      this.queues.set(config.id, created);
      this.markChanged(created);
      return ok(undefined);
    }
    this.contacts.reconfigure(queue, config);
    this.markChanged(queue);
    return ok(undefined);
  }

  removeQueue(id: QueueId): Result<void> {
    const queue = this.queues.get(id);
    if (queue === undefined) return fail('unknown_queue', `no queue ${id}`, { queueId: id });
    if (queue.waitingCount > 0) {
      return fail('conflict', `queue ${id} still has waiting contacts`, {
        queueId: id,
        waiting: queue.waitingCount,
      });
    }
    for (const member of queue.members.values()) leaveQueue(member);
    this.queues.delete(id);
    return ok(undefined);
  }

  setMembership(agentId: AgentId, queueId: QueueId, penalty: number): Result<void> {
    const queue = this.queues.get(queueId);
    if (queue === undefined) return fail('unknown_queue', `no queue ${queueId}`, { queueId });
    if (!Number.isInteger(penalty) || penalty < 0) {
      return fail('invalid_argument', 'penalty must be a non-negative integer', {
        field: 'penalty',
        penalty,
      });
    }
    const agent = this.agent(agentId);
    let member = queue.members.get(agentId);
    if (member !== undefined) {
      if (member.penalty === penalty) return ok(undefined);
      if (member.inPool) queue.pool.remove(member);
      member.penalty = penalty;
    } else {
      member = joinQueue(queue, agent, penalty);
      this.markChanged(queue);
    }
    if (agent.presence === 'available') {
      queue.pool.insert(member);
      this.markAgent(agent);
    }
    return ok(undefined);
  }

  removeMembership(agentId: AgentId, queueId: QueueId): Result<void> {
    const queue = this.queues.get(queueId);
    if (queue === undefined) return fail('unknown_queue', `no queue ${queueId}`, { queueId });
    const member = queue.members.get(agentId);
    if (member === undefined) {
      return fail('not_in_queue', `agent ${agentId} is not a member of ${queueId}`, { agentId, queueId });
    }
    leaveQueue(member);
    this.markChanged(queue);
    return ok(undefined);
  }

  setAgentSkills(agentId: AgentId, skills: ReadonlyMap<SkillId, number>): void {
    const agent = this.agent(agentId);
    agent.skills = new Map(skills);
    if (agent.presence === 'available') this.markAgent(agent);
  }

  setAgentPresence(agentId: AgentId, presence: AgentPresence, now: Millis): void {
    this.contacts.observe(now);
    this.changePresence(this.agent(agentId), presence, now);
  }

  private changePresence(agent: AgentRecord, presence: AgentPresence, now: Millis): void {
    const from = agent.presence;
    if (from === presence) return;
    for (const member of agent.memberships) {
      member.queue.counts.move(from, presence);
      this.markChanged(member.queue);
      if (member.inPool) member.queue.pool.remove(member);
    }
    agent.presence = presence;
    if (presence !== 'available') return;
    agent.availableSince = now;
    for (const member of agent.memberships) {
      member.queue.refreshMetric(member);
      member.queue.pool.insert(member);
    }
    this.markAgent(agent);
  }

  enqueue(contact: WaitingContact, now: Millis): Result<EnqueueOutcome> {
    const checked = this.checkArrival(contact);
    if (!checked.ok) return checked;
    const queue = checked.value;
    const { joinEmpty, maxLength, overflow } = queue.config;
    if (isQueueEmpty(joinEmpty, queue.counts))
      return ok({ kind: 'refused', reason: 'empty', overflow: overflow.onEmpty });
    if (maxLength !== null && queue.waitingCount >= maxLength) {
      return ok({ kind: 'refused', reason: 'full', overflow: overflow.onFull });
    }
    const record = this.contacts.create(contact, queue, false);
    const position = queue.positionForNew(record);
    this.admit(record, now);
    return ok({ kind: 'queued', position });
  }

  requeueAtHead(contact: WaitingContact, now: Millis): Result<void> {
    const checked = this.checkArrival(contact);
    if (!checked.ok) return checked;
    const queue = checked.value;
    this.admit(this.contacts.create(contact, queue, true), now);
    return ok(undefined);
  }

  remove(contactId: ContactId): WaitingContact | null {
    const contact = this.contacts.get(contactId);
    if (contact === undefined) return null;
    this.contacts.detach(contact);
    return contact.contact;
  }

  route(now: Millis): Assignment[] {
    this.contacts.applyRelaxations(now);
    const assignments = this.pass.run(this.contacts.dirty, this.dirtyAgents, now, this.random);
    this.contacts.settle();
    this.dirtyAgents.length = 0;
    return assignments;
  }

  recordAnswered(agentId: AgentId, queueId: QueueId, now: Millis): void {
    const queue = this.queues.get(queueId);
    const member = queue?.members.get(agentId);
    if (queue === undefined || member === undefined) return;
    const wasInPool = member.inPool;
    if (wasInPool) queue.pool.remove(member);
    member.answered += 1;
    member.lastAnsweredAt = now;
    queue.refreshMetric(member);
    if (wasInPool) queue.pool.insert(member);
  }

  leaveWhenEmpty(now: Millis): WaitingContact[] {
    this.contacts.observe(now);
    const changed = this.changedQueues
      .filter((queue) => this.queues.get(queue.id) === queue)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const queue of this.changedQueues) queue.changedSinceLeaveCheck = false;
    this.changedQueues = [];
    const leaving: WaitingContact[] = [];
    for (const queue of changed) {
      if (queue.waitingCount === 0 || !isQueueEmpty(queue.config.leaveWhenEmpty, queue.counts)) continue;
      for (const contact of queue.serviceOrder()) {
        this.contacts.detach(contact);
        leaving.push(contact.contact);
      }
    }
    return leaving;
  }

  position(contactId: ContactId): number | null {
    const contact = this.contacts.get(contactId);
    return contact === undefined ? null : contact.queue.positionOf(contact);
  }

  waitingCount(queueId: QueueId): number {
    return this.queues.get(queueId)?.waitingCount ?? 0;
  }

  waiting(queueId: QueueId): readonly WaitingContact[] {
    return (
      this.queues
        .get(queueId)
        ?.serviceOrder()
        .map((contact) => contact.contact) ?? []
    );
  }

  nextRelaxationAt(now: Millis): Millis | null {
    this.contacts.applyRelaxations(now);
    return this.contacts.nextRelaxation();
  }

  memberCounts(queueId: QueueId): MemberCounts {
    return this.queues.get(queueId)?.counts.snapshot() ?? EMPTY_COUNTS;
  }

  presenceOf(agentId: AgentId): AgentPresence | null {
    return this.agents.get(agentId)?.presence ?? null;
  }

  private agent(agentId: AgentId): AgentRecord {
    let agent = this.agents.get(agentId);
    if (agent === undefined) {
      agent = {
        id: agentId,
        presence: 'offline',
        availableSince: 0,
        skills: new Map(),
        memberships: [],
        dirty: false,
      };
      this.agents.set(agentId, agent);
    }
    return agent;
  }

  private checkArrival(contact: WaitingContact): Result<QueueState> {
    const valid = validateWaitingContact(contact);
    if (!valid.ok) return valid;
    const queue = this.queues.get(contact.queueId);
    if (queue === undefined)
      return fail('unknown_queue', `no queue ${contact.queueId}`, { queueId: contact.queueId });
    if (this.contacts.has(contact.contactId)) {
      return fail('already_exists', `contact ${contact.contactId} is already waiting`, {
        contactId: contact.contactId,
      });
    }
    return ok(queue);
  }

  private admit(contact: ContactRecord, now: Millis): void {
    this.contacts.admit(contact, now);
    this.markChanged(contact.queue);
  }

  private assign(contact: ContactRecord, members: readonly MemberRecord[], now: Millis): Assignment {
    this.contacts.detach(contact);
    const queue = contact.queue;
    if (queue.config.strategy !== 'ring-all') queue.roundRobinLast = members[0]!.order;
    for (const member of members) this.changePresence(member.agent, 'busy', now);
    return {
      contactId: contact.contact.contactId,
      queueId: queue.id,
      agentIds: members.map((member) => member.agentId),
      waitedMs: Math.max(0, now - contact.contact.enqueuedAt),
    };
  }

  private markChanged(queue: QueueState): void {
    if (queue.changedSinceLeaveCheck) return;
    queue.changedSinceLeaveCheck = true;
    this.changedQueues.push(queue);
  }

  private markAgent(agent: AgentRecord): void {
    if (agent.dirty) return;
    agent.dirty = true;
    this.dirtyAgents.push(agent);
  }
}
