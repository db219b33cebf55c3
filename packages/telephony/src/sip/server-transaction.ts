// Server transactions (RFC 3261 §17.2, with RFC 6026's Accepted state for INVITE).
// INVITE: Proceeding (100 Trying sent at once, retransmitted INVITEs get the last provisional)
// → a 2xx moves it to Accepted for timer L (retransmitted INVITEs absorbed, ACKs handed to the
// TU, the TU's own 2xx retransmissions let through) → a 300-699 moves it to Completed, where
// timer G retransmits the response (UDP only) until the ACK arrives - that ACK is consumed here,
// never shown to the TU - or timer H gives up; Confirmed then absorbs ACK copies for timer I.
// Non-INVITE: Trying → Proceeding (1xx) → Completed (final), the last response resent for every
// retransmitted request, until timer J.
import { headerKey } from './header-names.ts';
import type { SipRequest } from './message.ts';
import { buildResponse, type ResponseExtras } from './response-builder.ts';
import type { SipOutgoing } from './serialize.ts';
import type { SipClock } from './sip-clock.ts';
import type { SipSource } from './sip-transport.ts';
import {
  type SipTimerValues,
  TransactionTimers,
  timerJ,
  timerT4,
  transactionTimeout,
} from './transaction-timers.ts';
import type { SipMessageSender } from './transport-layer.ts';
import { isRfc3261Branch } from './via.ts';

export type ServerTransactionState =
  | 'trying'
  | 'proceeding'
  | 'completed'
  | 'confirmed'
  | 'accepted'
  | 'terminated';

export interface ServerTransactionContext {
  readonly clock: SipClock;
  readonly sender: SipMessageSender;
  readonly timers: SipTimerValues;
  readonly onTerminated: (tx: SipServerTransaction) => void;
  /** Timer H fired (no ACK for a final response) or a response could not be sent. */
  readonly onError: (tx: SipServerTransaction, reason: 'timeout' | 'transport') => void;
  /** An ACK reached an INVITE transaction in Accepted: it acknowledges a 2xx, the TU's business. */
  readonly onAck: (ack: SipRequest, source: SipSource) => void;
}

function toTagOf(response: SipOutgoing): string | undefined {
  const to = response.headers.find((h) => headerKey(h.name) === 'to');
  return to ? /;\s*tag\s*=\s*([^;\s]+)/i.exec(to.value)?.[1] : undefined;
}

export class SipServerTransaction {
  readonly key: string;
  readonly request: SipRequest;
  readonly source: SipSource;
  /** The To tag this transaction's responses carry (when the request had none). */
  readonly localTag: string;
  readonly isInvite: boolean;
  readonly #ctx: ServerTransactionContext;
  readonly #timers: TransactionTimers;
  readonly #reliable: boolean;
  #state: ServerTransactionState;
  #lastResponse: SipOutgoing | undefined;
  #finalToTag: string | undefined;

  constructor(
    ctx: ServerTransactionContext,
    key: string,
    request: SipRequest,
    source: SipSource,
    localTag: string,
  ) {
    this.#ctx = ctx;
    this.key = key;
    this.request = request;
    this.source = source;
    this.localTag = localTag;
    this.isInvite = request.method === 'INVITE';
    this.#timers = new TransactionTimers(ctx.clock);
    this.#reliable = ctx.sender.isReliable(source.transport);
    this.#state = this.isInvite ? 'proceeding' : 'trying';
  }

  get state(): ServerTransactionState {
    return this.#state;
  }

  get lastResponse(): SipOutgoing | undefined {
    return this.#lastResponse;
  }

  /** Builds the response from the request (§8.2.6, our To tag) and sends it. */
  reply(status: number, reason: string, extras: ResponseExtras = {}): boolean {
    return this.respond(buildResponse(this.request, status, reason, { toTag: this.localTag, ...extras }));
  }

  /** Sends a response the TU built; false when the state no longer allows one or it failed. */
  respond(response: SipOutgoing): boolean {
    if (response.kind !== 'response' || this.#state === 'terminated') return false;
    const status = response.status;
    if (this.isInvite && this.#state === 'accepted')
      return status >= 200 && status < 300 && this.#send(response);
    if (this.#state === 'completed' || this.#state === 'confirmed' || this.#state === 'accepted')
      return false;
    if (!this.#send(response)) return false;
    this.#lastResponse = response;
    const t = this.#ctx.timers;
    if (status < 200) {
      if (!this.isInvite) this.#state = 'proceeding';
    } else if (!this.isInvite) {
      this.#state = 'completed';
      this.#timers.start('J', timerJ(t, this.#reliable), () => this.terminate());
    } else if (status < 300) {
      this.#state = 'accepted';
      this.#timers.start('L', transactionTimeout(t), () => this.terminate());
    } else {
      this.#state = 'completed';
      this.#finalToTag = toTagOf(response);
      if (!this.#reliable) this.#retransmitFinal(t.t1);
      this.#timers.start('H', transactionTimeout(t), () => {
        this.#ctx.onError(this, 'timeout');
        this.terminate();
      });
    }
    return true;
  }

  #retransmitFinal(interval: number): void {
    this.#timers.start('G', interval, () => {
      if (this.#state !== 'completed' || !this.#lastResponse) return;
      this.#send(this.#lastResponse);
      this.#retransmitFinal(Math.min(2 * interval, this.#ctx.timers.t2));
    });
  }

  /** The same request again: the last response is resent where the RFC says so. */
  receiveRetransmission(): void {
    const resend = this.#state === 'proceeding' || this.#state === 'completed';
    if (resend && this.#lastResponse) this.#send(this.#lastResponse);
  }

  /** An ACK matched this transaction's key. */
  receiveAck(ack: SipRequest, source: SipSource): void {
    if (!this.isInvite) return;
    if (this.#state === 'accepted') {
      this.#ctx.onAck(ack, source);
      return;
    }
    if (this.#state !== 'completed') return;
    // RFC 2543 matching also needs the ACK's To tag to be the one our final response carried.
    if (!isRfc3261Branch(this.request.via[0]?.branch) && ack.to.tag !== this.#finalToTag) return;
    this.#state = 'confirmed';
    this.#timers.stop('G');
    this.#timers.stop('H');
    this.#timers.start('I', timerT4(this.#ctx.timers, this.#reliable), () => this.terminate());
  }

  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    this.#timers.stopAll();
    this.#ctx.onTerminated(this);
  }

  #send(response: SipOutgoing): boolean {
    if (this.#ctx.sender.sendResponse(response, this.request.via[0], this.source)) return true;
    this.#ctx.onError(this, 'transport');
    this.terminate();
    return false;
  }
}
