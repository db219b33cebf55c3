// The contact (interaction): one customer interaction from arrival to done. Plain immutable data;
// every operation in this folder takes a Contact and returns a new one plus events describing the
// change (see contact-change.ts). README.md beside this file explains the phases and rules.
import type { AgentId, ContactId, LegId, Millis, QueueId } from '../ids.ts';
import type { LegRole } from './leg-roles.ts';

export const CONTACT_PHASES = ['queued', 'offered', 'connected', 'wrapup', 'done'] as const;
export type ContactPhase = (typeof CONTACT_PHASES)[number];

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** How a contact ended, set once when it reaches `done` (null before). */
export const CONTACT_OUTCOMES = [
  'answered', // an agent of ours talked with the customer and the contact ended normally
  'abandoned', // the customer (or, outbound, the dialing agent) gave up before connect
  'timeout', // queue max wait / ring time elapsed before connect
  'overflowed', // the queue sent the contact away (the contact ends here)
  'refused', // the queue would not take it (full, join-empty) or the callee was busy
  'interrupted', // ended by the system or a supervisor (shutdown, forced logout)
  'failed', // technical failure, or a transfer target that never answered
  'transferred', // handed over outside our agents (extension, external number) and ended there
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const LEG_STATES = ['ringing', 'up', 'held', 'ended'] as const;
export type LegState = (typeof LEG_STATES)[number];

export const RECORDING_STATES = ['off', 'on', 'paused'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];

/** Where a transfer or consultation goes. */
export type Target =
  | { readonly kind: 'agent'; readonly agentId: AgentId }
  | { readonly kind: 'queue'; readonly queueId: QueueId }
  | { readonly kind: 'extension'; readonly extension: string }
  | { readonly kind: 'external'; readonly number: string };

/** Who is at the far end of a leg. A queue is never a party: it holds the customer, it does not talk. */
export type Party =
  | { readonly kind: 'customer'; readonly number: string }
  | { readonly kind: 'agent'; readonly agentId: AgentId }
  | { readonly kind: 'extension'; readonly extension: string }
  | { readonly kind: 'external'; readonly number: string };

/** One call leg of the interaction. Legs are only ever appended; an ended leg stays in the list. */
export interface Leg {
  readonly id: LegId;
  readonly role: LegRole;
  readonly party: Party;
  readonly state: LegState;
  readonly muted: boolean;
  readonly startedAt: Millis;
  /** Set exactly when state becomes 'ended' (a leg ends at most once). */
  readonly endedAt: Millis | null;
}

/**
 * The wrap-up classification. One shape for both vendors: uContact's three-level typification
 * (l1/l2/l3, l1 mandatory there) and CTToolbar's single outcome code (saveScript outcomeResult).
 * At least one of level1 or code is present; a level needs the level above it.
 */
export interface Disposition {
  readonly level1: string | null;
  readonly level2: string | null;
  readonly level3: string | null;
  readonly code: string | null;
  /** Free text (uContact `comment`). */
  readonly note: string | null;
  readonly setBy: AgentId | null;
  readonly setAt: Millis;
}

/** The consultation in progress: the agent talks to `target` on `legId` while the customer is held. */
export interface ConsultState {
  readonly target: Target;
  readonly legId: LegId;
  readonly byAgentId: AgentId;
  readonly byLegId: LegId;
  readonly startedAt: Millis;
}

/** Ordered key/value pairs: an update keeps the key's position, a new key appends. */
export type AttachedData = readonly (readonly [string, string])[];

export interface Contact {
  readonly id: ContactId;
  readonly direction: ContactDirection;
  readonly phase: ContactPhase;
  /** The queue holding (or last holding) the contact; null before the first enqueue or for a direct call. */
  readonly queueId: QueueId | null;
  readonly priority: number;
  readonly customerNumber: string;
  readonly dialedNumber: string;
  readonly arrivedAt: Millis;
  /** When the contact entered its current queue; kept across a withdrawn offer. */
  readonly queuedAt: Millis | null;
  readonly offeredAt: Millis | null;
  readonly offeredTo: AgentId | null;
  readonly connectedAt: Millis | null;
  /** The agent of ours handling the customer now (null while nobody of ours is talking with them). */
  readonly agentId: AgentId | null;
  readonly wrapupAt: Millis | null;
  /** Set iff phase is 'done'. */
  readonly endedAt: Millis | null;
  /** Set iff phase is 'done'. */
  readonly outcome: ContactOutcome | null;
  /** legs[0] is always the customer's leg. */
  readonly legs: readonly Leg[];
  readonly attached: AttachedData;
  readonly disposition: Disposition | null;
  /** The customer is on hold (their leg is 'held'); also true during a consultation. */
  readonly onHold: boolean;
  readonly recording: RecordingState;
  readonly consult: ConsultState | null;
  readonly conference: boolean;
  /** Time of the last change; operations refuse an earlier `at` so timestamps never run backwards. */
  readonly updatedAt: Millis;
}
