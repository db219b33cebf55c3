// One contact's call as the B2BUA holds it: the customer's leg (the trunk caller, or the number an
// outbound dial reached), the agent phones ringing or answered per agent (an extension with
// several registered contacts is forked), the leg the customer's media is bridged to, transfer
// targets, the consultation, and the leg kept in a conference.
import type { CallTarget } from '@switchboard/engine';
import type { ReleaseSignal } from './release-signals.ts';
import type { SipLeg } from './sip-leg.ts';

export interface ConsultState {
  readonly target: CallTarget;
  /** Forks of the consultation call while it rings. */
  legs: SipLeg[];
  answered: SipLeg | null;
  /** Completed as a transfer before the consulted party answered: bridge it to the customer then. */
  transferOnAnswer: boolean;
}

export interface B2buaCall {
  readonly contactId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly customerNumber: string;
  /** The trunk caller (inbound) or the dialed destination (outbound, once placed). */
  customer: SipLeg | null;
  /** Legs toward agents of ours: forks while ringing, one once answered. */
  readonly agentLegs: Map<string, SipLeg[]>;
  /** Where the customer's media goes: the handling agent, a redirect or transfer target. */
  bridged: SipLeg | null;
  /** Forks of a blind transfer to an extension or a number. */
  targets: SipLeg[];
  consult: ConsultState | null;
  /** The consulted party kept in a three-party conference (signalling only: no mixer). */
  conference: SipLeg | null;
  held: boolean;
  ended: boolean;
}

export function newCall(
  contactId: string,
  direction: B2buaCall['direction'],
  customerNumber: string,
): B2buaCall {
  return {
    contactId,
    direction,
    customerNumber,
    customer: null,
    agentLegs: new Map(),
    bridged: null,
    targets: [],
    consult: null,
    conference: null,
    held: false,
    ended: false,
  };
}

/** Every leg of the call, each once. */
export function legsOf(call: B2buaCall): SipLeg[] {
  const all = new Set<SipLeg>();
  if (call.customer) all.add(call.customer);
  for (const legs of call.agentLegs.values()) for (const leg of legs) all.add(leg);
  if (call.bridged) all.add(call.bridged);
  for (const leg of call.targets) all.add(leg);
  if (call.consult) {
    for (const leg of call.consult.legs) all.add(leg);
    if (call.consult.answered) all.add(call.consult.answered);
  }
  if (call.conference) all.add(call.conference);
  return [...all];
}

/** Ends every leg as its state requires (saying why, when a signal is given) and marks the call over. */
export function endCall(call: B2buaCall, signal?: ReleaseSignal): void {
  call.ended = true;
  for (const leg of legsOf(call)) leg.end(signal);
}
