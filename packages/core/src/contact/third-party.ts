// What the far side of a third-party leg does: answer, or hang up (or never answer).
// The customer's and the handling agent's own legs have their own operations (connect,
// customerHangup, agentHangup), so these two refuse them.
import type { LegId, Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact, Leg } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import type { ContactActionEvent } from './contact-events.ts';
import { finishContact } from './call-end.ts';
import { endConsultLeg } from './consult.ts';
import { invalid } from './contact-input.ts';
import { agentLeg, customerLeg, findLeg, isLive, patchLeg } from './legs.ts';
import { type ContactOperation, checkOperation } from './phase-table.ts';

/**
 * A consulted or transferred-to party answered. A transferred-to agent who answers while no agent
 * of ours handles the customer becomes the handling agent.
 */
export function answerLeg(contact: Contact, input: { legId: LegId; at: Millis }): Result<ContactChange> {
  const found = thirdPartyLeg(contact, 'answerLeg', input.legId, input.at);
  if (!found.ok) return found;
  const leg = found.value;
  if (leg.role !== 'consulted' && leg.role !== 'transferred-to') {
    return invalid(
      'legId',
      `is a '${leg.role}' leg; only consulted and transferred-to legs are answered`,
      leg.id,
    );
  }
  if (leg.state !== 'ringing') return fail('conflict', 'the leg has already answered', { legId: leg.id });
  const after = patchLeg(contact, leg.id, { state: 'up' }, input.at);
  const becomesHandler =
    leg.role === 'transferred-to' && leg.party.kind === 'agent' && contact.agentId === null;
  return commit(
    contact,
    becomesHandler && leg.party.kind === 'agent' ? { ...after, agentId: leg.party.agentId } : after,
    input.at,
  );
}

/**
 * A third party's leg ended (hung up, no answer, failed). A consulted party ending ends the
 * consultation (customer still held); a conference party ending returns to a two-party call; the
 * transfer target ending leaves the customer alone, so the contact is done — 'failed' if it never
 * answered, 'transferred' if it had.
 */
export function endLeg(contact: Contact, input: { legId: LegId; at: Millis }): Result<ContactChange> {
  const found = thirdPartyLeg(contact, 'endLeg', input.legId, input.at);
  if (!found.ok) return found;
  const leg = found.value;
  const actions: ContactActionEvent[] = [];
  if (contact.consult !== null && contact.consult.legId === leg.id) {
    actions.push({ type: 'consultEnded', legId: leg.id, reason: 'target_ended' });
    return commit(contact, endConsultLeg(contact, leg, input.at), input.at, actions);
  }
  if (leg.role === 'conference' && contact.conference) {
    let after = patchLeg(contact, leg.id, { state: 'ended' }, input.at);
    const host = agentLeg(after);
    if (host !== undefined) after = patchLeg(after, host.id, { role: 'agent' }, input.at);
    return commit(contact, { ...after, conference: false }, input.at);
  }
  if (leg.role === 'transferred-to' && contact.agentId === null) {
    const outcome = leg.state === 'ringing' ? 'failed' : 'transferred';
    return commit(contact, finishContact(contact, outcome, input.at, actions), input.at, actions);
  }
  return commit(contact, patchLeg(contact, leg.id, { state: 'ended' }, input.at), input.at);
}

function thirdPartyLeg(contact: Contact, operation: ContactOperation, legId: LegId, at: Millis): Result<Leg> {
  const guard = checkOperation(contact, operation, at);
  if (!guard.ok) return guard;
  const leg = findLeg(contact, legId);
  if (leg === undefined) return invalid('legId', 'is not a leg of this contact', legId);
  if (leg.id === customerLeg(contact).id) {
    return invalid('legId', "is the customer's leg (use customerHangup)", legId);
  }
  if (leg.id === agentLeg(contact)?.id) {
    return invalid('legId', "is the handling agent's leg (use agentHangup)", legId);
  }
  if (!isLive(leg)) return fail('no_call', 'the leg has already ended', { legId });
  return { ok: true, value: leg };
}
