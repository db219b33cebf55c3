// Creating a contact: inbound (a call arrived on a trunk) or outbound (an agent dials).
import type { AgentId, ContactId, Millis, QueueId } from '../ids.ts';
import { ok, type Result } from '../result.ts';
import type { AttachedData, Contact, Leg } from './contact.ts';
import type { ContactChange } from './contact-change.ts';
import type { ContactEvent } from './contact-events.ts';
import {
  checkAttachedPairs,
  checkDialable,
  checkId,
  checkPresentedNumber,
  checkPriority,
  checkTime,
} from './contact-input.ts';
import { newLeg } from './legs.ts';

export interface InboundContactInput {
  readonly id: ContactId;
  /** The caller's number as the trunk presented it; may be empty or "anonymous" when withheld. */
  readonly customerNumber: string;
  /** The number the customer dialed (DNIS). */
  readonly dialedNumber: string;
  readonly at: Millis;
  readonly priority?: number;
  readonly attached?: AttachedData;
}

export interface OutboundContactInput {
  readonly id: ContactId;
  readonly agentId: AgentId;
  readonly customerNumber: string;
  /** What is actually dialed (after routing prefixes); defaults to customerNumber. */
  readonly dialedNumber?: string;
  readonly at: Millis;
  /** The queue (or campaign queue) the call counts for, if any; it is not waited in. */
  readonly queueId?: QueueId | null;
  readonly priority?: number;
  readonly attached?: AttachedData;
}

/** A new inbound contact: phase 'queued' with no queue yet (in IVR); `enqueueContact` puts it in one. */
export function createInboundContact(input: InboundContactInput): Result<ContactChange> {
  const checks = [
    checkId('id', input.id),
    checkPresentedNumber('customerNumber', input.customerNumber),
    checkPresentedNumber('dialedNumber', input.dialedNumber),
    checkTime('at', input.at),
    checkPriority(input.priority ?? 0),
  ];
  const failed = checks.find((check) => !check.ok);
  if (failed !== undefined && !failed.ok) return failed;
  const attached = checkAttachedPairs(input.attached ?? []);
  if (!attached.ok) return attached;
  const base = blank(input.id, 'inbound', input.at);
  const contact: Contact = {
    ...base,
    priority: input.priority ?? 0,
    customerNumber: input.customerNumber,
    dialedNumber: input.dialedNumber,
    attached: attached.value,
    // The trunk call is answered by the switch (IVR, queue music), so the customer's leg is up.
    legs: [newLeg(base, 'caller', { kind: 'customer', number: input.customerNumber }, 'up', input.at)],
  };
  return created(contact);
}

/**
 * A new outbound contact: the agent dials, so it starts 'offered' (ringing the customer) with the
 * agent already handling it; `connectContact` is the customer answering. It is never queued
 * unless later transferred to a queue.
 */
export function createOutboundContact(input: OutboundContactInput): Result<ContactChange> {
  const dialed = input.dialedNumber ?? input.customerNumber;
  const checks = [
    checkId('id', input.id),
    checkId('agentId', input.agentId),
    checkDialable('customerNumber', input.customerNumber),
    checkDialable('dialedNumber', dialed),
    checkTime('at', input.at),
    checkPriority(input.priority ?? 0),
    input.queueId == null ? ok('') : checkId('queueId', input.queueId),
  ];
  const failed = checks.find((check) => !check.ok);
  if (failed !== undefined && !failed.ok) return failed;
  const attached = checkAttachedPairs(input.attached ?? []);
  if (!attached.ok) return attached;
  const base = blank(input.id, 'outbound', input.at);
  const customer = newLeg(
    base,
    'called',
    { kind: 'customer', number: input.customerNumber },
    'ringing',
    input.at,
  );
  const withCustomer: Contact = { ...base, legs: [customer] };
  const agent: Leg = newLeg(withCustomer, 'agent', { kind: 'agent', agentId: input.agentId }, 'up', input.at);
  const contact: Contact = {
    ...base,
    phase: 'offered',
    queueId: input.queueId ?? null,
    priority: input.priority ?? 0,
    customerNumber: input.customerNumber,
    dialedNumber: dialed,
    offeredAt: input.at,
    offeredTo: input.agentId,
    agentId: input.agentId,
    attached: attached.value,
    legs: [customer, agent],
  };
  return created(contact);
}

function blank(id: ContactId, direction: Contact['direction'], at: Millis): Contact {
  return {
    id,
    direction,
    phase: 'queued',
    queueId: null,
    priority: 0,
    customerNumber: '',
    dialedNumber: '',
    arrivedAt: at,
    queuedAt: null,
    offeredAt: null,
    offeredTo: null,
    connectedAt: null,
    agentId: null,
    wrapupAt: null,
    endedAt: null,
    outcome: null,
    legs: [],
    attached: [],
    disposition: null,
    onHold: false,
    recording: 'off',
    consult: null,
    conference: false,
    updatedAt: at,
  };
}

function created(contact: Contact): Result<ContactChange> {
  const stamp = { contactId: contact.id, at: contact.arrivedAt };
  const events: ContactEvent[] = [
    {
      ...stamp,
      type: 'created',
      direction: contact.direction,
      customerNumber: contact.customerNumber,
      dialedNumber: contact.dialedNumber,
    },
    ...contact.legs.map((leg): ContactEvent => ({ ...stamp, type: 'legAdded', leg })),
  ];
  return ok({ contact, events });
}
