// The transport layer (RFC 3261 §18) over UDP, TCP and WS transports: every inbound datagram
// or frame passes the guards, is parsed once with the existing parser, gets received/rport on
// its top Via (§18.2.1), and goes up to the transaction layer. A refused request is answered
// with the parser's status when its rows allow an answer, else dropped; a refused response is
// always dropped. Nothing a peer sends can throw out of `receive`: a handler failure is counted
// and the message is lost, as if the network had lost it.
import type { Result } from '@switchboard/core';
import type { SipMessage, SipRequest, SipResponse } from './message.ts';
import type { SipLimits } from './parse-limits.ts';
import { parseSipMessage } from './parse-message.ts';
import { rowsForAnswer } from './refusal-rows.ts';
import { buildResponseFromRows } from './response-builder.ts';
import { responseTarget } from './response-target.ts';
import { encodeSipMessage, type SipOutgoing } from './serialize.ts';
import type { SipClock } from './sip-clock.ts';
import { sipDispositionOf } from './sip-failure.ts';
import { type SipAdmission, SipGuards } from './sip-guards.ts';
import type { SipInbound, SipSource, SipTarget, SipTransport, SipTransportName } from './sip-transport.ts';
import { stampReceived } from './via-received.ts';
import type { Via } from './via.ts';

/** Where parsed messages go: the transaction layer. */
export interface SipMessageReceiver {
  receiveRequest(request: SipRequest, source: SipSource): void;
  receiveResponse(response: SipResponse, source: SipSource): void;
}

/** What the transaction layer needs from below. */
export interface SipMessageSender {
  send(message: SipOutgoing, target: SipTarget): boolean;
  /** A response to a request whose (stamped) top Via is `via`, which came from `source`. */
  sendResponse(response: SipOutgoing, via: Via | undefined, source: SipSource): boolean;
  isReliable(transport: SipTransportName): boolean;
  /** The sent-by to put in our own Vias on this transport. */
  sentBy(transport: SipTransportName): { readonly host: string; readonly port: number } | undefined;
}

export interface SipTransportLayerOptions {
  readonly clock: SipClock;
  readonly guards?: SipGuards;
  readonly limits?: Partial<SipLimits>;
  /** Host written in our Vias when a transport is bound to a wildcard address. */
  readonly advertisedHost?: string;
}

export interface SipTransportStats {
  received: number;
  parseRefusals: number;
  refusalsAnswered: number;
  rateLimited: number;
  droppedByGuards: number;
  scanners: number;
  handlerErrors: number;
  sent: number;
  sendFailures: number;
}

export class SipTransportLayer implements SipMessageSender {
  readonly stats: SipTransportStats = {
    received: 0,
    parseRefusals: 0,
    refusalsAnswered: 0,
    rateLimited: 0,
    droppedByGuards: 0,
    scanners: 0,
    handlerErrors: 0,
    sent: 0,
    sendFailures: 0,
  };
  readonly #options: SipTransportLayerOptions;
  readonly #guards: SipGuards;
  readonly #transports = new Map<SipTransportName, SipTransport>();
  #receiver: SipMessageReceiver | undefined;

  constructor(options: SipTransportLayerOptions) {
    this.#options = options;
    this.#guards = options.guards ?? new SipGuards();
  }

  /** The sink to give transports: `(inbound) => layer.receive(inbound)`. */
  readonly sink = (inbound: SipInbound): void => this.receive(inbound);

  addTransport(transport: SipTransport): void {
    this.#transports.set(transport.name, transport);
  }

  transport(name: SipTransportName): SipTransport | undefined {
    return this.#transports.get(name);
  }

  setReceiver(receiver: SipMessageReceiver): void {
    this.#receiver = receiver;
  }

  receive(inbound: SipInbound): void {
    try {
      this.stats.received++;
      const admission = this.#guards.admit(inbound.source.address, this.#options.clock.now());
      if (admission.verdict === 'drop') {
        this.stats.droppedByGuards++;
        return;
      }
      const result = inbound.parsed ?? parseSipMessage(inbound.bytes, { limits: this.#options.limits });
      if (!result.ok) {
        this.#refuse(result, inbound);
        return;
      }
      this.#deliver(result.value, inbound.source, admission);
    } catch {
      this.stats.handlerErrors++;
    }
  }

  #deliver(message: SipMessage, source: SipSource, admission: SipAdmission): void {
    if (message.kind === 'response') {
      if (admission.verdict !== 'pass') this.stats.droppedByGuards++;
      else this.#receiver?.receiveResponse(message, source);
      return;
    }
    if (this.#guards.isScanner(message)) {
      this.stats.scanners++;
      return;
    }
    const request = stampReceived(message, source);
    if (admission.verdict === 'reject') {
      this.stats.rateLimited++;
      // Nothing answers an ACK (§17.2.1); it is simply not let in.
      if (request.method === 'ACK') return;
      const answer = buildResponseFromRows(request.headers, 503, 'Service Unavailable', [
        { name: 'Retry-After', value: String(admission.retryAfterSeconds) },
      ]);
      if (answer) this.sendResponse(answer, request.via[0], source);
      return;
    }
    this.#receiver?.receiveRequest(request, source);
  }

  #refuse(result: Result<SipMessage>, inbound: SipInbound): void {
    this.stats.parseRefusals++;
    const status = sipDispositionOf(result);
    if (result.ok || typeof status !== 'number') return;
    const parsedRows = result.error.details.headers;
    const rows = Array.isArray(parsedRows) ? parsedRows : rowsForAnswer(inbound.bytes);
    const extra = result.error.details.responseHeaders;
    const reason = result.error.message;
    const answer = buildResponseFromRows(rows, status, reason, Array.isArray(extra) ? extra : []);
    if (!answer) return;
    // The answer copies the request's rows; when one of them is what was malformed (a CSeq,
    // a Via) the answer would be malformed too and no client could match it: drop instead.
    const bytes = encodeSipMessage(answer);
    if (!parseSipMessage(bytes).ok) return;
    this.stats.refusalsAnswered++;
    // The Via could not be trusted (or parsed): the answer goes back where the bytes came from.
    this.#sendBytes(bytes, { ...inbound.source });
  }

  #sendBytes(bytes: Uint8Array, target: SipTarget): boolean {
    const sent = this.#transports.get(target.transport)?.send(target, bytes) === true;
    if (sent) this.stats.sent++;
    else this.stats.sendFailures++;
    return sent;
  }

  send(message: SipOutgoing, target: SipTarget): boolean {
    return this.#sendBytes(encodeSipMessage(message), target);
  }

  sendResponse(response: SipOutgoing, via: Via | undefined, source: SipSource): boolean {
    const target = responseTarget(via, source);
    if (this.send(response, target)) return true;
    // §18.2.2: a reliable connection that has gone is replaced by a new one to received/sent-by.
    return target.connectionId !== undefined && this.send(response, { ...target, connectionId: undefined });
  }

  isReliable(transport: SipTransportName): boolean {
    return this.#transports.get(transport)?.reliable ?? transport !== 'UDP';
  }

  sentBy(transport: SipTransportName): { readonly host: string; readonly port: number } | undefined {
    const t = this.#transports.get(transport);
    if (!t) return undefined;
    const wildcard = t.local.address === '0.0.0.0' || t.local.address === '::';
    const address = wildcard ? (this.#options.advertisedHost ?? '127.0.0.1') : t.local.address;
    return { host: address.includes(':') ? `[${address}]` : address, port: t.local.port };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#transports.values()].map((t) => t.close()));
    this.#transports.clear();
  }
}
