// One queue inside the Router: its members (with the available ones in a strategy-sorted pool)
// and its waiting contacts in buckets of equal (requirement class, priority) whose head is both
// first served and most relaxed, so "the first contact of this queue this agent may take" is a
// look at bucket heads, never a walk over contacts.
import type { AgentId, QueueId } from '../ids.ts';
import { AgentPool } from './agent-pool.ts';
import { Bucket, headBefore } from './bucket.ts';
import {
  type StepTable,
  meetsRequirements,
  mergeRequirements,
  requirementKey,
  stepTable,
} from './eligibility.ts';
import { MutableMemberCounts } from './empty-rule.ts';
import type { QueueConfig, SkillRequirement } from './queue-config.ts';
import type { ContactRecord, MemberRecord, RequirementClass } from './router-records.ts';
import { chooseAgents, isOrderedStrategy, strategyMetric } from './routing-strategy.ts';
import { servedBefore } from './waiting-contact.ts';

/** Per priority: how many wait, and the highest rank seen since the band was last empty. */
interface Band {
  readonly priority: number;
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
  /** Non-empty buckets sorted by their head's service order: the first eligible one holds the best contact. */
  readonly active: Bucket[] = [];
  waitingCount = 0;
  /** Listed in Router.changedQueues (members, contacts or config changed since leaveWhenEmpty ran). */
  changedSinceLeaveCheck = false;
  private classes = new Map<string, RequirementClass>();
  private baseClass: RequirementClass;
  /** One per priority ever seen (a handful): a plain array, searched linearly, allocates nothing. */
  private readonly bands: Band[] = [];

  constructor(config: QueueConfig) {
    this.id = config.id;
    this.config = config;
    this.steps = stepTable(config);
    this.pool = new AgentPool(config.strategy);
    this.baseClass = this.internClass(mergeRequirements(config.requirements, undefined));
  }

  /**
   * Applies a new config. Returns the contacts that were waiting, in service order, taken out of
   * their buckets: the router re-inserts them, as their requirement class and step may change.
   */
  reconfigure(config: QueueConfig): ContactRecord[] {
    const contacts = this.serviceOrder();
    for (const bucket of this.active) bucket.retire();
    this.active.length = 0;
    this.bands.length = 0;
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

  /**
   * Puts a contact (requirementClass set) into its bucket — its class's bucket for its priority, or
   * a bucket of its own if it would break that bucket's enqueuedAt order. Returns the bucket when
   * the contact became its head (the caller then re-reads the bucket's step), else null.
   */
  insert(contact: ContactRecord, epoch: number): Bucket | null {
    const buckets = contact.requirementClass.buckets;
    let bucket = buckets.get(contact.priority);
    if (bucket === undefined) {
      bucket = new Bucket(this, contact.requirementClass, contact.priority, false);
      buckets.set(contact.priority, bucket);
    }
    bucket.capture(epoch);
    if (!bucket.tryPush(contact)) {
      bucket = new Bucket(this, contact.requirementClass, contact.priority, true);
      bucket.capture(epoch);
      bucket.tryPush(contact);
    }
    // An emptied regular bucket is kept (buckets empty and refill all the time) but leaves `active`.
    if (bucket.activeIndex < 0) {
      bucket.activeIndex = this.active.length;
      this.active.push(bucket);
    }
    this.waitingCount += 1;
    const band = this.band(contact.priority);
    if (band === undefined) this.bands.push({ priority: contact.priority, count: 1, maxRank: contact.rank });
    else {
      band.count += 1;
      if (band.count === 1 || contact.rank > band.maxRank) band.maxRank = contact.rank;
    }
    if (!bucket.isHead(contact)) return null;
    this.headImproved(bucket);
    return bucket;
  }

  /** Takes a contact out of its bucket. Returns the bucket if the contact was its head (it may now be empty). */
  detach(contact: ContactRecord, epoch: number): Bucket | null {
    const bucket = contact.bucket!;
    bucket.capture(epoch);
    const wasHead = bucket.remove(contact);
    this.waitingCount -= 1;
    this.band(contact.priority)!.count -= 1;
    if (bucket.size === 0) {
      const active = this.active;
      for (let i = bucket.activeIndex + 1; i < active.length; i += 1) {
        active[i - 1] = active[i]!;
        active[i - 1]!.activeIndex = i - 1;
      }
      active.pop();
      bucket.activeIndex = -1;
    } else if (wasHead) this.headWorsened(bucket);
    return wasHead ? bucket : null;
  }

  /** The bucket's head now comes earlier in service order: move it towards the front of `active`. */
  private headImproved(bucket: Bucket): void {
    const active = this.active;
    let i = bucket.activeIndex;
    while (i > 0 && headBefore(bucket, active[i - 1]!)) {
      active[i] = active[i - 1]!;
      active[i]!.activeIndex = i;
      i -= 1;
    }
    active[i] = bucket;
    bucket.activeIndex = i;
  }

  /** The bucket's head now comes later in service order: move it towards the back of `active`. */
  private headWorsened(bucket: Bucket): void {
    const active = this.active;
    let i = bucket.activeIndex;
    while (i + 1 < active.length && headBefore(active[i + 1]!, bucket)) {
      active[i] = active[i + 1]!;
      active[i]!.activeIndex = i;
      i += 1;
    }
    active[i] = bucket;
    bucket.activeIndex = i;
  }

  /**
   * The 1-based position a new contact with this key would take. O(number of priorities) when it
   * sorts last in its priority band (every ordinary arrival); a scan otherwise.
   */
  positionForNew(contact: ContactRecord): number {
    let ahead = 0;
    for (const band of this.bands) if (band.priority > contact.priority) ahead += band.count;
    const band = this.band(contact.priority);
    if (band === undefined || band.count === 0) return ahead + 1;
    if (contact.rank >= band.maxRank && contact.seq > 0) return ahead + band.count + 1;
    for (const bucket of this.active) {
      if (bucket.priority !== contact.priority) continue;
      for (const other of bucket.values()) if (servedBefore(other, contact)) ahead += 1;
    }
    return ahead + 1;
  }

  positionOf(contact: ContactRecord): number {
    let ahead = 0;
    for (const bucket of this.active) {
      if (bucket.priority < contact.priority) continue;
      for (const other of bucket.values()) if (servedBefore(other, contact)) ahead += 1;
    }
    return ahead + 1;
  }

  /** The rank of the first contact waiting with this priority; +Infinity when none. */
  bandHeadRank(priority: number): number {
    let rank = Number.POSITIVE_INFINITY;
    for (const bucket of this.active) {
      if (bucket.priority === priority && bucket.peek()!.rank < rank) rank = bucket.peek()!.rank;
    }
    return rank;
  }

  serviceOrder(): ContactRecord[] {
    const all = this.active.flatMap((bucket) => bucket.values());
    return all.sort((a, b) => (servedBefore(a, b) ? -1 : servedBefore(b, a) ? 1 : 0));
  }

  /** The member(s) this queue's strategy offers the bucket's head to; [] when no available member is eligible. */
  pickMembers(bucket: Bucket, random: () => number): MemberRecord[] {
    const { cap, drop, requirements } = bucket;
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

  private band(priority: number): Band | undefined {
    for (const band of this.bands) if (band.priority === priority) return band;
    return undefined;
  }

  private internClass(requirements: SkillRequirement[]): RequirementClass {
    const key = requirementKey(requirements);
    let found = this.classes.get(key);
    if (found === undefined) {
      found = { id: this.classes.size, requirements, buckets: new Map() };
      this.classes.set(key, found);
    }
    return found;
  }
}
