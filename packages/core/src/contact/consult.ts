// Consultation (Sobot "inquiry"): the agent puts the customer on hold and calls a third party,
// then cancels, retrieves the customer, transfers to the third party, or makes a conference.
import type { Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { ConsultState, Contact, Leg, Target } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { checkTarget, invalid } from './contact-input.ts';
import { handOver } from './handover.ts';
import {
  agentLeg,
  appendLeg,
  customerLeg,
  findLeg,
  newLeg,
  partyOf,
  patchLeg,
  talkingAgentLeg,
} from './legs.ts';
import { type ContactOperation, checkOperation } from './phase-table.ts';

/** Starts a consultation: the customer is held, the agent's leg plays 'consulting', a 'consulted' leg rings. */
export function startConsult(contact: Contact, input: { target: Target; at: Millis }): Result<ContactChange> {
  const guard = checkOperation(contact, 'startConsult', input.at);
  if (!guard.ok) return guard;
  const target = checkTarget(input.target);
  if (!target.ok) return target;
  const to = target.value;
  if (to.kind === 'queue') return invalid('target.kind', 'a consultation needs a party, not a queue', to);
  const agent = talkingAgentLeg(contact);
  if (agent === undefined || contact.agentId === null) {
    return fail('no_call', 'no agent of ours is talking on this contact', { contactId: contact.id });
  }
  if (contact.consult !== null) {
    return fail('conflict', 'a consultation is already in progress', { contactId: contact.id });
  }
  if (contact.conference)
    return fail('conflict', 'the contact is in a conference', { contactId: contact.id });
  if (to.kind === 'agent' && to.agentId === contact.agentId) {
    return invalid('target.agentId', 'is the agent already handling the contact', to.agentId);
  }
  const leg = newLeg(contact, 'consulted', partyOf(to), 'ringing', input.at);
  let after = patchLeg(appendLeg(contact, leg), agent.id, { role: 'consulting' }, input.at);
  const customer = customerLeg(after);
  if (customer.state === 'up') after = patchLeg(after, customer.id, { state: 'held' }, input.at);
  const consult: ConsultState = {
    target: to,
    legId: leg.id,
    byAgentId: contact.agentId,
    byLegId: agent.id,
    startedAt: input.at,
  };
  after = { ...after, onHold: true, consult };
  return commit(contact, after, input.at, [
    { type: 'consultStarted', target: to, legId: leg.id, byAgentId: contact.agentId },
  ]);
}

/** Cancels the consultation: the consulted leg ends, the customer stays on hold (resume brings them back). */
export function cancelConsult(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const current = consultInProgress(contact, 'cancelConsult', input.at);
  if (!current.ok) return current;
  const { consulted } = current.value;
  return commit(contact, endConsultLeg(contact, consulted, input.at), input.at, [
    { type: 'consultEnded', legId: consulted.id, reason: 'cancelled' },
  ]);
}

/** Back to the customer: the consulted leg ends and the customer is off hold. */
export function retrieveConsult(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const current = consultInProgress(contact, 'retrieveConsult', input.at);
  if (!current.ok) return current;
  const { consulted } = current.value;
  const ended = endConsultLeg(contact, consulted, input.at);
  const after: Contact = {
    ...patchLeg(ended, customerLeg(ended).id, { state: 'up' }, input.at),
    onHold: false,
  };
  return commit(contact, after, input.at, [
    { type: 'consultEnded', legId: consulted.id, reason: 'retrieved' },
  ]);
}

/**
 * Consult-then-transfer: the agent leaves and the customer is bridged with the consulted party.
 * Allowed before the party answers too (an unattended transfer); the party then becomes the handler
 * when it answers, exactly as after a blind transfer.
 */
export function completeConsultTransfer(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const current = consultInProgress(contact, 'completeConsultTransfer', input.at);
  if (!current.ok) return current;
  const { consult, consulted, agent } = current.value;
  return commit(contact, handOver(contact, agent, consulted, input.at), input.at, [
    { type: 'consultEnded', legId: consulted.id, reason: 'transferred' },
    {
      type: 'transferred',
      target: consult.target,
      byAgentId: consult.byAgentId,
      mode: 'consult',
      toLegId: consulted.id,
    },
  ]);
}

/** Three-party conference: customer, agent and consulted party all up; the agent hosts. */
export function completeConsultConference(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const current = consultInProgress(contact, 'completeConsultConference', input.at);
  if (!current.ok) return current;
  const { consulted, agent } = current.value;
  if (consulted.state !== 'up') {
    return fail('conflict', 'the consulted party has not answered yet', {
      contactId: contact.id,
      legId: consulted.id,
    });
  }
  let after = patchLeg(contact, consulted.id, { role: 'conference' }, input.at);
  after = patchLeg(after, agent.id, { role: 'conference-host' }, input.at);
  after = patchLeg(after, customerLeg(after).id, { state: 'up' }, input.at);
  after = { ...after, onHold: false, consult: null, conference: true };
  return commit(contact, after, input.at, [
    { type: 'consultEnded', legId: consulted.id, reason: 'conferenced' },
  ]);
}

/** Ends the consulted leg and the consultation; the agent's leg is back to plain 'agent'. */
export function endConsultLeg(contact: Contact, consulted: Leg, at: Millis): Contact {
  let after = patchLeg(contact, consulted.id, { state: 'ended' }, at);
  const agent = agentLeg(after);
  if (agent !== undefined && agent.role === 'consulting')
    after = patchLeg(after, agent.id, { role: 'agent' }, at);
  return { ...after, consult: null };
}

interface ConsultInProgress {
  readonly consult: ConsultState;
  readonly consulted: Leg;
  readonly agent: Leg;
}

function consultInProgress(
  contact: Contact,
  operation: ContactOperation,
  at: Millis,
): Result<ConsultInProgress> {
  const guard = checkOperation(contact, operation, at);
  if (!guard.ok) return guard;
  const consult = contact.consult;
  if (consult === null) return fail('conflict', 'no consultation is in progress', { contactId: contact.id });
  const consulted = findLeg(contact, consult.legId);
  const agent = agentLeg(contact);
  if (consulted === undefined || consulted.state === 'ended' || agent === undefined) {
    return fail('internal', 'consultation without its legs', { contactId: contact.id });
  }
  return { ok: true, value: { consult, consulted, agent } };
}
