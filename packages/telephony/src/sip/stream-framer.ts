// Cuts SIP messages out of a byte stream (TCP, TLS) by Content-Length (RFC 3261 §18.3).
// CRLF runs between messages are keep-alives (RFC 5626 §4.4.1): a double CRLF is a "ping" the
// transport should answer with one CRLF; a single CRLF is a "pong" and is skipped. When the
// framing itself is lost - an unusable Content-Length, a head or body over the limits - the
// stream cannot be resynchronised: the framer reports one error and stops, and the transport
// should answer if it can and close the connection (RFC 4475 ncl, mcl01).
import { Buffer } from 'node:buffer';
import { type Result, SwitchboardError } from '@switchboard/core';
import { headerKey } from './header-names.ts';
import { splitHead } from './header-lines.ts';
import type { SipMessage } from './message.ts';
import { resolveLimits, type SipLimits } from './parse-limits.ts';
import { parseSipMessage } from './parse-message.ts';
import { parseBoundedInt } from './scalar-headers.ts';
import { looksLikeResponse } from './start-line.ts';

export type SipStreamEvent =
  | { readonly kind: 'message'; readonly bytes: Uint8Array; readonly result: Result<SipMessage> }
  | { readonly kind: 'ping' }
  | { readonly kind: 'error'; readonly error: SwitchboardError };

const CR = 13;
const LF = 10;

export class SipStreamFramer {
  readonly #limits: SipLimits;
  #buffer: Buffer = Buffer.alloc(0);
  /** Where the search for the end of the head resumes, so a slow sender costs O(n) overall. */
  #scanFrom = 0;
  /** Total length of the message at the front of the buffer once its head has been read. */
  #pendingLength: number | undefined;
  #broken = false;

  constructor(limits?: Partial<SipLimits>) {
    this.#limits = resolveLimits(limits);
  }

  /** True once framing was lost; every later push is ignored. */
  get broken(): boolean {
    return this.#broken;
  }

  get bufferedBytes(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array | string): SipStreamEvent[] {
    if (this.#broken) return [];
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.#buffer, bytes]);
    const events: SipStreamEvent[] = [];
    for (;;) {
      const event = this.#next();
      if (!event) return events;
      events.push(event);
      if (event.kind === 'error') return events;
    }
  }

  #consume(n: number): void {
    // A view, not a copy: a chunk of many small messages (or pings) costs O(chunk), not
    // O(chunk^2). The next push copies what is left into a fresh buffer anyway.
    this.#buffer = this.#buffer.subarray(n);
    this.#scanFrom = 0;
    this.#pendingLength = undefined;
  }

  #fail(status: number, reason: string): SipStreamEvent {
    this.#broken = true;
    const sipStatus = looksLikeResponse(this.#buffer.toString('latin1', 0, 4)) ? 'drop' : status;
    this.#buffer = Buffer.alloc(0);
    return { kind: 'error', error: new SwitchboardError('invalid_argument', reason, { sipStatus, reason }) };
  }

  /** Skips keep-alive CRLFs at a message boundary; a ping event, a failure, 'wait' or 'go'. */
  #keepAlive(): SipStreamEvent | 'wait' | 'go' {
    for (;;) {
      const buf = this.#buffer;
      if (buf.length === 0) return 'wait';
      if (buf[0] !== CR && buf[0] !== LF) return 'go';
      if (buf.length < 2) return 'wait';
      if (buf[0] !== CR || buf[1] !== LF) return this.#fail(400, 'Bare CR or LF between messages');
      if (buf.length < 3 || (buf[2] === CR && buf.length < 4)) return 'wait';
      if (buf[2] === CR && buf[3] === LF) {
        this.#consume(4);
        return { kind: 'ping' };
      }
      this.#consume(2);
    }
  }

  #next(): SipStreamEvent | undefined {
    if (this.#pendingLength === undefined) {
      const keepAlive = this.#keepAlive();
      if (keepAlive === 'wait') return undefined;
      if (keepAlive !== 'go') return keepAlive;
      const buf = this.#buffer;
      const headEnd = buf.indexOf('\r\n\r\n', Math.max(0, this.#scanFrom - 3), 'latin1');
      if (headEnd < 0) {
        this.#scanFrom = buf.length;
        return buf.length > this.#limits.maxMessageBytes
          ? this.#fail(513, 'Message head too large')
          : undefined;
      }
      const bodyLength = this.#contentLength(buf.toString('utf8', 0, headEnd));
      if (typeof bodyLength !== 'number') return this.#fail(bodyLength.status, bodyLength.reason);
      if (bodyLength > this.#limits.maxBodyBytes || headEnd + 4 + bodyLength > this.#limits.maxMessageBytes) {
        return this.#fail(413, 'Message body too large');
      }
      this.#pendingLength = headEnd + 4 + bodyLength;
    }
    const length = this.#pendingLength;
    if (this.#buffer.length < length) return undefined;
    const bytes = new Uint8Array(this.#buffer.subarray(0, length));
    this.#consume(length);
    return {
      kind: 'message',
      bytes,
      result: parseSipMessage(bytes, { transport: 'stream', limits: this.#limits }),
    };
  }

  /** The body length the head declares, 0 when absent (nothing else can frame the message). */
  #contentLength(head: string): number | { status: number; reason: string } {
    const split = splitHead(head, this.#limits, false);
    if (!split.ok) {
      const status = split.error.details.sipStatus;
      return { status: typeof status === 'number' ? status : 400, reason: split.error.message };
    }
    const values = split.value.headers.filter((h) => headerKey(h.name) === 'content-length');
    if (values.length > 1) return { status: 400, reason: 'Multiple Content-Length headers' };
    const [header] = values;
    if (!header) return 0;
    const n = parseBoundedInt(header.value, 2 ** 31 - 1);
    return n === undefined ? { status: 400, reason: 'Malformed Content-Length' } : n;
  }
}
