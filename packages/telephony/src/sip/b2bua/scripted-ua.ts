// A small SIP user agent on a real UDP socket for the call-control tests, where a test must act at
// exact moments (hold now, transfer now) that sipp's scripts cannot follow. It answers INVITEs as
// its `mode` says, answers re-INVITEs with its SDP (the direction mirrored), CANCEL with 200 + 487,
// BYE, INFO, OPTIONS and UPDATE with 200 (unless `silent`), ACKs 2xx, places calls and sends BYE
// and INFO in its dialogs. Everything it receives is kept, so a test reads the call as a log.
import { createSocket, type Socket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { headerValue, type SipMessage, type SipRequest, type SipResponse } from '../message.ts';
import { parseSipMessage } from '../parse-message.ts';
import { buildResponse } from '../response-builder.ts';
import { encodeSipMessage, type SipOutgoing } from '../serialize.ts';
import { formatUri } from '../uri.ts';
import { directionOf, type SdpDirection, withDirection } from './sdp-text.ts';

export type AnswerMode = 'answer' | 'ring' | number;

interface Dialog {
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly target: string;
  cseq: number;
}

const MIRROR: Record<SdpDirection, SdpDirection> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

export function uaSdp(name: string, port: number): string {
  return [
    'v=0',
    `o=${name} 1000 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

export class ScriptedUa {
  readonly name: string;
  readonly received: SipMessage[] = [];
  mode: AnswerMode = 'answer';
  /** Answer nothing in dialogs (a party whose network is gone). */
  silent = false;
  /** Answer 481 in dialogs (a party that forgot its calls: restarted, or hung up unheard). */
  gone = false;
  readonly sdp: string;
  readonly #socket: Socket;
  readonly port: number;
  readonly #dialogs = new Map<string, Dialog>();
  readonly #waiters: { test: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }[] = [];

  private constructor(name: string, socket: Socket, port: number, mediaPort: number) {
    this.name = name;
    this.#socket = socket;
    this.port = port;
    this.sdp = uaSdp(name, mediaPort);
    socket.on('message', (bytes, rinfo) => this.#receive(bytes, rinfo.port));
  }

  static async open(name: string, mediaPort = 40_000): Promise<ScriptedUa> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new ScriptedUa(name, socket, socket.address().port, mediaPort);
  }

  get uri(): string {
    return `sip:${this.name}@127.0.0.1:${this.port}`;
  }

  close(): void {
    this.#socket.close();
  }

  /** The next message (already received or to come) that passes `test`. */
  waitFor(test: (m: SipMessage) => boolean, timeoutMs = 5_000, label = 'a message'): Promise<SipMessage> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no ${label} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  requests(method: string): SipRequest[] {
    return this.received.filter((m): m is SipRequest => m.kind === 'request' && m.method === method);
  }

  /** Calls `number` at the B2BUA; resolves with the final response (a 2xx is ACKed). */
  async call(port: number, number: string, caller: string): Promise<SipResponse> {
    const callId = randomUUID();
    const from = `"${caller}" <sip:${caller}@127.0.0.1:${this.port}>;tag=${randomUUID().slice(0, 8)}`;
    const uri = `sip:${number}@127.0.0.1:${port}`;
    this.#send(port, this.#request('INVITE', uri, from, `<${uri}>`, callId, 1, this.sdp));
    const final = (await this.waitFor(
      (m) => m.kind === 'response' && m.callId === callId && m.cseq.method === 'INVITE' && m.status >= 200,
      10_000,
      'final response to INVITE',
    )) as SipResponse;
    if (final.status < 300) {
      const to = headerValue(final, 'To') ?? '';
      const target = final.contacts[0] ? formatUri(final.contacts[0].uri) : uri;
      this.#dialogs.set(callId, { callId, from, to, target, cseq: 1 });
      this.#send(port, this.#request('ACK', target, from, to, callId, 1));
    }
    return final;
  }

  /** BYE in the dialog with this Call-ID (sent to `port`, the B2BUA). */
  bye(callId: string, port: number): void {
    const d = this.#dialogs.get(callId);
    if (d === undefined) throw new Error(`${this.name}: no dialog ${callId}`);
    d.cseq++;
    this.#send(port, this.#request('BYE', d.target, d.from, d.to, d.callId, d.cseq));
  }

  info(callId: string, port: number, body: string): void {
    const d = this.#dialogs.get(callId);
    if (d === undefined) throw new Error(`${this.name}: no dialog ${callId}`);
    d.cseq++;
    this.#send(
      port,
      this.#request('INFO', d.target, d.from, d.to, d.callId, d.cseq, body, 'application/dtmf-relay'),
    );
  }

  #request(
    method: string,
    uri: string,
    from: string,
    to: string,
    callId: string,
    cseq: number,
    body?: string,
    type = 'application/sdp',
  ): SipOutgoing {
    const headers = [
      {
        name: 'Via',
        value: `SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${randomUUID().slice(0, 12)};rport`,
      },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: from },
      { name: 'To', value: to },
      { name: 'Call-ID', value: callId },
      { name: 'CSeq', value: `${cseq} ${method}` },
      { name: 'Contact', value: `<${this.uri}>` },
      ...(body === undefined ? [] : [{ name: 'Content-Type', value: type }]),
    ];
    return body === undefined
      ? { kind: 'request', method, uri, headers }
      : { kind: 'request', method, uri, headers, body };
  }

  #send(port: number, message: SipOutgoing): void {
    this.#socket.send(encodeSipMessage(message), port, '127.0.0.1');
  }

  #receive(bytes: Buffer, port: number): void {
    const parsed = parseSipMessage(new Uint8Array(bytes));
    if (!parsed.ok) return;
    const message = parsed.value;
    this.received.push(message);
    for (const w of [...this.#waiters]) {
      if (w.test(message)) {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
    if (message.kind === 'request') this.#answer(message, port);
  }

  #answer(request: SipRequest, port: number): void {
    const reply = (status: number, reason: string, body?: string) => {
      const extras = {
        toTag: `${this.name}-tag`,
        headers: [
          { name: 'Contact', value: `<${this.uri}>` },
          ...(body === undefined ? [] : [{ name: 'Content-Type', value: 'application/sdp' }]),
        ],
        ...(body === undefined ? {} : { body }),
      };
      this.#send(port, buildResponse(request, status, reason, extras));
    };
    const inDialog = request.to.tag !== undefined;
    if (this.gone && inDialog && request.method !== 'ACK') {
      reply(481, 'Call/Transaction Does Not Exist');
      return;
    }
    switch (request.method) {
      case 'INVITE': {
        if (inDialog) {
          if (this.silent) return;
          const offered = request.body.length > 0 ? new TextDecoder().decode(request.body) : undefined;
          const direction = offered === undefined ? 'sendrecv' : MIRROR[directionOf(offered)];
          reply(200, 'OK', withDirection(this.sdp, direction));
          return;
        }
        if (typeof this.mode === 'number') {
          reply(this.mode, 'Refused');
          return;
        }
        reply(180, 'Ringing');
        if (this.mode === 'answer') {
          this.#rememberUas(request);
          reply(200, 'OK', this.sdp);
        }
        return;
      }
      case 'CANCEL': {
        reply(200, 'OK');
        const invite = this.requests('INVITE').find(
          (r) => r.callId === request.callId && r.to.tag === undefined,
        );
        if (invite)
          this.#send(port, buildResponse(invite, 487, 'Request Terminated', { toTag: `${this.name}-tag` }));
        return;
      }
      case 'ACK':
        return;
      default:
        if (!this.silent) reply(200, 'OK');
    }
  }

  /** The dialog an answered INVITE makes, from our side (so this phone can hang up, send INFO). */
  #rememberUas(invite: SipRequest): void {
    this.#dialogs.set(invite.callId, {
      callId: invite.callId,
      from: `${headerValue(invite, 'To') ?? ''};tag=${this.name}-tag`,
      to: headerValue(invite, 'From') ?? '',
      target: invite.contacts[0] ? formatUri(invite.contacts[0].uri) : formatUri(invite.from.uri),
      cseq: 100,
    });
  }

  /** Call-IDs of the INVITEs that opened dialogs with this phone, oldest first. */
  get incomingCalls(): string[] {
    return this.requests('INVITE')
      .filter((r) => r.to.tag === undefined)
      .map((r) => r.callId);
  }

  /** Answers the ringing INVITE with this Call-ID now (mode 'ring'). */
  pickUp(callId: string, port: number): void {
    const invite = this.requests('INVITE').find((r) => r.callId === callId && r.to.tag === undefined);
    if (invite === undefined) throw new Error(`${this.name}: no INVITE ${callId}`);
    this.#rememberUas(invite);
    this.#send(
      port,
      buildResponse(invite, 200, 'OK', {
        toTag: `${this.name}-tag`,
        headers: [
          { name: 'Contact', value: `<${this.uri}>` },
          { name: 'Content-Type', value: 'application/sdp' },
        ],
        body: this.sdp,
      }),
    );
  }
}
