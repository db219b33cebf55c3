// The SIP side assembled: transports on the configured addresses and ports (UDP and TCP on
// 5060 by default, SIP over WebSocket on an HTTP server's path), the guarded transport layer,
// the transaction layer, and a transaction user that applies the UAS checks, hands REGISTER
// to the registrar, answers OPTIONS (phones use it as a keep-alive), and passes anything else
// to `onRequest` - the B2BUA's door. Without it, other methods get 405 with Allow.
import type { Server as HttpServer } from 'node:http';
import type { SipLimits } from './parse-limits.ts';
import type { SipRegistrar } from './registrar.ts';
import { checkRequest, type RequestPolicy, SWITCHBOARD_UAS_POLICY } from './request-checks.ts';
import type { SipServerTransaction } from './server-transaction.ts';
import type { SipClock } from './sip-clock.ts';
import { sipDispositionOf } from './sip-failure.ts';
import type { SipGuards } from './sip-guards.ts';
import { TcpTransport } from './tcp-transport.ts';
import { SipTransactionLayer, type SipTransactionUser } from './transaction-layer.ts';
import type { SipTimerValues } from './transaction-timers.ts';
import { SipTransportLayer } from './transport-layer.ts';
import { UdpTransport } from './udp-transport.ts';
import { WsTransport } from './ws-transport.ts';

export const DEFAULT_SIP_PORT = 5060;

export interface SipListenOptions {
  /** Address UDP and TCP bind to; default 0.0.0.0. */
  readonly address?: string;
  /** Default 5060; 0 picks a free port; false: no UDP. */
  readonly udpPort?: number | false;
  /** Default 5060; 0 picks a free port; false: no TCP. */
  readonly tcpPort?: number | false;
  /** SIP over WebSocket on this HTTP server's `path` (default /sip): it shares the HTTP port. */
  readonly ws?: { readonly server: HttpServer; readonly path?: string };
  /** Host for our own Vias when bound to 0.0.0.0. */
  readonly advertisedHost?: string;
}

export interface SipServiceOptions {
  readonly clock: SipClock;
  readonly registrar: SipRegistrar;
  readonly listen?: SipListenOptions;
  readonly guards?: SipGuards;
  readonly limits?: Partial<SipLimits>;
  readonly timers?: Partial<SipTimerValues>;
  readonly tcpIdleMs?: number;
  /** Requests other than REGISTER and OPTIONS, already checked against SWITCHBOARD_UAS_POLICY. */
  readonly onRequest?: (tx: SipServerTransaction) => void;
  /** ACKs for 2xx, CANCELs, stray responses, transaction errors (the B2BUA's business). */
  readonly user?: Omit<SipTransactionUser, 'onRequest'>;
}

const REGISTRAR_ONLY: RequestPolicy = {
  ...SWITCHBOARD_UAS_POLICY,
  methods: ['REGISTER', 'OPTIONS', 'ACK', 'CANCEL'],
};

export class SipService {
  readonly transportLayer: SipTransportLayer;
  readonly transactions: SipTransactionLayer;
  readonly #options: SipServiceOptions;
  readonly #policy: RequestPolicy;

  private constructor(options: SipServiceOptions) {
    this.#options = options;
    this.#policy = options.onRequest ? SWITCHBOARD_UAS_POLICY : REGISTRAR_ONLY;
    this.transportLayer = new SipTransportLayer({
      clock: options.clock,
      guards: options.guards,
      limits: options.limits,
      advertisedHost: options.listen?.advertisedHost,
    });
    this.transactions = new SipTransactionLayer({
      clock: options.clock,
      sender: this.transportLayer,
      timers: options.timers,
      user: { ...options.user, onRequest: (tx) => this.#onRequest(tx) },
    });
    this.transportLayer.setReceiver(this.transactions);
  }

  static async start(options: SipServiceOptions): Promise<SipService> {
    const service = new SipService(options);
    const listen = options.listen ?? {};
    const address = listen.address ?? '0.0.0.0';
    const layer = service.transportLayer;
    try {
      const udpPort = listen.udpPort ?? DEFAULT_SIP_PORT;
      if (udpPort !== false)
        layer.addTransport(await UdpTransport.listen({ address, port: udpPort, sink: layer.sink }));
      const tcpPort = listen.tcpPort ?? DEFAULT_SIP_PORT;
      if (tcpPort !== false) {
        layer.addTransport(
          await TcpTransport.listen({
            address,
            port: tcpPort,
            sink: layer.sink,
            clock: options.clock,
            idleMs: options.tcpIdleMs,
            limits: options.limits,
          }),
        );
      }
      if (listen.ws) {
        layer.addTransport(
          WsTransport.attach(listen.ws.server, {
            path: listen.ws.path,
            sink: layer.sink,
            maxMessageBytes: options.limits?.maxMessageBytes,
          }),
        );
      }
    } catch (error) {
      await layer.close();
      throw error;
    }
    return service;
  }

  /** Bound ports (useful with port 0). */
  get ports(): { readonly udp: number | undefined; readonly tcp: number | undefined } {
    return {
      udp: this.transportLayer.transport('UDP')?.local.port,
      tcp: this.transportLayer.transport('TCP')?.local.port,
    };
  }

  #onRequest(tx: SipServerTransaction): void {
    const checked = checkRequest(tx.request, this.#policy);
    if (!checked.ok) {
      const status = sipDispositionOf(checked);
      const extra = checked.error.details.responseHeaders;
      if (typeof status === 'number') {
        tx.reply(status, checked.error.message, { headers: Array.isArray(extra) ? extra : [] });
      }
      return;
    }
    const request = checked.value;
    if (request.method === 'REGISTER') {
      const result = this.#options.registrar.handle(request, tx.source);
      tx.reply(result.status, result.reason, { headers: result.headers });
    } else if (request.method === 'OPTIONS') {
      tx.reply(200, 'OK', {
        headers: [
          { name: 'Allow', value: this.#policy.methods.join(', ') },
          { name: 'Accept', value: this.#policy.bodyTypes.join(', ') },
        ],
      });
    } else if (this.#options.onRequest) this.#options.onRequest(tx);
    else
      tx.reply(405, 'Method Not Allowed', {
        headers: [{ name: 'Allow', value: this.#policy.methods.join(', ') }],
      });
  }

  async close(): Promise<void> {
    await this.transportLayer.close();
  }
}
