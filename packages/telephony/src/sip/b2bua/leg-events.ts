// What a leg tells its call (LegEvents), what placing a leg needs (OutgoingLegOptions), and the
// SDP a message carries.
import type { SipHeader, SipRequest, SipResponse } from '../message.ts';
import type { SipServerTransaction } from '../server-transaction.ts';
import type { SipTarget } from '../sip-transport.ts';
import type { LegRole } from './dialog-store.ts';
import type { SipLeg } from './sip-leg.ts';

export type LegState = 'calling' | 'early' | 'confirmed' | 'ended';

export interface LegEvents {
  /** UAC: the first 2xx to our INVITE (the ACK is sent). */
  onAnswered?(leg: SipLeg): void;
  /** UAC: a final non-2xx, a timeout (408) or a transport failure (503) - never after our CANCEL. */
  onFailed?(leg: SipLeg, status: number, reason: string): void;
  /** The remote party ended the leg: BYE, CANCEL, no ACK for our 2xx, keepalive gone. */
  onEnded?(leg: SipLeg): void;
  /** A re-INVITE: answer with `leg.acceptReinvite(tx, sdp)` or `tx.reply(...)`. */
  onReinvite?(leg: SipLeg, tx: SipServerTransaction, sdp: string | undefined): void;
  /** A DTMF digit in an INFO (application/dtmf-relay), with the body to relay as is. */
  onDtmf?(leg: SipLeg, digit: string, body: string): void;
}

export interface OutgoingLegOptions {
  readonly role: LegRole;
  readonly contactId: string;
  readonly agentId: string | null;
  readonly requestUri: string;
  readonly flow: SipTarget;
  /** From and To name-addr values (no tags). */
  readonly from: string;
  readonly to: string;
  readonly sdp: string | undefined;
  readonly headers?: readonly SipHeader[];
}

const decoder = new TextDecoder();

/** The SDP a message carries, as text (undefined without an application/sdp body). */
export function sdpOf(message: SipRequest | SipResponse): string | undefined {
  const type = message.contentType;
  if (message.body.length === 0 || type === undefined) return undefined;
  return type.type === 'application' && type.subtype === 'sdp' ? decoder.decode(message.body) : undefined;
}
