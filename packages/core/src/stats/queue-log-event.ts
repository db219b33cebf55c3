// The append-only event logs that every statistic is computed from (like Asterisk's queue_log).
// Live figures and reports are both folds over these logs, so a figure shown on a wallboard can
// always be rebuilt from the stored log and checked. Events are facts that already happened: they
// carry the measured durations (waitMs, talkMs, ...) so a fold never has to pair events up to
// recover them, which is what makes the accumulators order-independent and mergeable.
import type { AgentId, ContactId, Millis, QueueId } from '../ids.ts';

export const QUEUE_LOG_EVENT_TYPES = [
  'entered', // the contact joined the queue
  'offered', // the contact was offered to (rung at) an agent
  'ringNoAnswer', // the offer timed out; the contact keeps waiting
  'connected', // an agent answered; waitMs = time from entering to answer
  'abandoned', // the CALLER hung up while waiting (never used for timeouts or overflows)
  'timeout', // the queue's max wait elapsed
  'overflowed', // the contact was sent elsewhere by a rule (full, empty, priority move, ...)
  'refused', // the join itself was refused; no `entered` precedes it
  'leftEmpty', // leave-when-empty: every member left while the contact waited
  'completed', // the call with the agent ended
  'transferred', // the agent transferred the call away
  'wrapupEnded', // the agent's after-call work for this contact ended (wrapupMs 0 when there was none)
  'interrupted', // the system stopped (crash, restart) while the contact was still in this queue's hands
] as const;
export type QueueLogEventType = (typeof QUEUE_LOG_EVENT_TYPES)[number];

export const REFUSE_REASONS = ['full', 'empty'] as const;
export type RefuseReason = (typeof REFUSE_REASONS)[number];

export const CALL_ENDERS = ['caller', 'agent'] as const;
export type CallEnder = (typeof CALL_ENDERS)[number];

export interface QueueLogBase {
  readonly at: Millis;
  readonly contactId: ContactId;
  readonly queueId: QueueId;
}

export type QueueLogEvent =
  | (QueueLogBase & { readonly type: 'entered'; readonly priority: number })
  | (QueueLogBase & { readonly type: 'offered'; readonly agentId: AgentId })
  | (QueueLogBase & { readonly type: 'ringNoAnswer'; readonly agentId: AgentId })
  | (QueueLogBase & { readonly type: 'connected'; readonly agentId: AgentId; readonly waitMs: number })
  | (QueueLogBase & { readonly type: 'abandoned'; readonly waitMs: number; readonly position: number })
  | (QueueLogBase & { readonly type: 'timeout'; readonly waitMs: number })
  | (QueueLogBase & { readonly type: 'overflowed'; readonly waitMs: number; readonly destination: string })
  | (QueueLogBase & { readonly type: 'refused'; readonly reason: RefuseReason })
  | (QueueLogBase & { readonly type: 'leftEmpty'; readonly waitMs: number })
  | (QueueLogBase & {
      readonly type: 'completed';
      readonly agentId: AgentId;
      /** Conversation time, hold excluded. */
      readonly talkMs: number;
      /** Time the customer spent on hold during the call. */
      readonly holdMs: number;
      readonly endedBy: CallEnder;
    })
  | (QueueLogBase & {
      readonly type: 'transferred';
      readonly agentId: AgentId;
      readonly talkMs: number;
      readonly target: string;
    })
  | (QueueLogBase & { readonly type: 'wrapupEnded'; readonly agentId: AgentId; readonly wrapupMs: number })
  // The closing line of a contact the system cut off (written by crash recovery). Neither an abandon
  // (the caller did not hang up) nor an answer. Two shapes, told apart by `'agentId' in line` like
  // every other line that names an agent:
  // - never answered in this queue (waiting or ringing): waitMs = entered → the restart;
  | (QueueLogBase & { readonly type: 'interrupted'; readonly waitMs: number })
  // - answered here (talking, in wrap-up, or ringing a transfer target): agentId = the agent who
  //   answered it from this queue, waitMs = the wait of that answer (as its `connected` line).
  | (QueueLogBase & { readonly type: 'interrupted'; readonly waitMs: number; readonly agentId: AgentId });

/** The event of one type, e.g. `QueueLogEventOf<'connected'>`. */
export type QueueLogEventOf<T extends QueueLogEventType> = Extract<QueueLogEvent, { readonly type: T }>;

// The canonical agent states (DESIGN.md "Agent state"). Spelled out here rather than imported
// because `stats` reads a stored log: the log's vocabulary must stay readable even if the live
// state machine later grows states of its own.
export const AGENT_LOG_STATES = [
  'LoggedOut',
  'Ready',
  'Paused',
  'Ringing',
  'Dialing',
  'OnCall',
  'Wrapup',
] as const;
export type AgentLogState = (typeof AGENT_LOG_STATES)[number];

/** The agent entered `state` at `at` (and stays in it until the next event for this agent). */
export interface AgentLogEvent {
  readonly at: Millis;
  readonly agentId: AgentId;
  readonly state: AgentLogState;
  /** Paused: the pause reason code; otherwise why the agent got here (may be null). */
  readonly reason: string | null;
}
