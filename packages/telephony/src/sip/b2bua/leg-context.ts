// What a leg needs from the B2BUA around it: the transaction layer and the sender (the ACK for a
// 2xx travels outside any transaction, §13.2.2.4), the clock, fresh tokens, our Contact, the
// dialog index in-dialog requests are routed by, the dialog store, and the timers it uses.
import type { SipClock } from '../sip-clock.ts';
import type { SipTransportName } from '../sip-transport.ts';
import type { SipTransactionLayer } from '../transaction-layer.ts';
import type { SipTimerValues } from '../transaction-timers.ts';
import type { SipMessageSender } from '../transport-layer.ts';
import type { DialogStore } from './dialog-store.ts';
import type { SipLeg } from './sip-leg.ts';

export interface LegContext {
  readonly transactions: SipTransactionLayer;
  readonly sender: SipMessageSender;
  readonly clock: SipClock;
  readonly timers: SipTimerValues;
  /** Random text for tags, Call-IDs and branches. */
  token(): string;
  /** Our Contact header value on this transport. */
  contact(transport: SipTransportName): string;
  /** The host our SDP placeholders and From values name. */
  readonly host: string;
  readonly store: DialogStore;
  /** In-dialog OPTIONS every this many ms on a confirmed leg; 0 = none. */
  readonly keepaliveMs: number;
  index(key: string, leg: SipLeg): void;
  unindex(key: string): void;
}
