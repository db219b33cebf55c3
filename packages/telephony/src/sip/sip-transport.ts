// What the transaction layer and the registrar know of a transport (RFC 3261 §18): where a
// message came from, where an answer goes, and whether the transport is reliable (timers that
// retransmit run only on unreliable ones, §17). UDP, TCP and SIP over WebSocket (RFC 7118)
// implement SipTransport; SipTransportLayer sits on top and parses what they deliver.
import type { Result } from '@switchboard/core';
import type { SipMessage } from './message.ts';

export const SIP_TRANSPORTS = ['UDP', 'TCP', 'WS'] as const;
export type SipTransportName = (typeof SIP_TRANSPORTS)[number];

/** Where one inbound message came from. */
export interface SipSource {
  readonly transport: SipTransportName;
  /** Remote IP address as the socket saw it (no brackets for IPv6). */
  readonly address: string;
  readonly port: number;
  /** The connection a stream message came on (TCP, WS): responses go back on it (§18.2.2). */
  readonly connectionId: string | undefined;
}

/** Where to send: a connection if it is still open, else the address and port. */
export interface SipTarget {
  readonly transport: SipTransportName;
  readonly address: string;
  readonly port: number;
  readonly connectionId?: string | undefined;
}

export interface SipInbound {
  readonly bytes: Uint8Array;
  /** Already parsed by the transport (a stream framer parses as it cuts); else the layer parses. */
  readonly parsed?: Result<SipMessage>;
  readonly source: SipSource;
}

export type SipInboundSink = (inbound: SipInbound) => void;

export interface SipTransport {
  readonly name: SipTransportName;
  /** TCP and WS are reliable: no retransmissions, timers D, I, J, K are zero (§17). */
  readonly reliable: boolean;
  /** The bound address and port (sent-by of the Vias we write). */
  readonly local: { readonly address: string; readonly port: number };
  /** False when the message cannot leave (no open connection and none can be made). */
  send(target: SipTarget, bytes: Uint8Array): boolean;
  close(): Promise<void>;
}

export function isReliable(transport: SipTransportName): boolean {
  return transport !== 'UDP';
}
