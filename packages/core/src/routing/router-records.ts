// The Router's mutable bookkeeping records. They never leave the router: callers see
// WaitingContact, Assignment and the counts, never these.
import type { AgentId, Millis, SkillId } from '../ids.ts';
import type { Bucket } from './bucket.ts';
import type { SkillRequirement } from './queue-config.ts';
import type { QueueState } from './queue-state.ts';
import type { AgentPresence } from './router-port.ts';
import type { WaitingContact } from './waiting-contact.ts';

export interface AgentRecord {
  readonly id: AgentId;
  presence: AgentPresence;
  availableSince: Millis;
  skills: ReadonlyMap<SkillId, number>;
  /** One per queue the agent belongs to (a handful), in the order they were added. */
  readonly memberships: MemberRecord[];
  /** Queued in Router.dirtyAgents since the last route(). */
  dirty: boolean;
}

export interface MemberRecord {
  readonly agent: AgentRecord;
  readonly queue: QueueState;
  readonly agentId: AgentId;
  penalty: number;
  /** Membership ordinal in the queue (unique, increasing as members are added). */
  readonly order: number;
  /** Contacts of this queue the agent answered (fewest-calls). */
  answered: number;
  /** When it last answered one (least-recent); -Infinity when never. */
  lastAnsweredAt: number;
  /** strategyMetric(queue strategy, ...) cached for the pool's sort. */
  metric: number;
  /** Whether the member sits in its queue's available pool (its agent is available). */
  inPool: boolean;
}

/** A queue's merged requirement list, interned so contacts can be grouped by it. */
export interface RequirementClass {
  readonly id: number;
  readonly requirements: readonly SkillRequirement[];
  /** This class's (regular) bucket per priority; out-of-order contacts have buckets of their own. */
  readonly buckets: Map<number, Bucket>;
}

export interface ContactRecord {
  readonly contact: WaitingContact;
  readonly queue: QueueState;
  readonly queueId: string;
  readonly priority: number;
  readonly rank: number;
  readonly seq: number;
  queueWeight: number;
  requirementClass: RequirementClass;
  bucket: Bucket | null;
  waiting: boolean;
}
