// A contact waiting in a queue, what routing hands out, and the one service order both routers
// follow (priority, then wait, then queue weight and id, then arrival).
import type { AgentId, ContactId, Millis, QueueId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Destination, SkillRequirement } from './queue-config.ts';
import { checkRequirements } from './queue-config.ts';

export interface WaitingContact {
  readonly contactId: ContactId;
  readonly queueId: QueueId;
  /** Higher is served first. */
  readonly priority: number;
  /** When the contact entered the queue: its wait and relaxation step count from here. */
  readonly enqueuedAt: Millis;
  /** Added to the queue's requirements for this contact only. */
  readonly requirements?: readonly SkillRequirement[];
}

/** One offer: agentIds has one element except for ring-all (the whole group, in membership order). */
export interface Assignment {
  readonly contactId: ContactId;
  readonly queueId: QueueId;
  readonly agentIds: readonly AgentId[];
  /** now − enqueuedAt at the offer (never below 0). */
  readonly waitedMs: number;
}

export type EnqueueOutcome =
  | { readonly kind: 'queued'; readonly position: number }
  | { readonly kind: 'refused'; readonly reason: 'full' | 'empty'; readonly overflow: Destination | null };

/**
 * Where a waiting contact stands. `rank` is enqueuedAt, except for a contact put back at the head
 * of its queue (requeueAtHead), whose rank is lowered to the head's; `seq` orders equal ranks by
 * arrival (head requeues get ever smaller negative seqs, so the latest one is first).
 */
export interface ServiceKey {
  readonly priority: number;
  readonly rank: number;
  readonly queueWeight: number;
  readonly queueId: QueueId;
  readonly seq: number;
}

/**
 * The service order: priority desc, rank asc (longest waiting first), queue weight desc, queue id
 * asc (code-unit order), seq asc. Within one queue only priority, rank and seq matter.
 */
export function servedBefore(a: ServiceKey, b: ServiceKey): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.queueId !== b.queueId) {
    if (a.queueWeight !== b.queueWeight) return a.queueWeight > b.queueWeight;
    return a.queueId < b.queueId;
  }
  return a.seq < b.seq;
}

export function compareService(a: ServiceKey, b: ServiceKey): number {
  return servedBefore(a, b) ? -1 : servedBefore(b, a) ? 1 : 0;
}

export function validateWaitingContact(contact: WaitingContact): Result<WaitingContact> {
  const bad = (field: string, message: string): Result<WaitingContact> =>
    fail('invalid_argument', message, { field, contactId: contact?.contactId });
  if (typeof contact !== 'object' || contact === null) return bad('contact', 'contact must be an object');
  if (typeof contact.contactId !== 'string' || contact.contactId === '') {
    return bad('contactId', 'contactId must be a non-empty string');
  }
  if (typeof contact.queueId !== 'string') return bad('queueId', 'queueId must be a string');
  if (typeof contact.priority !== 'number' || !Number.isFinite(contact.priority)) {
    return bad('priority', 'priority must be a finite number');
  }
  if (typeof contact.enqueuedAt !== 'number' || !Number.isFinite(contact.enqueuedAt)) {
    return bad('enqueuedAt', 'enqueuedAt must be a finite number');
  }
  if (contact.requirements !== undefined) {
    const problem = checkRequirements('requirements', contact.requirements);
    if (problem) return bad(problem.field, problem.message);
  }
  return ok(contact);
}
