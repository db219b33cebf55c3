// One route() pass of the Router. The rule it must reproduce (NaiveRouter's): take the waiting
// contacts in service order; each takes its queue strategy's pick among the eligible available
// agents, if any. After a pass no (waiting, available) pair is eligible, and a bucket's contacts
// are eligible for a subset of its head's agents; so the only contacts that can match now are the
// heads of dirty buckets (eligibility grew: a new bucket, a head on a wider step) — and the ones
// behind them while each head before got an agent — and, for each dirty agent, the first contact
// in service order it is eligible for. Those go in one heap by service order. Entries are
// re-aimed lazily when their contact was taken by someone else (the old key is a lower bound of
// the new one, since a pass only ever removes contacts, so the heap order stays right).
import type { Millis } from '../ids.ts';
import { type Bucket, headBefore } from './bucket.ts';
import { meetsRequirements } from './eligibility.ts';
import { IndexedHeap } from './indexed-heap.ts';
import type { AgentRecord, ContactRecord, MemberRecord } from './router-records.ts';
import { type Assignment, servedBefore } from './waiting-contact.ts';

interface PassEntry {
  /** The head of `bucket` when the entry was made. */
  readonly contact: ContactRecord;
  readonly bucket: Bucket;
  /** The dirty agent this entry is for; null for a dirty bucket's own entry. */
  readonly agent: AgentRecord | null;
}

export type Assign = (contact: ContactRecord, members: readonly MemberRecord[], now: Millis) => Assignment;

const noIndex = (): void => {};

/** The first waiting contact in service order that the agent is eligible for, over all its queues. */
export function firstEligibleContact(agent: AgentRecord): ContactRecord | null {
  let best: Bucket | null = null;
  for (const member of agent.memberships) {
    // Buckets are in head order: the first eligible one holds this queue's best contact, and once a
    // head is not before the best found so far, no later bucket's is either.
    for (const bucket of member.queue.active) {
      if (best !== null && !headBefore(bucket, best)) break;
      if (member.penalty > bucket.cap) continue;
      if (!meetsRequirements(agent.skills, bucket.requirements, bucket.drop)) continue;
      best = bucket;
      break;
    }
  }
  return best === null ? null : best.peek()!;
}

export class RoutingPass {
  private readonly heap = new IndexedHeap<PassEntry>((a, b) => servedBefore(a.contact, b.contact), noIndex);
  private readonly assign: Assign;

  constructor(assign: Assign) {
    this.assign = assign;
  }

  /** Clears the dirty flags of the agents (the caller settles the buckets). */
  run(
    dirtyBuckets: readonly Bucket[],
    dirtyAgents: readonly AgentRecord[],
    now: Millis,
    random: () => number,
  ): Assignment[] {
    const heap = this.heap;
    for (const bucket of dirtyBuckets) {
      const head = bucket.peek();
      if (head !== undefined) heap.push({ contact: head, bucket, agent: null });
    }
    for (const agent of dirtyAgents) {
      agent.dirty = false;
      this.aim(agent);
    }
    const assignments: Assignment[] = [];
    for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
      const { contact, bucket, agent } = entry;
      if (agent !== null) {
        if (agent.presence !== 'available') continue;
        if (!contact.waiting) {
          this.aim(agent);
          continue;
        }
      } else {
        const head = bucket.peek();
        if (head === undefined) continue;
        if (head !== contact) {
          heap.push({ contact: head, bucket, agent: null });
          continue;
        }
      }
      // Still waiting means still the head of its bucket: a pass only removes contacts.
      const members = contact.queue.pickMembers(contact.bucket!, random);
      if (members.length === 0) continue;
      assignments.push(this.assign(contact, members, now));
      if (agent !== null) this.aim(agent);
      else if (bucket.size > 0) heap.push({ contact: bucket.peek()!, bucket, agent: null });
    }
    return assignments;
  }

  private aim(agent: AgentRecord): void {
    if (agent.presence !== 'available') return;
    const contact = firstEligibleContact(agent);
    if (contact !== null) this.heap.push({ contact, bucket: contact.bucket!, agent });
  }
}
