// What a leg needs from the B2BUA around it: the transaction layer and the sender (the ACK for a
// 2xx travels outside any transaction, §13.2.2.4), the clock, fresh tokens, our Contact, the
// dialog index in-dialog requests are routed by, the dialog store, and the timers it uses.
import { randomUUID } from 'node:crypto';
import type { SipClock } from '../sip-clock.ts';
import type { SipService } from '../sip-service.ts';
import type { SipTransportName } from '../sip-transport.ts';
import type { SipTransactionLayer } from '../transaction-layer.ts';
import { DEFAULT_SIP_TIMERS, type SipTimerValues } from '../transaction-timers.ts';
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
  /** Counters the B2BUA reports (SipTelephony.stats). */
  readonly counters: LegCounters;
  /** In-dialog OPTIONS every this many ms on a confirmed leg; 0 = none. */
  readonly keepaliveMs: number;
  index(key: string, leg: SipLeg): void;
  unindex(key: string): void;
}

export interface LegCounters {
  reinvitesSent: number;
  /** Answered 2xx: the party took the new SDP. */
  reinvitesAccepted: number;
  reinvitesRefused: number;
}

export interface LegContextOptions {
  readonly clock: SipClock;
  readonly timers?: Partial<SipTimerValues>;
  readonly advertisedHost?: string;
  readonly randomToken?: () => string;
  readonly store: DialogStore;
  readonly keepaliveMs: number;
  readonly dialogs: Map<string, SipLeg>;
  readonly counters: LegCounters;
}

/** The context legs of one B2BUA share, over a started SIP service. */
export function buildLegContext(service: SipService, options: LegContextOptions): LegContext {
  const layer = service.transportLayer;
  const host =
    options.advertisedHost ?? layer.sentBy('UDP')?.host ?? layer.sentBy('TCP')?.host ?? '127.0.0.1';
  return {
    transactions: service.transactions,
    sender: layer,
    clock: options.clock,
    timers: { ...DEFAULT_SIP_TIMERS, ...options.timers },
    token: options.randomToken ?? (() => randomUUID().replaceAll('-', '').slice(0, 20)),
    host,
    contact: (transport) => {
      const by = layer.sentBy(transport);
      const param = transport === 'UDP' ? '' : `;transport=${transport.toLowerCase()}`;
      return `<sip:switchboard@${by?.host ?? host}:${by?.port ?? 5060}${param}>`;
    },
    store: options.store,
    counters: options.counters,
    keepaliveMs: options.keepaliveMs,
    index: (key, leg) => options.dialogs.set(key, leg),
    unindex: (key) => options.dialogs.delete(key),
  };
}
