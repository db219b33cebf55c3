// SIP over TCP (RFC 3261 §18): messages cut from the byte stream by SipStreamFramer
// (Content-Length framing), CRLFCRLF keep-alive pings answered with CRLF (RFC 5626 §4.4.1),
// one connection per remote address and port reused both ways (an inbound connection carries
// our requests back to a phone behind NAT), and connections idle longer than `idleMs` closed.
// A connection whose framing is lost cannot be resynchronised: it is closed (RFC 4475 ncl).
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { SipLimits } from './parse-limits.ts';
import type { SipClock, SipTimerHandle } from './sip-clock.ts';
import type { SipInboundSink, SipTarget, SipTransport } from './sip-transport.ts';
import { SipStreamFramer } from './stream-framer.ts';

export interface TcpListenOptions {
  readonly address: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly sink: SipInboundSink;
  readonly clock: SipClock;
  /** Close a connection after this long without traffic either way; default 10 minutes. */
  readonly idleMs?: number;
  /** Refuse inbound connections past this many open ones; default 10,000. */
  readonly maxConnections?: number;
  readonly limits?: Partial<SipLimits>;
}

interface Connection {
  readonly id: string;
  readonly socket: Socket;
  readonly framer: SipStreamFramer;
  readonly remoteKey: string;
  lastActivity: number;
  idleTimer: SipTimerHandle | undefined;
}

const DEFAULT_IDLE_MS = 600_000;

function remoteKeyOf(address: string, port: number): string {
  return `${address}|${port}`;
}

export class TcpTransport implements SipTransport {
  readonly name = 'TCP';
  readonly reliable = true;
  readonly #server: Server;
  readonly #options: TcpListenOptions;
  readonly #idleMs: number;
  readonly #connections = new Map<string, Connection>();
  readonly #byRemote = new Map<string, string>();
  #seq = 0;
  #local: { address: string; port: number } = { address: '', port: 0 };

  private constructor(server: Server, options: TcpListenOptions) {
    this.#server = server;
    this.#options = options;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  static listen(options: TcpListenOptions): Promise<TcpTransport> {
    const server = createServer();
    const transport = new TcpTransport(server, options);
    server.maxConnections = options.maxConnections ?? 10_000;
    server.on('connection', (socket) => transport.#adopt(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.address, () => {
        server.off('error', reject);
        server.on('error', () => {});
        const addr = server.address();
        if (addr && typeof addr === 'object') transport.#local = { address: addr.address, port: addr.port };
        resolve(transport);
      });
    });
  }

  get local(): { readonly address: string; readonly port: number } {
    return this.#local;
  }

  /** Open connections (inbound and outbound). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  #adopt(socket: Socket, remote?: { address: string; port: number }): Connection | undefined {
    const address = remote?.address ?? socket.remoteAddress;
    const port = remote?.port ?? socket.remotePort;
    if (address === undefined || port === undefined) {
      socket.destroy();
      return undefined;
    }
    const conn: Connection = {
      id: `tcp-${++this.#seq}`,
      socket,
      framer: new SipStreamFramer(this.#options.limits),
      remoteKey: remoteKeyOf(address, port),
      lastActivity: this.#options.clock.now(),
      idleTimer: undefined,
    };
    this.#connections.set(conn.id, conn);
    this.#byRemote.set(conn.remoteKey, conn.id);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#receive(conn, chunk, address, port));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#forget(conn));
    this.#armIdle(conn);
    return conn;
  }

  #receive(conn: Connection, chunk: Uint8Array, address: string, port: number): void {
    conn.lastActivity = this.#options.clock.now();
    for (const event of conn.framer.push(chunk)) {
      if (event.kind === 'ping') conn.socket.write('\r\n');
      else if (event.kind === 'error') conn.socket.destroy();
      else {
        this.#options.sink({
          bytes: event.bytes,
          parsed: event.result,
          source: { transport: 'TCP', address, port, connectionId: conn.id },
        });
      }
    }
  }

  #armIdle(conn: Connection): void {
    const clock = this.#options.clock;
    conn.idleTimer = clock.setTimer(conn.lastActivity + this.#idleMs, () => {
      conn.idleTimer = undefined;
      if (!this.#connections.has(conn.id)) return;
      if (clock.now() - conn.lastActivity >= this.#idleMs) conn.socket.destroy();
      else this.#armIdle(conn);
    });
  }

  #forget(conn: Connection): void {
    if (conn.idleTimer !== undefined) this.#options.clock.cancelTimer(conn.idleTimer);
    this.#connections.delete(conn.id);
    if (this.#byRemote.get(conn.remoteKey) === conn.id) this.#byRemote.delete(conn.remoteKey);
  }

  send(target: SipTarget, bytes: Uint8Array): boolean {
    let conn = target.connectionId === undefined ? undefined : this.#connections.get(target.connectionId);
    if (!conn) {
      const id = this.#byRemote.get(remoteKeyOf(target.address, target.port));
      conn = id === undefined ? undefined : this.#connections.get(id);
    }
    if (!conn) {
      // No connection to reuse: open one (§18.2.2 for a closed connection, §18.1.1 for requests).
      const socket = connect({ host: target.address, port: target.port });
      conn = this.#adopt(socket, { address: target.address, port: target.port });
      if (!conn) return false;
    }
    if (conn.socket.destroyed) return false;
    conn.lastActivity = this.#options.clock.now();
    conn.socket.write(bytes);
    return true;
  }

  close(): Promise<void> {
    for (const conn of this.#connections.values()) conn.socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
