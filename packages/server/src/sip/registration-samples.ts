// Test support for the durable registration tests: bindings as the registrar makes them (UDP, TCP and
// WebSocket phones), a clock, and a logger that keeps the errors for the assertions.
import {
  parseNameAddr,
  type SipBinding,
  type SipContact,
  type SipSource,
  VirtualSipClock,
} from '@switchboard/telephony/sip';
import type { Logger, LogFields } from '../observability/json-logger.ts';

export const T0 = Date.UTC(2026, 0, 5, 9);

export function sampleClock(): VirtualSipClock {
  return new VirtualSipClock(T0);
}

function contact(text: string): SipContact {
  const addr = parseNameAddr(text);
  if (!addr.ok) throw new Error(`bad sample contact ${text}`);
  return { ...addr.value, expires: undefined, q: undefined };
}

const UDP: SipSource = { transport: 'UDP', address: '198.51.100.7', port: 5062, connectionId: undefined };

/** Phone `n`'s binding on extension 100n over UDP, registered at T0 for 10 minutes. */
export function udpBinding(n: number, overrides: Partial<SipBinding> = {}): SipBinding {
  return {
    extension: `100${n}`,
    contact: contact(
      `"Desk ${n}" <sip:100${n}@198.51.100.${n}:5062;transport=udp>;+sip.instance="<urn:uuid:${n}>"`,
    ),
    callId: `reg-${n}@198.51.100.${n}`,
    cseq: 2,
    expiresAt: T0 + 600_000,
    registeredAt: T0,
    source: { ...UDP, address: `198.51.100.${n}` },
    userAgent: `desk-phone/${n}`,
    ...overrides,
  };
}

/** A softphone's second contact on the same extension, with a q value and no User-Agent. */
export function secondContact(n: number): SipBinding {
  return udpBinding(n, {
    contact: { ...contact(`<sip:100${n}@203.0.113.${n}:5070>;q=0.5`), q: 0.5 },
    callId: `soft-${n}`,
    userAgent: undefined,
  });
}

/** A binding reached on its connection: TCP (a desk phone) or WS (a browser). */
export function connectionBinding(n: number, transport: 'TCP' | 'WS'): SipBinding {
  return udpBinding(n, {
    contact: contact(
      `<sip:${transport.toLowerCase()}${n}@client${n}.invalid;transport=${transport.toLowerCase()}>`,
    ),
    source: { transport, address: '198.51.100.9', port: 40_000 + n, connectionId: `${transport}-conn-${n}` },
  });
}

export function captureLog(): {
  log: Logger;
  errors: { msg: string; fields: LogFields | undefined }[];
  infos: { msg: string; fields: LogFields | undefined }[];
} {
  const errors: { msg: string; fields: LogFields | undefined }[] = [];
  const infos: { msg: string; fields: LogFields | undefined }[] = [];
  const log: Logger = {
    debug: () => {},
    info: (msg, fields) => infos.push({ msg, fields }),
    warn: () => {},
    error: (msg, fields) => errors.push({ msg, fields }),
    child: () => log,
  };
  return { log, errors, infos };
}
