// Where a response goes (RFC 3261 §18.2.2, RFC 3581 §4): on a reliable transport, back on the
// connection the request came on (and, if it has closed, to received/sent-by); with maddr, to
// that address; otherwise to `received` (the request's source address) at the rport value if
// the client asked for symmetric response routing, else at the sent-by port (default 5060).
import type { SipSource, SipTarget } from './sip-transport.ts';
import type { Via } from './via.ts';

const DEFAULT_SIP_PORT = 5060;

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function responseTarget(via: Via | undefined, source: SipSource): SipTarget {
  if (!via)
    return {
      transport: source.transport,
      address: source.address,
      port: source.port,
      connectionId: source.connectionId,
    };
  const sentByPort = via.port ?? DEFAULT_SIP_PORT;
  if (source.transport !== 'UDP') {
    return {
      transport: source.transport,
      address: bare(via.received ?? via.host),
      port: typeof via.rport === 'number' ? via.rport : sentByPort,
      connectionId: source.connectionId,
    };
  }
  if (via.maddr !== undefined) return { transport: 'UDP', address: bare(via.maddr), port: sentByPort };
  if (via.received !== undefined) {
    const port = typeof via.rport === 'number' ? via.rport : sentByPort;
    return { transport: 'UDP', address: bare(via.received), port };
  }
  return { transport: 'UDP', address: bare(via.host), port: sentByPort };
}
