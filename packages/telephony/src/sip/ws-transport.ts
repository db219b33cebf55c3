// SIP over WebSocket (RFC 7118) on an existing node:http server, so browser softphones register
// through the HTTP port: the transport listens to the server's 'upgrade' event for one path
// (default /sip) and leaves every other path to whoever else listens. The handshake must offer
// the `sip` subprotocol (RFC 7118 §4.1) or it is refused with 400. Each WebSocket message holds
// exactly one SIP message (§5.2), text or binary, parsed like a datagram; we send text frames.
// Browsers cannot accept connections, so requests toward them reuse the connection they opened.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_SIP_LIMITS } from './parse-limits.ts';
import type { SipInboundSink, SipTarget, SipTransport } from './sip-transport.ts';

export interface WsAttachOptions {
  /** Request path that carries SIP; default '/sip'. */
  readonly path?: string;
  readonly sink: SipInboundSink;
  /** Largest WebSocket message accepted; default the parser's maxMessageBytes. */
  readonly maxMessageBytes?: number;
}

interface WsConnection {
  readonly socket: WebSocket;
  readonly remoteKey: string;
}

function offersSip(req: IncomingMessage): boolean {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((p) => p.trim().toLowerCase() === 'sip');
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export class WsTransport implements SipTransport {
  readonly name = 'WS';
  readonly reliable = true;
  readonly #http: HttpServer;
  readonly #wss: WebSocketServer;
  readonly #path: string;
  readonly #sink: SipInboundSink;
  readonly #connections = new Map<string, WsConnection>();
  readonly #byRemote = new Map<string, string>();
  readonly #onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  #seq = 0;

  private constructor(http: HttpServer, options: WsAttachOptions) {
    this.#http = http;
    this.#path = options.path ?? '/sip';
    this.#sink = options.sink;
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? DEFAULT_SIP_LIMITS.maxMessageBytes,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.#onUpgrade = (req, socket, head) => this.#upgrade(req, socket, head);
  }

  /** Serves SIP over WebSocket on `path` of an http server (listening or not yet). */
  static attach(http: HttpServer, options: WsAttachOptions): WsTransport {
    const transport = new WsTransport(http, options);
    http.on('upgrade', transport.#onUpgrade);
    return transport;
  }

  get local(): { readonly address: string; readonly port: number } {
    const addr = this.#http.address();
    return addr && typeof addr === 'object'
      ? { address: addr.address, port: addr.port }
      : { address: '', port: 0 };
  }

  get path(): string {
    return this.#path;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req) !== this.#path) return;
    if (!offersSip(req)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.on('error', () => socket.destroy());
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#adopt(ws, req));
  }

  #adopt(ws: WebSocket, req: IncomingMessage): void {
    const address = req.socket.remoteAddress ?? '';
    const port = req.socket.remotePort ?? 0;
    const id = `ws-${++this.#seq}`;
    const conn: WsConnection = { socket: ws, remoteKey: `${address}|${port}` };
    this.#connections.set(id, conn);
    this.#byRemote.set(conn.remoteKey, id);
    ws.on('message', (data) => {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : data;
      this.#sink({ bytes, source: { transport: 'WS', address, port, connectionId: id } });
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.#connections.delete(id);
      if (this.#byRemote.get(conn.remoteKey) === id) this.#byRemote.delete(conn.remoteKey);
    });
  }

  send(target: SipTarget, bytes: Uint8Array): boolean {
    const id = target.connectionId ?? this.#byRemote.get(`${target.address}|${target.port}`);
    const conn = id === undefined ? undefined : this.#connections.get(id);
    if (!conn || conn.socket.readyState !== conn.socket.OPEN) return false;
    conn.socket.send(bytes, { binary: false });
    return true;
  }

  close(): Promise<void> {
    this.#http.off('upgrade', this.#onUpgrade);
    for (const conn of this.#connections.values()) conn.socket.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}
