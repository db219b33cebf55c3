// The INVITE of a leg we place (an agent's phone, a transfer or consult target, a number through
// the trunk) and what its answers mean: a provisional makes the leg early and lets a wanted CANCEL
// go (§9.1: not before); the first 2xx makes the dialog and gets its ACK (sent again for each copy
// of that 2xx); a 2xx from another fork is acknowledged and hung up at once (§13.2.2.4); a final
// non-2xx, timer B or a transport failure fail the leg.
import type { SipClientTransaction, SipOutgoingRequest } from '../client-transaction.ts';
import { headerKey } from '../header-names.ts';
import type { SipHeader, SipResponse } from '../message.ts';
import { transactionTimeout } from '../transaction-timers.ts';
import { formatUri } from '../uri.ts';
import { MAGIC_COOKIE } from '../via.ts';
import { confirmUacDialog } from './dialog-state.ts';
import type { LegContext } from './leg-context.ts';
import type { OutgoingLegOptions } from './leg-events.ts';
import type { SipLeg } from './sip-leg.ts';

export const ALLOWED_METHODS = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE';

export class UacInvite {
  readonly #ctx: LegContext;
  readonly #leg: SipLeg;
  readonly #options: OutgoingLegOptions;
  #tx: SipClientTransaction | undefined;
  #cancelWanted = false;
  #cancelSent = false;
  #confirmedTag: string | undefined | null = null;
  #ack: SipOutgoingRequest | undefined;

  constructor(ctx: LegContext, leg: SipLeg, options: OutgoingLegOptions) {
    this.#ctx = ctx;
    this.#leg = leg;
    this.#options = options;
  }

  start(): void {
    const d = this.#leg.dialog;
    const sdp = this.#options.sdp === undefined ? undefined : this.#leg.shapeSdp(this.#options.sdp);
    const headers: SipHeader[] = [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: d.localAddress },
      { name: 'To', value: this.#options.to },
      { name: 'Call-ID', value: d.callId },
      { name: 'CSeq', value: '1 INVITE' },
      { name: 'Contact', value: this.#ctx.contact(d.flow.transport) },
      { name: 'Allow', value: ALLOWED_METHODS },
      ...(this.#options.headers ?? []),
      ...(sdp === undefined ? [] : [{ name: 'Content-Type', value: 'application/sdp' }]),
    ];
    const invite: SipOutgoingRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: this.#options.requestUri,
      headers,
      ...(sdp === undefined ? {} : { body: sdp }),
    };
    this.#tx = this.#ctx.transactions.request(invite, d.flow, {
      onResponse: (r) => this.#response(r),
      onTimeout: () => this.#leg.uacFailed(408, 'Request Timeout'),
      onTransportError: () => this.#leg.uacFailed(503, 'Service Unavailable'),
    });
    if (this.#tx === undefined) {
      // Nothing left (no transport for this flow): fail after the caller has the leg in hand.
      const clock = this.#ctx.clock;
      clock.setTimer(clock.now(), () => this.#leg.uacFailed(503, 'Service Unavailable'));
    }
  }

  /** CANCEL now if a provisional answer came, else as soon as one does. */
  cancel(): void {
    this.#cancelWanted = true;
    this.#sendCancel();
  }

  #sendCancel(): void {
    const tx = this.#tx;
    if (tx === undefined || this.#cancelSent || tx.state !== 'proceeding') return;
    this.#cancelSent = true;
    this.#ctx.transactions.cancel(tx, { onResponse: () => {} });
    // §9.1: no final answer 64·T1 after the CANCEL - the INVITE is given up.
    const clock = this.#ctx.clock;
    clock.setTimer(clock.now() + transactionTimeout(this.#ctx.timers), () => {
      if (tx.state === 'proceeding') {
        tx.terminate();
        this.#leg.uacFailed(408, 'Request Timeout');
      }
    });
  }

  #response(r: SipResponse): void {
    if (r.status < 200) {
      if (r.status > 100 && r.to.tag !== undefined) this.#leg.uacEarly();
      if (this.#cancelWanted) this.#sendCancel();
      return;
    }
    if (r.status >= 300) {
      this.#leg.uacFailed(r.status, r.reason);
      return;
    }
    if (this.#confirmedTag === null) {
      this.#confirmedTag = r.to.tag;
      confirmUacDialog(this.#leg.dialog, r);
      this.#ack = this.#leg.requests.ackFor(1);
      this.#ctx.sender.send(this.#ack, this.#leg.dialog.flow);
      this.#leg.uacConfirmed(r);
    } else if (r.to.tag === this.#confirmedTag) {
      if (this.#ack) this.#ctx.sender.send(this.#ack, this.#leg.dialog.flow);
    } else this.#hangUpFork(r);
  }

  /** A second fork answered: ACK it and BYE it, as a dialog of its own. */
  #hangUpFork(r: SipResponse): void {
    const d = this.#leg.dialog;
    const flow = d.flow;
    const to = r.headers.find((h) => headerKey(h.name) === 'to')?.value ?? '';
    const uri = r.contacts[0] === undefined ? d.remoteTarget : formatUri(r.contacts[0].uri);
    const rows = (cseq: string): SipHeader[] => [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: d.localAddress },
      { name: 'To', value: to },
      { name: 'Call-ID', value: d.callId },
      { name: 'CSeq', value: cseq },
    ];
    const sentBy = this.#ctx.sender.sentBy(flow.transport);
    if (sentBy === undefined) return;
    const via = `SIP/2.0/${flow.transport} ${sentBy.host}:${sentBy.port};branch=${MAGIC_COOKIE}${this.#ctx.token()};rport`;
    this.#ctx.sender.send(
      { kind: 'request', method: 'ACK', uri, headers: [{ name: 'Via', value: via }, ...rows('1 ACK')] },
      flow,
    );
    this.#ctx.transactions.request({ kind: 'request', method: 'BYE', uri, headers: rows('2 BYE') }, flow, {
      onResponse: () => {},
    });
  }
}
