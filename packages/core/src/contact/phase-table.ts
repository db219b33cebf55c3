// The operation × phase table: in which phases each contact operation is allowed. This is the
// one place the rule lives; every operation checks it first, README.md shows it (a test keeps
// the two equal), and any phase not listed is refused with 'conflict'.
import type { Millis } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Contact, ContactPhase } from './contact.ts';

export const ALLOWED_PHASES = {
  enqueue: ['queued'],
  offer: ['queued'],
  withdrawOffer: ['offered'],
  connect: ['offered'],
  customerHangup: ['queued', 'offered', 'connected'],
  agentHangup: ['connected'],
  abandon: ['queued', 'offered'],
  timeout: ['queued', 'offered'],
  overflow: ['queued', 'offered'],
  refuse: ['queued', 'offered'],
  interrupt: ['queued', 'offered', 'connected'],
  fail: ['queued', 'offered', 'connected'],
  finishWrapup: ['wrapup'],
  hold: ['connected'],
  resume: ['connected'],
  mute: ['connected'],
  unmute: ['connected'],
  sendDtmf: ['connected'],
  blindTransfer: ['connected'],
  startConsult: ['connected'],
  cancelConsult: ['connected'],
  retrieveConsult: ['connected'],
  completeConsultTransfer: ['connected'],
  completeConsultConference: ['connected'],
  answerLeg: ['connected'],
  endLeg: ['connected'],
  startRecording: ['connected'],
  pauseRecording: ['connected'],
  resumeRecording: ['connected'],
  stopRecording: ['connected'],
  setAttachedData: ['queued', 'offered', 'connected', 'wrapup'],
  removeAttachedData: ['queued', 'offered', 'connected', 'wrapup'],
  setDisposition: ['connected', 'wrapup'],
} as const satisfies Record<string, readonly ContactPhase[]>;

export type ContactOperation = keyof typeof ALLOWED_PHASES;
export const CONTACT_OPERATIONS = Object.keys(ALLOWED_PHASES) as readonly ContactOperation[];

export function isAllowedIn(operation: ContactOperation, phase: ContactPhase): boolean {
  return (ALLOWED_PHASES[operation] as readonly ContactPhase[]).includes(phase);
}

/**
 * The checks every operation starts with: a usable time that does not run backwards (so
 * arrivedAt ≤ … ≤ endedAt holds by construction), then the phase table.
 */
export function checkOperation(contact: Contact, operation: ContactOperation, at: Millis): Result<void> {
  if (!Number.isFinite(at))
    return fail('invalid_argument', `${operation}: 'at' must be a finite time`, { at });
  if (at < contact.updatedAt) {
    return fail('invalid_argument', `${operation}: 'at' is earlier than the contact's last change`, {
      at,
      updatedAt: contact.updatedAt,
    });
  }
  if (!isAllowedIn(operation, contact.phase)) {
    return fail('conflict', `${operation} is not allowed while the contact is ${contact.phase}`, {
      contactId: contact.id,
      operation,
      phase: contact.phase,
      allowed: ALLOWED_PHASES[operation],
    });
  }
  return ok(undefined);
}
