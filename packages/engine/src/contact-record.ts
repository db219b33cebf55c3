import type {
  AgentId,
  AttachedData,
  Contact,
  ContactDirection,
  ContactId,
  ContactOutcome,
  Disposition,
  Millis,
  QueueId,
} from '@switchboard/core';

/**
 * The one record written per contact when it is done (the CDR of the contact center). Figures are
 * derived once, here, from the final contact and the times the engine tracked along the way.
 */
export interface ContactRecord {
  readonly contactId: ContactId;
  readonly direction: ContactDirection;
  readonly queueId: QueueId | null;
  readonly customerNumber: string;
  readonly dialedNumber: string;
  readonly arrivedAt: Millis;
  readonly connectedAt: Millis | null;
  readonly endedAt: Millis;
  readonly outcome: ContactOutcome;
  /** The last agent of ours who talked with the customer. */
  readonly agentId: AgentId | null;
  /** Every agent of ours who talked with the customer, in order. */
  readonly agents: readonly AgentId[];
  /** Arrival to first answer, or to the end when never answered. */
  readonly waitMs: number;
  /** Talk with agents of ours, hold excluded. */
  readonly talkMs: number;
  /** Time the customer spent on hold (consultations included). */
  readonly holdMs: number;
  /**
   * The contact's own wrap-up: its last handler's after-call work. A transferring agent's wrap-up is
   * in the queue log (`wrapupEnded`) and in that agent's statistics, not here.
   */
  readonly wrapupMs: number;
  readonly attached: AttachedData;
  readonly disposition: Disposition | null;
}

export interface CallTimes {
  readonly firstConnectedAt: Millis | null;
  readonly agents: readonly AgentId[];
  readonly talkMs: number;
  readonly holdMs: number;
  readonly wrapupMs: number;
}

export function contactRecordOf(contact: Contact, times: CallTimes): ContactRecord {
  const endedAt = contact.endedAt ?? contact.updatedAt;
  const connectedAt = times.firstConnectedAt;
  return {
    contactId: contact.id,
    direction: contact.direction,
    queueId: contact.queueId,
    customerNumber: contact.customerNumber,
    dialedNumber: contact.dialedNumber,
    arrivedAt: contact.arrivedAt,
    connectedAt,
    endedAt,
    outcome: contact.outcome ?? 'interrupted',
    agentId: times.agents.at(-1) ?? null,
    agents: times.agents,
    waitMs: (connectedAt ?? endedAt) - contact.arrivedAt,
    talkMs: times.talkMs,
    holdMs: times.holdMs,
    wrapupMs: times.wrapupMs,
    attached: contact.attached,
    disposition: contact.disposition,
  };
}
