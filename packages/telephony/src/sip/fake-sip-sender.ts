// A transport layer stand-in for transaction tests: it records every message handed to it
// (parsed back, with the virtual time it left) and answers "reliable" for TCP and WS.
import type { Millis } from '@switchboard/core';
import type { SipMessage } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { encodeSipMessage, type SipOutgoing } from './serialize.ts';
import type { SipClock } from './sip-clock.ts';
import type { SipSource, SipTarget, SipTransportName } from './sip-transport.ts';
import type { SipMessageSender } from './transport-layer.ts';
import type { Via } from './via.ts';

export interface SentMessage {
  readonly at: Millis;
  readonly message: SipMessage;
  readonly target: SipTarget;
}

export class FakeSipSender implements SipMessageSender {
  readonly sent: SentMessage[] = [];
  readonly #clock: SipClock;
  /** Set to false to make every send fail (a transport error). */
  working = true;

  constructor(clock: SipClock) {
    this.#clock = clock;
  }

  send(message: SipOutgoing, target: SipTarget): boolean {
    if (!this.working) return false;
    const parsed = parseSipMessage(encodeSipMessage(message));
    if (!parsed.ok) throw new Error(`the stack produced an unparseable message: ${parsed.error.message}`);
    this.sent.push({ at: this.#clock.now(), message: parsed.value, target });
    return true;
  }

  sendResponse(response: SipOutgoing, _via: Via | undefined, source: SipSource): boolean {
    return this.send(response, { ...source });
  }

  isReliable(transport: SipTransportName): boolean {
    return transport !== 'UDP';
  }

  sentBy(_transport: SipTransportName): { readonly host: string; readonly port: number } {
    return { host: '192.0.2.1', port: 5060 };
  }

  /** Status codes (responses) or methods (requests) in order, with their times. */
  trace(): string[] {
    return this.sent.map(
      (s) => `${s.at} ${s.message.kind === 'response' ? s.message.status : s.message.method}`,
    );
  }

  clear(): void {
    this.sent.length = 0;
  }
}
