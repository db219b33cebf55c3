// Media between legs without a media server: the B2BUA only moves SDP. Bridging two parties gives
// each the other's SDP (their RTP then flows directly, RFC 4733 telephone-events with it); hold
// sends the customer our last SDP with the direction turned to sendonly or inactive, resume sends
// the bridged party's SDP back (its own direction). A re-INVITE or a DTMF INFO from one bridged
// party is relayed to the other.
import type { SipServerTransaction } from '../server-transaction.ts';
import type { B2buaCall } from './b2bua-call.ts';
import { DTMF_RELAY_TYPE } from './dtmf-relay.ts';
import { type SdpDirection, withDirection } from './sdp-text.ts';
import type { SipLeg } from './sip-leg.ts';

/** The customer talks with `leg` now: 200 to a caller still waiting, else a re-INVITE. */
export function connectCustomer(call: B2buaCall, leg: SipLeg): void {
  const customer = call.customer;
  if (customer === null || !customer.live) return;
  call.bridged = leg;
  call.held = false;
  if (customer.state === 'early' && customer.isUas) customer.answer(leg.remoteSdp);
  else if (leg.remoteSdp !== undefined) void customer.reinvite(leg.remoteSdp);
}

/** Points a party's phone at another party's media (the consulted party, the customer again). */
export function pointAt(leg: SipLeg | null, other: SipLeg | null | undefined): void {
  if (leg === null || !leg.answered || other?.remoteSdp === undefined) return;
  void leg.reinvite(withDirection(other.remoteSdp, 'sendrecv'));
}

export function holdCustomer(call: B2buaCall, direction: SdpDirection): void {
  const customer = call.customer;
  const base = customer?.localSdp;
  if (customer === null || !customer.answered || base === undefined) return;
  call.held = true;
  void customer.reinvite(withDirection(base, direction));
}

export function resumeCustomer(call: B2buaCall): void {
  const customer = call.customer;
  const sdp = call.bridged?.remoteSdp ?? customer?.localSdp;
  if (customer === null || !customer.answered || sdp === undefined) return;
  call.held = false;
  void customer.reinvite(withDirection(sdp, 'sendrecv'));
}

/** The party this leg's media is bridged to, if any. */
export function peerOf(call: B2buaCall, leg: SipLeg): SipLeg | null {
  if (leg === call.customer) return call.bridged;
  if (leg === call.bridged) return call.customer;
  return null;
}

/** A re-INVITE from one party goes to its peer; the peer's answer answers it. */
export function relayReinvite(
  call: B2buaCall,
  leg: SipLeg,
  tx: SipServerTransaction,
  sdp: string | undefined,
): void {
  const peer = peerOf(call, leg);
  if (peer === null || !peer.answered || sdp === undefined || call.held) {
    leg.acceptReinvite(tx, undefined);
    return;
  }
  void peer.reinvite(sdp).then((answer) => {
    if (answer === undefined) tx.reply(488, 'Not Acceptable Here');
    else leg.acceptReinvite(tx, answer);
  });
}

/** A DTMF digit from one party: reported when the customer pressed it, relayed to the peer. */
export function relayDtmf(
  call: B2buaCall,
  leg: SipLeg,
  digit: string,
  body: string,
  onCustomerDigit: (digit: string) => void,
): void {
  if (leg === call.customer) onCustomerDigit(digit);
  peerOf(call, leg)?.info(DTMF_RELAY_TYPE, body);
}
