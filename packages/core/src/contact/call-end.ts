// How a contact's call side ends, shared by every operation that ends it (hang-ups, end with an
// outcome, a transfer target that hangs up). Keeping it in one place keeps the end state uniform:
// no live leg, no hold, no consult, no conference, recording off.
import type { Millis } from '../ids.ts';
import type { Contact, ContactOutcome } from './contact.ts';
import type { ContactActionEvent } from './contact-events.ts';
import { endLegs } from './legs.ts';

/** Ends every live leg and clears call state; reports a consultation cut short. */
export function closeCall(contact: Contact, at: Millis, actions: ContactActionEvent[]): Contact {
  if (contact.consult !== null) {
    actions.push({ type: 'consultEnded', legId: contact.consult.legId, reason: 'call_ended' });
  }
  return { ...endLegs(contact, at), onHold: false, consult: null, conference: false, recording: 'off' };
}

/** The terminal step: done, with its one outcome and endedAt. */
export function finishContact(
  contact: Contact,
  outcome: ContactOutcome,
  at: Millis,
  actions: ContactActionEvent[],
): Contact {
  return { ...closeCall(contact, at, actions), phase: 'done', outcome, endedAt: at };
}

/**
 * The customer's call is over while connected. The agent handling it wraps up when the queue asks
 * for wrap-up; otherwise (or with no agent of ours on it) the contact is done at once. The outcome
 * is 'answered' when one of our agents had it, 'transferred' when it had been handed outside.
 */
export function afterCall(
  contact: Contact,
  wrapup: boolean,
  at: Millis,
  actions: ContactActionEvent[],
): Contact {
  if (contact.agentId !== null && wrapup) {
    return { ...closeCall(contact, at, actions), phase: 'wrapup', wrapupAt: at };
  }
  return finishContact(contact, contact.agentId !== null ? 'answered' : 'transferred', at, actions);
}
