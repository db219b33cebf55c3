// What the recovery journal keeps about a contact in progress: enough to write its record if the
// process dies before the contact ends. The engine journals a contact when it starts and again
// whenever its queue or agent changes; the record's insert deletes the entry in the same commit.
import {
  type AgentId,
  type AttachedData,
  type ContactDirection,
  type ContactId,
  type Disposition,
  type Millis,
  ok,
  type QueueId,
  type Result,
} from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import { checkAttached, checkContactBasics, checkDisposition } from './contact-record-codec.ts';
import { invalid, isMillis, isRecordObject } from './field-checks.ts';

export interface JournaledContact {
  readonly contactId: ContactId;
  readonly direction: ContactDirection;
  readonly queueId: QueueId | null;
  readonly customerNumber: string;
  readonly dialedNumber: string;
  readonly arrivedAt: Millis;
  readonly connectedAt: Millis | null;
  /** The agent of ours handling the customer now, if any. */
  readonly agentId: AgentId | null;
  /** Every agent of ours who talked with the customer so far, in order. */
  readonly agents: readonly AgentId[];
  readonly attached: AttachedData;
  readonly disposition: Disposition | null;
  /** When this entry was written (the last moment the contact is known to have been alive). */
  readonly updatedAt: Millis;
}

export interface JournaledAgent {
  readonly agentId: AgentId;
  readonly extension: string | null;
  readonly loggedInAt: Millis;
}

export function validateJournaledContact(input: unknown): Result<JournaledContact> {
  if (!isRecordObject(input)) return invalid('journaledContact', 'must be an object');
  const basics = checkContactBasics(input);
  if (!basics.ok) return basics;
  const attached = checkAttached(input.attached);
  if (!attached.ok) return attached;
  const disposition = checkDisposition(input.disposition);
  if (!disposition.ok) return disposition;
  if (!isMillis(input.updatedAt) || input.updatedAt < (input.arrivedAt as number)) {
    return invalid('updatedAt', 'must be a time in ms, not before arrivedAt');
  }
  return ok({
    contactId: input.contactId as string,
    direction: input.direction as ContactDirection,
    queueId: input.queueId as string | null,
    customerNumber: input.customerNumber as string,
    dialedNumber: input.dialedNumber as string,
    arrivedAt: input.arrivedAt as number,
    connectedAt: input.connectedAt as number | null,
    agentId: input.agentId as string | null,
    agents: [...(input.agents as string[])],
    attached: attached.value,
    disposition: disposition.value,
    updatedAt: input.updatedAt,
  });
}

/**
 * The record of a contact the crash cut off. It ends at the restart (`now`): the process cannot
 * know when the call really dropped, and the restart is when the system closed it. Talk, hold and
 * wrap-up were not measured to the end, so they are recorded as 0 rather than guessed; the wait
 * follows the usual rule (arrival to answer, or to the end when never answered).
 */
export function interruptedRecordOf(entry: JournaledContact, now: Millis): ContactRecord {
  const endedAt = Math.max(now, entry.updatedAt, entry.connectedAt ?? 0);
  return {
    contactId: entry.contactId,
    direction: entry.direction,
    queueId: entry.queueId,
    customerNumber: entry.customerNumber,
    dialedNumber: entry.dialedNumber,
    arrivedAt: entry.arrivedAt,
    connectedAt: entry.connectedAt,
    endedAt,
    outcome: 'interrupted',
    agentId: entry.agents.at(-1) ?? null,
    agents: entry.agents,
    waitMs: (entry.connectedAt ?? endedAt) - entry.arrivedAt,
    talkMs: 0,
    holdMs: 0,
    wrapupMs: 0,
    attached: entry.attached,
    disposition: entry.disposition,
  };
}
