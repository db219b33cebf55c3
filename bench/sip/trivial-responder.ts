// The benchmark's baseline peer: a UDP socket that answers every REGISTER without parsing SIP -
// it copies the Via, From, To, Call-ID and CSeq lines and says 401 with a fixed MD5 challenge
// when there is no Authorization line, 200 otherwise. That is the least work a server can do
// for the digest scenario, so it measures what sipp, the loopback and Node's dgram allow.
import { createSocket, type Socket } from 'node:dgram';

const COPIED = /^(via|v|from|f|to|t|call-id|i|cseq):/i;
const CHALLENGE =
  'WWW-Authenticate: Digest realm="bench", nonce="0123456789abcdef", algorithm=MD5, qop="auth"';

export class TrivialResponder {
  readonly #socket: Socket;
  readonly port: number;

  private constructor(socket: Socket, port: number) {
    this.#socket = socket;
    this.port = port;
  }

  static start(): Promise<TrivialResponder> {
    const socket = createSocket('udp4');
    socket.on('message', (bytes, from) => {
      const lines = bytes.toString('latin1').split('\r\n');
      const copied = lines.filter((l) => COPIED.test(l));
      const authorized = lines.some((l) => /^authorization:/i.test(l));
      const head = authorized ? 'SIP/2.0 200 OK' : 'SIP/2.0 401 Unauthorized';
      const extra = authorized ? [] : [CHALLENGE];
      const text = [head, ...copied, ...extra, 'Content-Length: 0', '', ''].join('\r\n');
      socket.send(text, from.port, from.address);
    });
    return new Promise((resolve) =>
      socket.bind(0, '127.0.0.1', () => resolve(new TrivialResponder(socket, socket.address().port))),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
