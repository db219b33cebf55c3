// In-call actions of the handling agent: hold/resume the customer, mute/unmute a leg, send DTMF.
// Each needs an agent of ours talking on the contact ('no_call' otherwise, e.g. after a blind
// transfer to an outside number the contact is still connected but nobody of ours is on it).
import type { LegId, Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact, Leg } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { checkDtmf, invalid } from './contact-input.ts';
import { agentLeg, customerLeg, findLeg, patchLeg, talkingAgentLeg } from './legs.ts';
import { type ContactOperation, checkOperation } from './phase-table.ts';

export function holdCustomer(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const guard = callAction(contact, 'hold', input.at);
  if (!guard.ok) return guard;
  if (contact.consult !== null)
    return fail('conflict', 'the customer is held by a consultation', { contactId: contact.id });
  if (contact.conference)
    return fail('conflict', 'the contact is in a conference', { contactId: contact.id });
  if (contact.onHold) return fail('conflict', 'the customer is already on hold', { contactId: contact.id });
  const after = patchLeg(contact, customerLeg(contact).id, { state: 'held' }, input.at);
  return commit(contact, { ...after, onHold: true }, input.at);
}

export function resumeCustomer(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const guard = callAction(contact, 'resume', input.at);
  if (!guard.ok) return guard;
  if (contact.consult !== null) {
    return fail('conflict', 'a consultation is in progress: retrieve it to return to the customer', {
      contactId: contact.id,
    });
  }
  if (!contact.onHold) return fail('conflict', 'the customer is not on hold', { contactId: contact.id });
  const after = patchLeg(contact, customerLeg(contact).id, { state: 'up' }, input.at);
  return commit(contact, { ...after, onHold: false }, input.at);
}

/** Mutes a leg's microphone; without legId, the handling agent's own (Sobot muteCall). */
export function muteLeg(contact: Contact, input: { legId?: LegId; at: Millis }): Result<ContactChange> {
  return setMuted(contact, 'mute', true, input);
}

export function unmuteLeg(contact: Contact, input: { legId?: LegId; at: Millis }): Result<ContactChange> {
  return setMuted(contact, 'unmute', false, input);
}

/**
 * Sends DTMF tones on a leg (default: the handling agent's, towards the far party). An event
 * only: the contact is returned unchanged and the telephony side plays the digits.
 */
export function sendDtmf(
  contact: Contact,
  input: { digits: string; legId?: LegId; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'sendDtmf', input.at);
  if (!guard.ok) return guard;
  const digits = checkDtmf(input.digits);
  if (!digits.ok) return digits;
  const leg = chosenLeg(contact, input.legId);
  if (!leg.ok) return leg;
  if (leg.value.state !== 'up')
    return fail('no_call', 'the leg is not in an answered call', { legId: leg.value.id });
  return commit(contact, contact, input.at, [{ type: 'dtmf', legId: leg.value.id, digits: digits.value }]);
}

function setMuted(
  contact: Contact,
  operation: ContactOperation,
  muted: boolean,
  input: { legId?: LegId; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, operation, input.at);
  if (!guard.ok) return guard;
  const leg = chosenLeg(contact, input.legId);
  if (!leg.ok) return leg;
  if (leg.value.state !== 'up' && leg.value.state !== 'held') {
    return fail('no_call', 'the leg is not in an answered call', { legId: leg.value.id });
  }
  if (leg.value.muted === muted) {
    return fail('conflict', `the leg is already ${muted ? 'muted' : 'unmuted'}`, { legId: leg.value.id });
  }
  return commit(contact, patchLeg(contact, leg.value.id, { muted }, input.at), input.at);
}

function chosenLeg(contact: Contact, legId: LegId | undefined): Result<Leg> {
  if (legId === undefined) {
    const own = agentLeg(contact);
    if (own === undefined)
      return fail('no_call', 'no agent of ours is on this contact', { contactId: contact.id });
    return { ok: true, value: own };
  }
  const leg = findLeg(contact, legId);
  if (leg === undefined) return invalid('legId', 'is not a leg of this contact', legId);
  if (leg.state === 'ended') return fail('no_call', 'the leg has already ended', { legId });
  return { ok: true, value: leg };
}

function callAction(contact: Contact, operation: ContactOperation, at: Millis): Result<void> {
  const guard = checkOperation(contact, operation, at);
  if (!guard.ok) return guard;
  if (talkingAgentLeg(contact) === undefined) {
    return fail('no_call', 'no agent of ours is talking on this contact', { contactId: contact.id });
  }
  return guard;
}
