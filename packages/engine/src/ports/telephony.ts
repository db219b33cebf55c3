import type { AgentId, ContactId, QueueId } from '@switchboard/core';

/** Where a call can be sent: the same four kinds every dialect's transfer names. */
export type CallTarget =
  | { readonly kind: 'agent'; readonly agentId: AgentId; readonly extension: string | null }
  | { readonly kind: 'queue'; readonly queueId: QueueId }
  | { readonly kind: 'extension'; readonly extension: string }
  | { readonly kind: 'external'; readonly number: string };

export interface OfferRequest {
  readonly contactId: ContactId;
  readonly agentId: AgentId;
  readonly extension: string | null;
  readonly queueId: QueueId | null;
}

/**
 * Why the engine releases a call: the switch tells the far end (a SIP final response or a BYE's
 * Reason header), so a carrier or PBX upstream can tell a full queue from a caller who gave up and
 * fail over. One value per way the engine ends a call:
 * - `normal`: our agent hung up (or gave up an outbound dial before the callee answered);
 * - `timeout`: nobody answered in time (queue max wait to a hang-up destination, a direct offer or
 *   a blind transfer that rang out);
 * - `queue-full`: the queue was at its maximum length (and its onFull sent the contact nowhere);
 * - `no-agents`: join-empty / leave-when-empty, an overflow agent not Ready, a transfer target gone;
 * - `interrupted`: the server is stopping (graceful stop);
 * - `rejected`: the dial plan (or an overflow rule) says hang up on this number outright;
 * - `failed`: a fault of ours (a queue the configuration no longer has).
 */
export const HANGUP_REASONS = [
  'normal',
  'timeout',
  'queue-full',
  'no-agents',
  'interrupted',
  'rejected',
  'failed',
] as const;
export type HangupReason = (typeof HANGUP_REASONS)[number];

export interface DialRequest {
  readonly contactId: ContactId;
  readonly agentId: AgentId;
  readonly extension: string | null;
  readonly number: string;
  readonly callerId: string | null;
}

/**
 * Telephony port: what the engine asks of a switch. Implementations: `telephony/sim` (in-process,
 * deterministic) and `telephony/sip` (real phones and trunks). Calls are fire-and-forget; the switch
 * reports what really happened through the TelephonySink, so the engine's state only ever follows
 * facts from the network, never its own hopes.
 */
export interface Telephony {
  attach(sink: TelephonySink): void;
  /** Ring the agent's phone with a waiting contact. */
  offer(request: OfferRequest): void;
  /**
   * Answer the agent's ringing phone from the desktop (CSTA-style remote answer). Returns false when
   * this switch or phone cannot; the switch then reports the answer through agentAnswered as usual.
   */
  answerRemotely(contactId: ContactId, agentId: AgentId): boolean;
  /** Stop ringing the agent (ring-no-answer, caller gone, another ring-all agent answered). */
  cancelOffer(contactId: ContactId, agentId: AgentId): void;
  /** Release the whole call (engine-initiated: timeout to hang-up destination, interrupted, …), saying why. */
  hangup(contactId: ContactId, reason: HangupReason): void;
  /** Release only the agent's leg (blind transfer away from the agent, consult completed). */
  releaseAgent(contactId: ContactId, agentId: AgentId): void;
  hold(contactId: ContactId): void;
  resume(contactId: ContactId): void;
  /** Connect the customer to a target outside the ACD (extension, external number). */
  redirect(contactId: ContactId, target: CallTarget): void;
  /** Place a consultation call from the agent to a target while the customer is held. */
  consult(contactId: ContactId, agentId: AgentId, target: CallTarget): void;
  /** End the consultation leg. */
  endConsult(contactId: ContactId): void;
  /** Join customer, agent and consulted party (three-party conference). */
  conference(contactId: ContactId): void;
  sendDtmf(contactId: ContactId, digits: string): void;
  /** Outbound call in two steps: the agent's phone first, then the destination. */
  dial(request: DialRequest): void;
}

/** What the switch reports to the engine. */
export interface TelephonySink {
  /** A call arrived from a trunk; returns the contact id, or null when the dial plan has no target. */
  inboundCall(call: InboundCall): ContactId | null;
  customerHangup(contactId: ContactId): void;
  agentAnswered(contactId: ContactId, agentId: AgentId): void;
  agentRejected(contactId: ContactId, agentId: AgentId): void;
  agentHangup(contactId: ContactId, agentId: AgentId): void;
  dialAnswered(contactId: ContactId): void;
  dialFailed(contactId: ContactId, cause: string): void;
  consultAnswered(contactId: ContactId): void;
  consultFailed(contactId: ContactId, cause: string): void;
  dtmfReceived(contactId: ContactId, digits: string): void;
}

export interface InboundCall {
  readonly customerNumber: string;
  readonly dialedNumber: string;
  readonly attached?: readonly (readonly [string, string])[];
  readonly priority?: number;
}
