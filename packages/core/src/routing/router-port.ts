// The shape the engine programs against. Router (indexed, incremental) and NaiveRouter (full
// scan, the benchmark baseline and test oracle) both implement it and must agree call for call.
import type { AgentId, ContactId, Millis, QueueId, SkillId } from '../ids.ts';
import type { Result } from '../result.ts';
import type { MemberCounts } from './empty-rule.ts';
import type { QueueConfig } from './queue-config.ts';
import type { Assignment, EnqueueOutcome, WaitingContact } from './waiting-contact.ts';

export const AGENT_PRESENCES = ['offline', 'available', 'busy', 'paused'] as const;

/** What routing needs to know of an agent: 'available' = Ready, 'busy' = offered, on a call or in wrap-up. */
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

export interface RouterOptions {
  /** Returns [0, 1); the only source of randomness (random and weighted-random strategies). */
  readonly random: () => number;
}

export interface RouterPort {
  /** Adds or replaces a queue. Waiting contacts stay, re-evaluated under the new config. */
  upsertQueue(config: QueueConfig): Result<void>;
  /** unknown_queue; conflict while contacts wait in it. Drops its memberships. */
  removeQueue(id: QueueId): Result<void>;
  /** Adds the agent to the queue (appended to membership order) or changes its penalty (order kept). */
  setMembership(agentId: AgentId, queueId: QueueId, penalty: number): Result<void>;
  removeMembership(agentId: AgentId, queueId: QueueId): Result<void>;
  setAgentSkills(agentId: AgentId, skills: ReadonlyMap<SkillId, number>): void;
  /** 'available' starts the idle time at `now` (unless the agent already was available). */
  setAgentPresence(agentId: AgentId, presence: AgentPresence, now: Millis): void;
  /** Errors: invalid_argument, unknown_queue, already_exists (the contact already waits). */
  enqueue(contact: WaitingContact, now: Millis): Result<EnqueueOutcome>;
  /** Takes a waiting contact out (abandon, timeout, overflow); null when it is not waiting. */
  remove(contactId: ContactId): WaitingContact | null;
  /** Puts an offered contact back at the head of its priority band (ring-no-answer, reject). */
  requeueAtHead(contact: WaitingContact, now: Millis): Result<void>;
  /** Every match possible now; matched contacts leave, matched agents become 'busy'. */
  route(now: Millis): Assignment[];
  /** Feeds fewest-calls and least-recent (per member of this queue). */
  recordAnswered(agentId: AgentId, queueId: QueueId, now: Millis): void;
  /** Removes and returns the contacts whose queue is empty per its leaveWhenEmpty rule. */
  leaveWhenEmpty(now: Millis): WaitingContact[];
  /** 1-based place in its queue's service order; null when not waiting. */
  position(contactId: ContactId): number | null;
  waitingCount(queueId: QueueId): number;
  /** The queue's waiting contacts in service order ([] for an unknown queue). */
  waiting(queueId: QueueId): readonly WaitingContact[];
  /**
   * Earliest time > now when a waiting contact's relaxation step can widen routing; null when none
   * will. Implementations may skip contacts behind their group's leader (README.md).
   */
  nextRelaxationAt(now: Millis): Millis | null;
  /** Zero counts for an unknown queue. */
  memberCounts(queueId: QueueId): MemberCounts;
  /** The presence routing holds for the agent; null for an agent it never heard of. */
  presenceOf(agentId: AgentId): AgentPresence | null;
}
