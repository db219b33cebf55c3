// The way in: enqueue, offer to an agent, offer withdrawn / not answered, connect.
import type { AgentId, Millis, QueueId } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import type { OfferWithdrawReason } from './contact-events.ts';
import { checkId, invalid } from './contact-input.ts';
import { appendLeg, customerLeg, isDialing, isLive, newLeg, patchLeg } from './legs.ts';
import { checkOperation } from './phase-table.ts';

/**
 * Puts a waiting contact into a queue, or moves it to another queue while it waits (a new wait
 * starts: queuedAt is the time of this enqueue).
 */
export function enqueueContact(
  contact: Contact,
  input: { queueId: QueueId; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'enqueue', input.at);
  if (!guard.ok) return guard;
  const queueId = checkId('queueId', input.queueId);
  if (!queueId.ok) return queueId;
  if (contact.queueId === input.queueId && contact.queuedAt !== null) {
    return fail('conflict', `contact is already waiting in queue ${input.queueId}`, {
      contactId: contact.id,
    });
  }
  return commit(contact, { ...contact, queueId: input.queueId, queuedAt: input.at }, input.at);
}

/** Offers the contact to an agent: the agent's leg starts ringing. */
export function offerContact(
  contact: Contact,
  input: { agentId: AgentId; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'offer', input.at);
  if (!guard.ok) return guard;
  const agentId = checkId('agentId', input.agentId);
  if (!agentId.ok) return agentId;
  const leg = newLeg(contact, 'agent', { kind: 'agent', agentId: input.agentId }, 'ringing', input.at);
  const after: Contact = {
    ...appendLeg(contact, leg),
    phase: 'offered',
    offeredAt: input.at,
    offeredTo: input.agentId,
  };
  return commit(contact, after, input.at);
}

/**
 * The offer is taken back (routing withdrew it, the agent rejected it, or rang with no answer):
 * back to 'queued' in the same queue, keeping queuedAt so the wait is not reset.
 */
export function withdrawOffer(
  contact: Contact,
  input: { reason: OfferWithdrawReason; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'withdrawOffer', input.at);
  if (!guard.ok) return guard;
  if (input.reason !== 'withdrawn' && input.reason !== 'no_answer') {
    return invalid('reason', "must be 'withdrawn' or 'no_answer'", input.reason);
  }
  if (isDialing(contact)) {
    return fail(
      'conflict',
      'an outbound contact still dialing was never queued; end it with an outcome instead',
      {
        contactId: contact.id,
      },
    );
  }
  const leg = offeredLeg(contact);
  if (leg === undefined || contact.offeredTo === null) {
    return fail('internal', 'offered contact has no ringing agent leg', { contactId: contact.id });
  }
  const after: Contact = {
    ...patchLeg(contact, leg.id, { state: 'ended' }, input.at),
    phase: 'queued',
    offeredAt: null,
    offeredTo: null,
  };
  return commit(contact, after, input.at, [
    { type: 'offerWithdrawn', agentId: contact.offeredTo, legId: leg.id, reason: input.reason },
  ]);
}

/**
 * The offer is answered: the offered agent picked up, or — an outbound contact still dialing —
 * the customer answered.
 * Pass agentId to guard against a stale answer (an agent answering an offer that is no longer theirs).
 */
export function connectContact(
  contact: Contact,
  input: { at: Millis; agentId?: AgentId },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'connect', input.at);
  if (!guard.ok) return guard;
  if (input.agentId !== undefined && input.agentId !== contact.offeredTo) {
    return fail('conflict', `contact is offered to ${contact.offeredTo}, not ${input.agentId}`, {
      contactId: contact.id,
      offeredTo: contact.offeredTo,
    });
  }
  if (isDialing(contact)) {
    const customer = customerLeg(contact);
    const after: Contact = {
      ...patchLeg(contact, customer.id, { state: 'up' }, input.at),
      phase: 'connected',
      connectedAt: input.at,
    };
    return commit(contact, after, input.at);
  }
  const leg = offeredLeg(contact);
  if (leg === undefined)
    return fail('internal', 'offered contact has no ringing agent leg', { contactId: contact.id });
  const after: Contact = {
    ...patchLeg(contact, leg.id, { state: 'up' }, input.at),
    phase: 'connected',
    connectedAt: input.at,
    agentId: contact.offeredTo,
  };
  return commit(contact, after, input.at);
}

function offeredLeg(contact: Contact) {
  const agentId = contact.offeredTo;
  return contact.legs.find(
    (leg) =>
      isLive(leg) && leg.role === 'agent' && leg.party.kind === 'agent' && leg.party.agentId === agentId,
  );
}
