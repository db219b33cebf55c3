// The requests a leg sends inside its dialog and the reliability of its own 2xx answers:
// - a 2xx to an INVITE is the UAS core's to retransmit (T1 doubling to T2) until the ACK comes, and
//   a dialog whose ACK never comes (64·T1) is over (§13.3.1.4);
// - the ACK for a 2xx to our (re-)INVITE travels outside any transaction, with the INVITE's CSeq
//   number (§13.2.2.4), and is sent again for each 2xx copy;
// - re-INVITEs are one at a time (§14.1): the next waits for the previous answer;
// - a 408 or 481 to any in-dialog request, or no answer at all, means the other side is gone
//   (§12.2.1.2): that is how an in-dialog OPTIONS keepalive clears orphaned calls.
import type { SipHeader, SipRequest, SipResponse } from '../message.ts';
import { buildResponse } from '../response-builder.ts';
import type { SipOutgoing } from '../serialize.ts';
import type { SipServerTransaction } from '../server-transaction.ts';
import type { SipTimerHandle } from '../sip-clock.ts';
import type { SipOutgoingRequest } from '../client-transaction.ts';
import { transactionTimeout } from '../transaction-timers.ts';
import { MAGIC_COOKIE } from '../via.ts';
import { type DialogState, dialogRows } from './dialog-state.ts';
import type { LegContext } from './leg-context.ts';

const decoder = new TextDecoder();

interface Pending2xx {
  readonly tx: SipServerTransaction;
  readonly response: SipOutgoing;
  timer: SipTimerHandle | undefined;
}

/** 200 to an INVITE (initial or re-INVITE) with our Contact and SDP. */
export function okResponse(
  request: SipRequest,
  toTag: string,
  contact: string,
  body: string | undefined,
): SipOutgoing {
  const headers: SipHeader[] = [{ name: 'Contact', value: contact }];
  if (body !== undefined) headers.push({ name: 'Content-Type', value: 'application/sdp' });
  return buildResponse(request, 200, 'OK', { toTag, headers, ...(body === undefined ? {} : { body }) });
}

export interface InDialogHooks {
  /** Our CSeq moved (the dialog store keeps it, so a BYE after a restart is in order). */
  onCseq(): void;
  /** The other side is gone (408/481, no answer, no ACK for our 2xx). */
  onDead(): void;
}

export class InDialogRequests {
  readonly #ctx: LegContext;
  readonly #dialog: DialogState;
  readonly #hooks: InDialogHooks;
  readonly #pending = new Map<number, Pending2xx>();
  #reinviteChain: Promise<unknown> = Promise.resolve();
  #stopped = false;
  #keepalive: SipTimerHandle | undefined;

  constructor(ctx: LegContext, dialog: DialogState, hooks: InDialogHooks) {
    this.#ctx = ctx;
    this.#dialog = dialog;
    this.#hooks = hooks;
  }

  /** Sends a 2xx to an INVITE and keeps sending it over UDP until its ACK. */
  send2xx(tx: SipServerTransaction, response: SipOutgoing): void {
    if (!tx.respond(response)) return;
    const cseq = tx.request.cseq.seq;
    const entry: Pending2xx = { tx, response, timer: undefined };
    this.#pending.set(cseq, entry);
    const t = this.#ctx.timers;
    const clock = this.#ctx.clock;
    const deadline = clock.now() + transactionTimeout(t);
    const reliable = this.#ctx.sender.isReliable(tx.source.transport);
    const again = (interval: number) => {
      const at = reliable ? deadline : Math.min(clock.now() + interval, deadline);
      entry.timer = clock.setTimer(at, () => {
        if (this.#pending.get(cseq) !== entry) return;
        if (clock.now() >= deadline) {
          this.#pending.delete(cseq);
          this.#hooks.onDead();
          return;
        }
        tx.respond(response);
        again(Math.min(2 * interval, t.t2));
      });
    };
    again(t.t1);
  }

  ackReceived(cseq: number): void {
    const entry = this.#pending.get(cseq);
    if (entry === undefined) return;
    if (entry.timer !== undefined) this.#ctx.clock.cancelTimer(entry.timer);
    this.#pending.delete(cseq);
  }

  /** In-dialog OPTIONS every `everyMs` until stop() (0: none): a party gone silently is found out. */
  keepAlive(everyMs: number): void {
    if (everyMs <= 0 || this.#stopped) return;
    const clock = this.#ctx.clock;
    this.#keepalive = clock.setTimer(clock.now() + everyMs, () => {
      this.#keepalive = undefined;
      if (this.#stopped) return;
      this.options();
      this.keepAlive(everyMs);
    });
  }

  /** Stops retransmitting (the leg ended); requests can still be sent (a BYE after a CANCEL race). */
  stop(): void {
    this.#stopped = true;
    if (this.#keepalive !== undefined) this.#ctx.clock.cancelTimer(this.#keepalive);
    this.#keepalive = undefined;
    for (const entry of this.#pending.values())
      if (entry.timer !== undefined) this.#ctx.clock.cancelTimer(entry.timer);
    this.#pending.clear();
  }

  #next(method: string, extra: SipOutgoingRequest['headers'] = [], body?: string): SipOutgoingRequest {
    this.#dialog.localCseq++;
    this.#hooks.onCseq();
    const headers = [
      ...dialogRows(
        this.#dialog,
        this.#dialog.localCseq,
        method,
        this.#ctx.contact(this.#dialog.flow.transport),
      ),
      ...extra,
    ];
    const request: SipOutgoingRequest = { kind: 'request', method, uri: this.#dialog.remoteTarget, headers };
    return body === undefined ? request : { ...request, body };
  }

  /** `extra`: rows such as the Reason header (RFC 3326) saying why we end the call. */
  bye(extra: SipOutgoingRequest['headers'] = []): void {
    this.#ctx.transactions.request(this.#next('BYE', extra), this.#dialog.flow, { onResponse: () => {} });
  }

  info(contentType: string, body: string): void {
    const request = this.#next('INFO', [{ name: 'Content-Type', value: contentType }], body);
    this.#ctx.transactions.request(request, this.#dialog.flow, {
      onResponse: (r) => this.#checkAlive(r),
      onTimeout: () => this.#dead(),
    });
  }

  options(): void {
    this.#ctx.transactions.request(this.#next('OPTIONS'), this.#dialog.flow, {
      onResponse: (r) => this.#checkAlive(r),
      onTimeout: () => this.#dead(),
      onTransportError: () => this.#dead(),
    });
  }

  /** A re-INVITE once the previous one is answered; resolves with the answer SDP or undefined. */
  reinvite(makeSdp: () => string): Promise<string | undefined> {
    const run = () =>
      new Promise<string | undefined>((resolve) => {
        if (this.#stopped) {
          resolve(undefined);
          return;
        }
        const request = this.#next('INVITE', [{ name: 'Content-Type', value: 'application/sdp' }], makeSdp());
        const counters = this.#ctx.counters;
        counters.reinvitesSent++;
        const cseq = this.#dialog.localCseq;
        let ack: SipOutgoingRequest | undefined;
        const tx = this.#ctx.transactions.request(request, this.#dialog.flow, {
          onResponse: (r) => {
            if (r.status < 200) return;
            if (r.status >= 300) {
              counters.reinvitesRefused++;
              this.#checkAlive(r);
              resolve(undefined);
              return;
            }
            if (ack === undefined) counters.reinvitesAccepted++;
            ack ??= this.#ack(cseq);
            this.#ctx.sender.send(ack, this.#dialog.flow);
            resolve(r.body.length > 0 ? decoder.decode(r.body) : undefined);
          },
          onTimeout: () => {
            counters.reinvitesRefused++;
            this.#dead();
            resolve(undefined);
          },
          onTransportError: () => {
            counters.reinvitesRefused++;
            this.#dead();
            resolve(undefined);
          },
        });
        if (tx === undefined) resolve(undefined);
      });
    const result = this.#reinviteChain.then(run);
    this.#reinviteChain = result;
    return result;
  }

  /** The ACK for a 2xx to our INVITE with this CSeq (its own branch: it is a new transaction). */
  #ack(cseq: number): SipOutgoingRequest {
    const sentBy = this.#ctx.sender.sentBy(this.#dialog.flow.transport);
    const via = sentBy
      ? [
          {
            name: 'Via',
            value: `SIP/2.0/${this.#dialog.flow.transport} ${sentBy.host}:${sentBy.port};branch=${MAGIC_COOKIE}${this.#ctx.token()};rport`,
          },
        ]
      : [];
    const rows = dialogRows(this.#dialog, cseq, 'ACK', '');
    return { kind: 'request', method: 'ACK', uri: this.#dialog.remoteTarget, headers: [...via, ...rows] };
  }

  /** The ACK for the 2xx that made the dialog (UacInvite sends it and its copies). */
  ackFor(cseq: number): SipOutgoingRequest {
    return this.#ack(cseq);
  }

  #checkAlive(response: SipResponse): void {
    if (response.status === 408 || response.status === 481) this.#dead();
  }

  #dead(): void {
    if (!this.#stopped) this.#hooks.onDead();
  }
}
