// The ways out: customer or agent hangs up, the contact ends with an outcome, wrap-up finishes.
import type { Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact, ContactOutcome } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import type { ContactActionEvent } from './contact-events.ts';
import { afterCall, finishContact } from './call-end.ts';
import { invalid } from './contact-input.ts';
import { agentLeg, isDialing, isLive } from './legs.ts';
import { type ContactOperation, checkOperation } from './phase-table.ts';
import { handOver, targetOfParty } from './handover.ts';

/** `wrapup`: whether the contact's queue has an after-call wrap-up (core does not know queue settings). */
export interface HangupInput {
  readonly at: Millis;
  readonly wrapup: boolean;
}

/**
 * The customer hung up. Before connect that is an abandon (done, 'abandoned') — or, outbound, the
 * callee declining the ringing call ('refused'); once connected the whole call ends (every leg, a
 * consultation too) and the agent wraps up or the contact is done.
 */
export function customerHangup(contact: Contact, input: HangupInput): Result<ContactChange> {
  const guard = checkOperation(contact, 'customerHangup', input.at);
  if (!guard.ok) return guard;
  const actions: ContactActionEvent[] = [];
  const after =
    contact.phase === 'connected'
      ? afterCall(contact, input.wrapup === true, input.at, actions)
      : finishContact(contact, isDialing(contact) ? 'refused' : 'abandoned', input.at, actions);
  return commit(contact, after, input.at, actions);
}

/**
 * The handling agent hung up. In a three-party conference the agent just leaves and the customer
 * stays with the other party (a handover); otherwise, as Sobot's hangup does, the whole call ends —
 * a consultation in progress included — and the agent wraps up or the contact is done.
 */
export function agentHangup(contact: Contact, input: HangupInput): Result<ContactChange> {
  const guard = checkOperation(contact, 'agentHangup', input.at);
  if (!guard.ok) return guard;
  const leg = agentLeg(contact);
  if (leg === undefined)
    return fail('no_call', 'no agent of ours is on this contact', { contactId: contact.id });
  const actions: ContactActionEvent[] = [];
  if (contact.conference) {
    const other = contact.legs.find((candidate) => isLive(candidate) && candidate.role === 'conference');
    if (other === undefined || other.party.kind === 'customer') {
      return fail('internal', 'conference without a conference party', { contactId: contact.id });
    }
    actions.push({
      type: 'transferred',
      target: targetOfParty(other.party),
      byAgentId: contact.agentId!,
      mode: 'conference_left',
      toLegId: other.id,
    });
    return commit(contact, handOver(contact, leg, other, input.at), input.at, actions);
  }
  return commit(contact, afterCall(contact, input.wrapup === true, input.at, actions), input.at, actions);
}

export type EndOutcome = Exclude<ContactOutcome, 'answered' | 'transferred'>;

// Each outcome is its own row of the phase table; 'answered' and 'transferred' are not here
// because only hang-ups and wrap-up reach them.
const END_OPERATION: { readonly [O in EndOutcome]: ContactOperation } = {
  abandoned: 'abandon',
  timeout: 'timeout',
  overflowed: 'overflow',
  refused: 'refuse',
  interrupted: 'interrupt',
  failed: 'fail',
};

/** Ends the contact at once with the given outcome (every leg ends, no wrap-up). */
export function endContact(
  contact: Contact,
  input: { outcome: EndOutcome; at: Millis },
): Result<ContactChange> {
  const operation = Object.hasOwn(END_OPERATION, input.outcome) ? END_OPERATION[input.outcome] : undefined;
  if (operation === undefined) {
    return invalid('outcome', `must be one of ${Object.keys(END_OPERATION).join(', ')}`, input.outcome);
  }
  const guard = checkOperation(contact, operation, input.at);
  if (!guard.ok) return guard;
  const actions: ContactActionEvent[] = [];
  return commit(contact, finishContact(contact, input.outcome, input.at, actions), input.at, actions);
}

/** The agent finished wrap-up: done, 'answered' (wrap-up only follows a call an agent of ours had). */
export function finishContactWrapup(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  const guard = checkOperation(contact, 'finishWrapup', input.at);
  if (!guard.ok) return guard;
  const actions: ContactActionEvent[] = [];
  return commit(contact, finishContact(contact, 'answered', input.at, actions), input.at, actions);
}
