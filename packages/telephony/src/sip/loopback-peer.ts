// Small SIP peers for the transport tests, on 127.0.0.1: a UDP socket and a TCP connection
// that send raw text and hand back what arrives, parsed, so a test reads like a call flow.
// They stop waiting after `timeoutMs`, so a silent server fails the test instead of hanging it.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import type { SipMessage } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { SipStreamFramer } from './stream-framer.ts';

class Inbox {
  readonly #items: SipMessage[] = [];
  readonly #waiters: ((m: SipMessage | undefined) => void)[] = [];

  push(message: SipMessage): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(message);
    else this.#items.push(message);
  }

  next(timeoutMs: number): Promise<SipMessage | undefined> {
    const ready = this.#items.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter = (m: SipMessage | undefined) => {
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }
}

export class UdpPeer {
  readonly #socket: UdpSocket;
  readonly #inbox = new Inbox();
  readonly port: number;

  private constructor(socket: UdpSocket, port: number) {
    this.#socket = socket;
    this.port = port;
    socket.on('message', (bytes) => {
      const parsed = parseSipMessage(bytes);
      if (parsed.ok) this.#inbox.push(parsed.value);
    });
  }

  static open(): Promise<UdpPeer> {
    const socket = createSocket('udp4');
    return new Promise((resolve) =>
      socket.bind(0, '127.0.0.1', () => resolve(new UdpPeer(socket, socket.address().port))),
    );
  }

  send(text: string, port: number): void {
    this.#socket.send(text, port, '127.0.0.1');
  }

  next(timeoutMs = 2_000): Promise<SipMessage | undefined> {
    return this.#inbox.next(timeoutMs);
  }

  close(): void {
    this.#socket.close();
  }
}

export class TcpPeer {
  readonly socket: Socket;
  readonly #inbox = new Inbox();
  readonly #framer = new SipStreamFramer();
  /** Bytes that were keep-alive answers (CRLF) rather than messages. */
  pongs = 0;
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      if (chunk.toString('latin1') === '\r\n') {
        this.pongs++;
        return;
      }
      for (const event of this.#framer.push(chunk)) {
        if (event.kind === 'message' && event.result.ok) this.#inbox.push(event.result.value);
      }
    });
  }

  static open(port: number): Promise<TcpPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new TcpPeer(socket)));
      socket.once('error', reject);
    });
  }

  get localPort(): number {
    return this.socket.localPort ?? 0;
  }

  write(text: string): void {
    this.socket.write(text);
  }

  next(timeoutMs = 2_000): Promise<SipMessage | undefined> {
    return this.#inbox.next(timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }
}
