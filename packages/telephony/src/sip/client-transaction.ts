// Client transactions (RFC 3261 §17.1, with RFC 6026's Accepted state for INVITE).
// INVITE: Calling (timer A retransmits on UDP, doubling; timer B gives up) → Proceeding on a
// 1xx → Accepted on a 2xx for timer M, every 2xx (retransmissions, forks) handed to the TU,
// whose core sends the ACK for it → Completed on a 300-699: the ACK is built and sent here
// (§17.1.1.3) and sent again for each retransmitted final response, until timer D.
// Non-INVITE: Trying (timer E retransmits, doubling up to T2; timer F gives up) → Proceeding on
// a 1xx (E keeps firing every T2) → Completed on a final response, absorbing copies for timer K.
import { headerKey } from './header-names.ts';
import type { SipHeader, SipResponse } from './message.ts';
import type { SipOutgoing } from './serialize.ts';
import type { SipClock } from './sip-clock.ts';
import type { SipTarget } from './sip-transport.ts';
import {
  type SipTimerValues,
  TransactionTimers,
  timerD,
  timerT4,
  transactionTimeout,
} from './transaction-timers.ts';
import type { SipMessageSender } from './transport-layer.ts';

export type ClientTransactionState =
  | 'calling'
  | 'trying'
  | 'proceeding'
  | 'accepted'
  | 'completed'
  | 'terminated';

export type SipOutgoingRequest = Extract<SipOutgoing, { kind: 'request' }>;

/** What the TU hears from one client transaction. */
export interface SipClientHandler {
  onResponse(response: SipResponse): void;
  /** Timer B or F fired with no final response (the TU acts as on a 408, §8.1.3.1). */
  onTimeout?(): void;
  onTransportError?(): void;
}

export interface ClientTransactionContext {
  readonly clock: SipClock;
  readonly sender: SipMessageSender;
  readonly timers: SipTimerValues;
  readonly onTerminated: (tx: SipClientTransaction) => void;
}

function rows(message: { readonly headers: readonly SipHeader[] }, key: string): SipHeader[] {
  return message.headers.filter((h) => headerKey(h.name) === key);
}

export class SipClientTransaction {
  readonly key: string;
  readonly branch: string;
  /** The request as sent, our Via on top. */
  readonly request: SipOutgoingRequest;
  readonly target: SipTarget;
  readonly isInvite: boolean;
  readonly #ctx: ClientTransactionContext;
  readonly #handler: SipClientHandler;
  readonly #timers: TransactionTimers;
  readonly #reliable: boolean;
  #state: ClientTransactionState;
  #ack: SipOutgoingRequest | undefined;

  constructor(
    ctx: ClientTransactionContext,
    key: string,
    branch: string,
    request: SipOutgoingRequest,
    target: SipTarget,
    handler: SipClientHandler,
  ) {
    this.#ctx = ctx;
    this.key = key;
    this.branch = branch;
    this.request = request;
    this.target = target;
    this.#handler = handler;
    this.isInvite = request.method === 'INVITE';
    this.#timers = new TransactionTimers(ctx.clock);
    this.#reliable = ctx.sender.isReliable(target.transport);
    this.#state = this.isInvite ? 'calling' : 'trying';
  }

  get state(): ClientTransactionState {
    return this.#state;
  }

  /** Sends the request and arms the retransmission and timeout timers. */
  start(): boolean {
    if (!this.#send(this.request)) return false;
    const t = this.#ctx.timers;
    if (!this.#reliable) this.#retransmit(t.t1);
    this.#timers.start(this.isInvite ? 'B' : 'F', transactionTimeout(t), () => {
      if (this.#state !== 'calling' && this.#state !== 'trying' && this.#state !== 'proceeding') return;
      // Timer B only runs in Calling; a provisional response has stopped it (§17.1.1.2).
      if (this.isInvite && this.#state === 'proceeding') return;
      this.terminate();
      this.#handler.onTimeout?.();
    });
    return true;
  }

  #retransmit(interval: number): void {
    this.#timers.start(this.isInvite ? 'A' : 'E', interval, () => {
      const waiting = this.isInvite
        ? this.#state === 'calling'
        : this.#state === 'trying' || this.#state === 'proceeding';
      if (!waiting || !this.#send(this.request)) return;
      const t2 = this.#ctx.timers.t2;
      const next = this.isInvite
        ? 2 * interval
        : this.#state === 'proceeding'
          ? t2
          : Math.min(2 * interval, t2);
      this.#retransmit(next);
    });
  }

  receiveResponse(response: SipResponse): void {
    const status = response.status;
    const t = this.#ctx.timers;
    switch (this.#state) {
      case 'calling':
      case 'trying':
      case 'proceeding':
        if (status < 200) {
          this.#state = 'proceeding';
          if (this.isInvite) this.#timers.stop('A');
          this.#handler.onResponse(response);
        } else if (this.isInvite && status < 300) {
          this.#state = 'accepted';
          this.#timers.stop('A');
          this.#timers.start('M', transactionTimeout(t), () => this.terminate());
          this.#handler.onResponse(response);
        } else {
          this.#state = 'completed';
          this.#timers.stop(this.isInvite ? 'A' : 'E');
          this.#timers.stop(this.isInvite ? 'B' : 'F');
          if (this.isInvite) {
            this.#ack = this.#buildAck(response);
            this.#send(this.#ack);
          }
          const linger = this.isInvite ? timerD(t, this.#reliable) : timerT4(t, this.#reliable);
          this.#timers.start(this.isInvite ? 'D' : 'K', linger, () => this.terminate());
          this.#handler.onResponse(response);
        }
        return;
      case 'accepted':
        if (status >= 200 && status < 300) this.#handler.onResponse(response);
        return;
      case 'completed':
        // A retransmitted final response: the network lost our ACK, send it again.
        if (this.#ack && status >= 300) this.#send(this.#ack);
        return;
      case 'terminated':
        return;
    }
  }

  /** ACK for a non-2xx final response (§17.1.1.3): same Request-URI, Call-ID, From, CSeq number,
   * top Via and Route as the INVITE, the To of the response. */
  #buildAck(response: SipResponse): SipOutgoingRequest {
    const cseq = rows(this.request, 'cseq')[0]?.value ?? '';
    const number = /^\s*(\d+)/.exec(cseq)?.[1] ?? '1';
    const headers: SipHeader[] = [
      ...rows(this.request, 'via').slice(0, 1),
      { name: 'Max-Forwards', value: '70' },
      ...rows(this.request, 'from'),
      ...rows(response, 'to'),
      ...rows(this.request, 'call-id'),
      { name: 'CSeq', value: `${number} ACK` },
      ...rows(this.request, 'route'),
    ];
    return { kind: 'request', method: 'ACK', uri: this.request.uri, headers };
  }

  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    this.#timers.stopAll();
    this.#ctx.onTerminated(this);
  }

  #send(message: SipOutgoingRequest): boolean {
    if (this.#ctx.sender.send(message, this.target)) return true;
    this.terminate();
    this.#handler.onTransportError?.();
    return false;
  }
}
