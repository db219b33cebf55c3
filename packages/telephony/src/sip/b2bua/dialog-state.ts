// One side of a dialog as the B2BUA holds it (RFC 3261 §12): the Call-ID, our tag and theirs, the
// From and To values our requests carry (tags included), the remote target (their Contact), the
// route set, our CSeq counter, and the flow in-dialog requests go over. The B2BUA sends every
// in-dialog request over the flow the dialog was made on (the trunk's or the phone's address, the
// phone's TCP or WebSocket connection) rather than resolving the remote target: phones behind NAT
// and browsers can only be reached that way, and trunks answer where they sent from.
import { headerKey } from '../header-names.ts';
import type { SipHeader, SipRequest, SipResponse } from '../message.ts';
import { formatNameAddr } from '../name-addr.ts';
import type { SipTarget } from '../sip-transport.ts';
import { formatUri } from '../uri.ts';

export interface DialogState {
  readonly callId: string;
  readonly localTag: string;
  remoteTag: string | undefined;
  /** From value of our requests, our tag included. */
  readonly localAddress: string;
  /** To value of our requests (their tag once known). */
  remoteAddress: string;
  /** Request-URI of in-dialog requests (their Contact). */
  remoteTarget: string;
  /** Route values, in the order our requests carry them. */
  routeSet: readonly string[];
  localCseq: number;
  readonly flow: SipTarget;
}

/** The key a dialog is found by: an in-dialog request names our tag in its To. */
export function dialogKey(callId: string, localTag: string): string {
  return `${callId}\n${localTag}`;
}

function rawRows(message: { readonly headers: readonly SipHeader[] }, key: string): string[] {
  return message.headers.filter((h) => headerKey(h.name) === key).map((h) => h.value);
}

function contactTarget(message: SipRequest | SipResponse): string | undefined {
  const contact = message.contacts[0];
  return contact === undefined ? undefined : formatUri(contact.uri);
}

/** The dialog a UAS side makes from an INVITE it received (§12.1.1). */
export function uasDialog(invite: SipRequest, localTag: string, flow: SipTarget): DialogState {
  const to = rawRows(invite, 'to')[0] ?? formatNameAddr(invite.to);
  return {
    callId: invite.callId,
    localTag,
    remoteTag: invite.from.tag,
    localAddress: `${to};tag=${localTag}`,
    remoteAddress: rawRows(invite, 'from')[0] ?? formatNameAddr(invite.from),
    remoteTarget: contactTarget(invite) ?? formatUri(invite.from.uri),
    routeSet: invite.recordRoute.map((r) => formatNameAddr(r)),
    localCseq: 0,
    flow,
  };
}

/** Completes a UAC dialog from the response that made it (§12.1.2): their tag, Contact, routes reversed. */
export function confirmUacDialog(dialog: DialogState, response: SipResponse): void {
  dialog.remoteTag = response.to.tag;
  dialog.remoteAddress = rawRows(response, 'to')[0] ?? dialog.remoteAddress;
  dialog.remoteTarget = contactTarget(response) ?? dialog.remoteTarget;
  dialog.routeSet = response.recordRoute.map((r) => formatNameAddr(r)).reverse();
}

/** Rows common to every request of the dialog (§12.2.1.1), with the given CSeq. */
export function dialogRows(dialog: DialogState, cseq: number, method: string, contact: string): SipHeader[] {
  return [
    { name: 'Max-Forwards', value: '70' },
    { name: 'From', value: dialog.localAddress },
    { name: 'To', value: dialog.remoteAddress },
    { name: 'Call-ID', value: dialog.callId },
    { name: 'CSeq', value: `${cseq} ${method}` },
    ...dialog.routeSet.map((value) => ({ name: 'Route', value })),
    ...(method === 'ACK' || method === 'BYE' || method === 'INFO' || method === 'OPTIONS'
      ? []
      : [{ name: 'Contact', value: contact }]),
  ];
}
