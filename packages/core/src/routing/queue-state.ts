// One queue inside the Router: its members (with the available ones in a strategy-sorted pool)
// and its waiting contacts grouped in buckets of equal (requirement class, priority, relaxation
// step). Inside a bucket every contact is eligible for exactly the same agents, so "the first
// contact this agent may take" is a look at each bucket's head, never a walk over contacts.
import type { AgentId, QueueId } from '../ids.ts';
import { AgentPool } from './agent-pool.ts';
import {
  type StepTable,
  meetsRequirements,
  mergeRequirements,
  requirementKey,
  stepTable,
} from './eligibility.ts';
import { MutableMemberCounts } from './empty-rule.ts';
import { IndexedHeap } from './indexed-heap.ts';
import type { QueueConfig, SkillRequirement } from './queue-config.ts';
import type { Bucket, ContactRecord, MemberRecord, RequirementClass } from './router-records.ts';
import { chooseAgents, isOrderedStrategy, strategyMetric } from './routing-strategy.ts';
import { servedBefore } from './waiting-contact.ts';

const inQueueOrder = (a: ContactRecord, b: ContactRecord): boolean =>
  a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq;
const setBucketIndex = (contact: ContactRecord, index: number): void => {
  contact.bucketIndex = index;
};

/** Per priority: how many wait, and the highest rank seen since the band was last empty. */
interface Band {
  count: number;
  maxRank: number;
}

export class QueueState {
  readonly id: QueueId;
  config: QueueConfig;
  steps: StepTable;
  readonly members = new Map<AgentId, MemberRecord>();
  nextOrder = 0;
  /** Order of the member last offered a single-agent offer (round-robin memory); -1 = none yet. */
  roundRobinLast = -1;
  readonly counts = new MutableMemberCounts();
  readonly pool: AgentPool;
  /** Non-empty buckets, in no particular order. */
  readonly active: Bucket[] = [];
  waitingCount = 0;
  private readonly buckets = new Map<string, Bucket>();
  private classes = new Map<string, RequirementClass>();
  private baseClass: RequirementClass;
  private readonly bands = new Map<number, Band>();

  constructor(config: QueueConfig) {
    this.id = config.id;
    this.config = config;
    this.steps = stepTable(config);
    this.pool = new AgentPool(config.strategy);
    this.baseClass = this.internClass(mergeRequirements(config.requirements, undefined));
  }

  /**
   * Applies a new config. Returns the contacts that were waiting, taken out of their buckets: the
   * router re-inserts them, because their requirement class and step may have changed.
   */
  reconfigure(config: QueueConfig): ContactRecord[] {
    const contacts = this.active.flatMap((bucket) => [...bucket.heap.values()]);
    for (const bucket of this.active) bucket.heap.clear();
    this.active.length = 0;
    this.buckets.clear();
    this.bands.clear();
    this.waitingCount = 0;
    const strategyChanged = config.strategy !== this.config.strategy;
    this.config = config;
    this.steps = stepTable(config);
    this.classes = new Map();
    this.baseClass = this.internClass(mergeRequirements(config.requirements, undefined));
    if (strategyChanged) {
      for (const member of this.members.values()) this.refreshMetric(member);
      this.pool.setStrategy(config.strategy);
    }
    return contacts;
  }

  requirementClass(contactRequirements: readonly SkillRequirement[] | undefined): RequirementClass {
    if (!contactRequirements || contactRequirements.length === 0) return this.baseClass;
    return this.internClass(mergeRequirements(this.config.requirements, contactRequirements));
  }

  refreshMetric(member: MemberRecord): void {
    member.metric = strategyMetric(
      this.config.strategy,
      member.agent.availableSince,
      member.answered,
      member.lastAnsweredAt,
    );
  }

  /** Puts a contact (requirementClass and step already set) into its bucket. */
  insert(contact: ContactRecord): void {
    const key = `${contact.requirementClass.id}|${contact.priority}|${contact.step}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = {
        key,
        requirementClass: contact.requirementClass,
        priority: contact.priority,
        step: contact.step,
        heap: new IndexedHeap(inQueueOrder, setBucketIndex),
        activeIndex: this.active.length,
      };
      this.buckets.set(key, bucket);
      this.active.push(bucket);
    }
    contact.bucket = bucket;
    bucket.heap.push(contact);
    this.waitingCount += 1;
    const band = this.bands.get(contact.priority);
    if (band === undefined) this.bands.set(contact.priority, { count: 1, maxRank: contact.rank });
    else {
      band.count += 1;
      if (contact.rank > band.maxRank) band.maxRank = contact.rank;
    }
  }

  /** Takes a contact out of its bucket (dropping the bucket when it empties). */
  detach(contact: ContactRecord): void {
    const bucket = contact.bucket!;
    bucket.heap.removeAt(contact.bucketIndex);
    contact.bucket = null;
    this.waitingCount -= 1;
    const band = this.bands.get(contact.priority)!;
    band.count -= 1;
    if (band.count === 0) this.bands.delete(contact.priority);
    if (bucket.heap.size === 0) {
      const last = this.active.pop()!;
      if (last !== bucket) {
        this.active[bucket.activeIndex] = last;
        last.activeIndex = bucket.activeIndex;
      }
      this.buckets.delete(bucket.key);
    }
  }

  /**
   * The 1-based position a new contact with this key would take. O(number of priorities) when it
   * sorts last in its priority band (every ordinary arrival); a scan otherwise.
   */
  positionForNew(contact: ContactRecord): number {
    let ahead = 0;
    for (const [priority, band] of this.bands) if (priority > contact.priority) ahead += band.count;
    const band = this.bands.get(contact.priority);
    if (band === undefined) return ahead + 1;
    if (contact.rank >= band.maxRank && contact.seq > 0) return ahead + band.count + 1;
    for (const bucket of this.active) {
      if (bucket.priority !== contact.priority) continue;
      for (const other of bucket.heap.values()) if (servedBefore(other, contact)) ahead += 1;
    }
    return ahead + 1;
  }

  positionOf(contact: ContactRecord): number {
    let ahead = 0;
    for (const bucket of this.active) {
      if (bucket.priority < contact.priority) continue;
      for (const other of bucket.heap.values()) if (servedBefore(other, contact)) ahead += 1;
    }
    return ahead + 1;
  }

  /** The rank of the first contact waiting with this priority; +Infinity when none. */
  bandHeadRank(priority: number): number {
    let rank = Number.POSITIVE_INFINITY;
    for (const bucket of this.active) {
      if (bucket.priority === priority && bucket.heap.peek()!.rank < rank) rank = bucket.heap.peek()!.rank;
    }
    return rank;
  }

  serviceOrder(): ContactRecord[] {
    const all = this.active.flatMap((bucket) => [...bucket.heap.values()]);
    return all.sort((a, b) => (servedBefore(a, b) ? -1 : servedBefore(b, a) ? 1 : 0));
  }

  /** The member(s) this queue's strategy offers the contact to; [] when no available member is eligible. */
  pickMembers(contact: ContactRecord, random: () => number): MemberRecord[] {
    const cap = this.steps.caps[contact.step]!;
    const drop = this.steps.drops[contact.step]!;
    const requirements = contact.requirementClass.requirements;
    const strategy = this.config.strategy;
    const pool = this.pool.members;
    if (strategy === 'weighted-random') {
      const eligible: MemberRecord[] = [];
      for (const member of pool) {
        if (member.penalty <= cap && meetsRequirements(member.agent.skills, requirements, drop))
          eligible.push(member);
      }
      return chooseAgents(strategy, eligible, this.roundRobinLast, random);
    }
    let i = 0;
    for (; i < pool.length; i += 1) {
      const member = pool[i]!;
      if (member.penalty > cap) return [];
      if (meetsRequirements(member.agent.skills, requirements, drop)) break;
    }
    if (i === pool.length) return [];
    const first = pool[i]!;
    // The pool is in this strategy's order, so the first eligible member is its pick.
    if (isOrderedStrategy(strategy)) return [first];
    // round-robin, random, ring-all: the whole lowest eligible tier, in membership order.
    const tier = [first];
    for (i += 1; i < pool.length && pool[i]!.penalty === first.penalty; i += 1) {
      const member = pool[i]!;
      if (meetsRequirements(member.agent.skills, requirements, drop)) tier.push(member);
    }
    return chooseAgents(strategy, tier, this.roundRobinLast, random);
  }

  private internClass(requirements: SkillRequirement[]): RequirementClass {
    const key = requirementKey(requirements);
    let found = this.classes.get(key);
    if (found === undefined) {
      found = { id: this.classes.size, requirements };
      this.classes.set(key, found);
    }
    return found;
  }
}
