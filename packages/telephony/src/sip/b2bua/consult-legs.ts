// The end of a consultation as the B2BUA does it: back to the customer (its legs end), or on into a
// three-party call (the answered party stays). Kept apart from SipTelephony, which only finds the call.
import type { B2buaCall } from './b2bua-call.ts';
import { pointAt, resumeCustomer } from './call-media.ts';

/** Ends the consultation's legs; the agent's phone goes back to the customer's media (still held). */
export function endConsultation(call: B2buaCall): void {
  const consult = call.consult;
  if (consult === null) return;
  call.consult = null;
  for (const leg of consult.legs) leg.end();
  consult.answered?.end();
  pointAt(call.bridged, call.customer);
}

/**
 * Three parties without a mixer: the customer and the agent talk again (off hold) and the
 * consulted party stays in the call's signalling, hearing nobody, until a media server mixes.
 * When the host hangs up, the consulted party takes the customer.
 */
export function joinConference(call: B2buaCall): void {
  const consult = call.consult;
  if (consult === null) return;
  call.consult = null;
  call.conference = consult.answered;
  for (const leg of consult.legs) if (leg !== consult.answered) leg.end();
  pointAt(call.bridged, call.customer);
  resumeCustomer(call);
}
