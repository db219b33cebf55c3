// The transaction layer (RFC 3261 §17) between the transport layer and the transaction user
// (the registrar now, the B2BUA next). Requests are matched to server transactions by branch
// or by the RFC 2543 rule (transaction-key.ts); a retransmission never reaches the TU; an
// INVITE gets 100 Trying at once; an ACK for a non-2xx is consumed by its INVITE transaction
// and any other ACK goes to the TU; a CANCEL gets its own transaction, 200 when it finds the
// INVITE (which the TU is told to end with 487) and 481 when it does not (§9.2).
// Responses are matched to client transactions by branch and CSeq method.
import { randomUUID } from 'node:crypto';
import { headerKey } from './header-names.ts';
import type { SipHeader, SipRequest, SipResponse } from './message.ts';
import type { SipClock } from './sip-clock.ts';
import type { SipSource, SipTarget } from './sip-transport.ts';
import {
  type ClientTransactionContext,
  type SipClientHandler,
  SipClientTransaction,
  type SipOutgoingRequest,
} from './client-transaction.ts';
import { type ServerTransactionContext, SipServerTransaction } from './server-transaction.ts';
import { clientTransactionKey, responseTransactionKey, serverTransactionKey } from './transaction-key.ts';
import { DEFAULT_SIP_TIMERS, type SipTimerValues } from './transaction-timers.ts';
import type { SipMessageReceiver, SipMessageSender } from './transport-layer.ts';
import { MAGIC_COOKIE } from './via.ts';

export interface SipTransactionUser {
  /** A new request (never ACK, never CANCEL) in its server transaction: answer with tx.reply. */
  onRequest(tx: SipServerTransaction): void;
  /** An ACK outside any transaction, or for a 2xx (the dialog's business, §13.3.1.4). */
  onAck?(ack: SipRequest, source: SipSource): void;
  /** A CANCEL found this INVITE still proceeding: the TU should answer it 487 (§9.2). */
  onCancel?(invite: SipServerTransaction, cancel: SipRequest): void;
  /** A response no client transaction claims (2xx retransmissions reach the dialog here). */
  onStrayResponse?(response: SipResponse, source: SipSource): void;
  /** Timer H fired, or a response could not be sent. */
  onServerTransactionError?(tx: SipServerTransaction, reason: 'timeout' | 'transport'): void;
}

export interface SipTransactionLayerOptions {
  readonly clock: SipClock;
  readonly sender: SipMessageSender;
  readonly user: SipTransactionUser;
  readonly timers?: Partial<SipTimerValues>;
  /** Random text for branches and tags (>= 32 random bits, §19.3); default from randomUUID. */
  readonly randomToken?: () => string;
}

export interface SipTransactionStats {
  serverCreated: number;
  retransmissionsAbsorbed: number;
  clientCreated: number;
  strayResponses: number;
  responsesDropped: number;
}

function defaultToken(): string {
  return randomUUID().replaceAll('-', '').slice(0, 20);
}

export class SipTransactionLayer implements SipMessageReceiver {
  readonly stats: SipTransactionStats = {
    serverCreated: 0,
    retransmissionsAbsorbed: 0,
    clientCreated: 0,
    strayResponses: 0,
    responsesDropped: 0,
  };
  readonly #options: SipTransactionLayerOptions;
  readonly #token: () => string;
  readonly #server = new Map<string, SipServerTransaction>();
  readonly #client = new Map<string, SipClientTransaction>();
  readonly #serverCtx: ServerTransactionContext;
  readonly #clientCtx: ClientTransactionContext;

  constructor(options: SipTransactionLayerOptions) {
    this.#options = options;
    this.#token = options.randomToken ?? defaultToken;
    const timers = { ...DEFAULT_SIP_TIMERS, ...options.timers };
    this.#serverCtx = {
      clock: options.clock,
      sender: options.sender,
      timers,
      onTerminated: (tx) => {
        if (this.#server.get(tx.key) === tx) this.#server.delete(tx.key);
      },
      onError: (tx, reason) => options.user.onServerTransactionError?.(tx, reason),
      onAck: (ack, source) => options.user.onAck?.(ack, source),
    };
    this.#clientCtx = {
      clock: options.clock,
      sender: options.sender,
      timers,
      onTerminated: (tx) => {
        if (this.#client.get(tx.key) === tx) this.#client.delete(tx.key);
      },
    };
  }

  get serverTransactionCount(): number {
    return this.#server.size;
  }

  get clientTransactionCount(): number {
    return this.#client.size;
  }

  receiveRequest(request: SipRequest, source: SipSource): void {
    const key = serverTransactionKey(request);
    if (key === undefined) return;
    const existing = this.#server.get(key);
    if (request.method === 'ACK') {
      if (existing) existing.receiveAck(request, source);
      else this.#options.user.onAck?.(request, source);
      return;
    }
    if (existing) {
      this.stats.retransmissionsAbsorbed++;
      existing.receiveRetransmission();
      return;
    }
    const tx = new SipServerTransaction(this.#serverCtx, key, request, source, this.#token());
    this.#server.set(key, tx);
    this.stats.serverCreated++;
    if (request.method === 'CANCEL') {
      this.#cancel(tx);
      return;
    }
    if (tx.isInvite) tx.reply(100, 'Trying');
    try {
      this.#options.user.onRequest(tx);
    } catch {
      // A TU that fails must still answer, or the transaction (which has no timer before its
      // final response) would wait forever and the client retransmit until its timer F.
      // After a final response the state refuses this one: nothing is sent twice.
      tx.reply(500, 'Server Internal Error');
    }
  }

  #cancel(tx: SipServerTransaction): void {
    const inviteKey = serverTransactionKey(tx.request, 'INVITE');
    const invite = inviteKey === undefined ? undefined : this.#server.get(inviteKey);
    if (!invite?.isInvite) {
      tx.reply(481, 'Call/Transaction Does Not Exist');
      return;
    }
    // §9.2: the 200 to the CANCEL carries the same To tag as the INVITE's responses.
    tx.reply(200, 'OK', { toTag: invite.localTag });
    if (invite.state === 'proceeding') this.#options.user.onCancel?.(invite, tx.request);
  }

  receiveResponse(response: SipResponse, source: SipSource): void {
    // §8.1.3.3: a response meant for us carries exactly one Via, ours.
    const key = response.via.length === 1 ? responseTransactionKey(response) : undefined;
    if (key === undefined) {
      this.stats.responsesDropped++;
      return;
    }
    const tx = this.#client.get(key);
    if (tx) tx.receiveResponse(response);
    else {
      this.stats.strayResponses++;
      this.#options.user.onStrayResponse?.(response, source);
    }
  }

  /**
   * Sends a request in a new client transaction. `request.headers` must not hold a Via: ours is
   * put on top (sent-by of the transport, a fresh branch or the one given, rport).
   */
  request(
    request: SipOutgoingRequest,
    target: SipTarget,
    handler: SipClientHandler,
    branch: string = `${MAGIC_COOKIE}${this.#token()}`,
  ): SipClientTransaction | undefined {
    const sentBy = this.#options.sender.sentBy(target.transport);
    if (!sentBy) return undefined;
    const via: SipHeader = {
      name: 'Via',
      value: `SIP/2.0/${target.transport} ${sentBy.host}:${sentBy.port};branch=${branch};rport`,
    };
    const outgoing: SipOutgoingRequest = { ...request, headers: [via, ...request.headers] };
    const key = clientTransactionKey(branch, request.method);
    const tx = new SipClientTransaction(this.#clientCtx, key, branch, outgoing, target, handler);
    this.#client.set(key, tx);
    this.stats.clientCreated++;
    return tx.start() ? tx : undefined;
  }

  /** CANCEL for an INVITE client transaction that has had a provisional response (§9.1). */
  cancel(invite: SipClientTransaction, handler: SipClientHandler): SipClientTransaction | undefined {
    if (!invite.isInvite || invite.state !== 'proceeding') return undefined;
    const copy = (key: string) => invite.request.headers.filter((h) => headerKey(h.name) === key);
    const cseq = copy('cseq')[0]?.value ?? '';
    const number = /^\s*(\d+)/.exec(cseq)?.[1] ?? '1';
    const headers: SipHeader[] = [
      { name: 'Max-Forwards', value: '70' },
      ...copy('from'),
      ...copy('to'),
      ...copy('call-id'),
      { name: 'CSeq', value: `${number} CANCEL` },
      ...copy('route'),
    ];
    return this.request(
      { kind: 'request', method: 'CANCEL', uri: invite.request.uri, headers },
      invite.target,
      handler,
      invite.branch,
    );
  }
}
