// The available members of one queue, kept sorted in the order its strategy tries them:
// (penalty, metric, order) — or membership order alone for weighted-random, whose penalty is a
// weight rather than a tier. A queue has tens of members, so a sorted array with binary-search
// insert beats any tree here, and "first eligible" is a short forward walk.
import type { MemberRecord } from './router-records.ts';
import type { RoutingStrategy } from './routing-strategy.ts';

function byTier(a: MemberRecord, b: MemberRecord): number {
  if (a.penalty !== b.penalty) return a.penalty - b.penalty;
  if (a.metric !== b.metric) return a.metric < b.metric ? -1 : 1;
  return a.order - b.order;
}

function byOrder(a: MemberRecord, b: MemberRecord): number {
  return a.order - b.order;
}

export class AgentPool {
  /** Sorted; read-only for callers. */
  readonly members: MemberRecord[] = [];
  private compare: (a: MemberRecord, b: MemberRecord) => number;

  constructor(strategy: RoutingStrategy) {
    this.compare = strategy === 'weighted-random' ? byOrder : byTier;
  }

  /** Re-sorts after a strategy change (metrics must already be recomputed). */
  setStrategy(strategy: RoutingStrategy): void {
    this.compare = strategy === 'weighted-random' ? byOrder : byTier;
    this.members.sort(this.compare);
  }

  insert(member: MemberRecord): void {
    const members = this.members;
    let low = 0;
    let high = members.length;
    // Common case first: a newly available agent usually sorts last (longest-idle, linear tiers).
    if (high > 0 && this.compare(members[high - 1]!, member) < 0) low = high;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.compare(members[mid]!, member) < 0) low = mid + 1;
      else high = mid;
    }
    // Shift by hand: splice would allocate the (empty) array of removed items on every call.
    for (let i = members.length; i > low; i -= 1) members[i] = members[i - 1]!;
    members[low] = member;
    member.inPool = true;
  }

  /** The member's sort key must be the one it was inserted with. */
  remove(member: MemberRecord): void {
    const members = this.members;
    let low = 0;
    let high = members.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.compare(members[mid]!, member) < 0) low = mid + 1;
      else high = mid;
    }
    if (members[low] !== member) throw new Error('AgentPool.remove: member not found at its sort position');
    for (let i = low + 1; i < members.length; i += 1) members[i - 1] = members[i]!;
    members.pop();
    member.inPool = false;
  }
}
