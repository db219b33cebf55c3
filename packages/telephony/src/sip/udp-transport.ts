// SIP over UDP (RFC 3261 §18): one message per datagram, unreliable, so the transaction layer
// retransmits. Each datagram is handed to the sink as bytes; the transport layer parses it.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SipInboundSink, SipTarget, SipTransport } from './sip-transport.ts';

export interface UdpListenOptions {
  readonly address: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly sink: SipInboundSink;
  /**
   * Socket receive and send buffers; default 4 MiB. A burst of REGISTERs (a site's phones all
   * coming back after an outage) must queue in the kernel rather than be dropped while the
   * event loop is busy. The kernel caps it at net.core.rmem_max / wmem_max.
   */
  readonly bufferBytes?: number;
}

export class UdpTransport implements SipTransport {
  readonly name = 'UDP';
  readonly reliable = false;
  readonly #socket: Socket;
  #local: { address: string; port: number } = { address: '', port: 0 };

  private constructor(socket: Socket) {
    this.#socket = socket;
  }

  static listen(options: UdpListenOptions): Promise<UdpTransport> {
    const socket = createSocket({ type: isIPv6(options.address) ? 'udp6' : 'udp4', reuseAddr: false });
    const transport = new UdpTransport(socket);
    socket.on('message', (bytes, rinfo) => {
      options.sink({
        bytes,
        source: { transport: 'UDP', address: rinfo.address, port: rinfo.port, connectionId: undefined },
      });
    });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.address, () => {
        socket.off('error', reject);
        // An ICMP error or a full buffer must never take the server down: the datagram is lost,
        // which UDP allows and the transaction layer's retransmissions cover.
        socket.on('error', () => {});
        const size = options.bufferBytes ?? 4 * 1024 * 1024;
        try {
          socket.setRecvBufferSize(size);
          socket.setSendBufferSize(size);
        } catch {
          // Not allowed to grow the buffers here: the system defaults still work.
        }
        const addr = socket.address();
        transport.#local = { address: addr.address, port: addr.port };
        resolve(transport);
      });
    });
  }

  get local(): { readonly address: string; readonly port: number } {
    return this.#local;
  }

  send(target: SipTarget, bytes: Uint8Array): boolean {
    try {
      this.#socket.send(bytes, target.port, target.address);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.#socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
