// parseSipMessage: bytes in, a typed SipMessage or a typed refusal out - never an exception.
// Framing follows RFC 3261 §18.3: on a datagram the body is exactly Content-Length bytes and
// anything after it is ignored (RFC 4475 dblreq), a body shorter than Content-Length is a 400
// for a request and silence for a response (clerr), and without Content-Length the body runs to
// the end of the packet (inv2543). On a stream the framer has already cut the message out.
import { Buffer } from 'node:buffer';
import type { Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import { canonicalHeaderName } from './header-names.ts';
import { type RawHeader, splitHead } from './header-lines.ts';
import type { SipMessage } from './message.ts';
import { resolveLimits, type SipLimits } from './parse-limits.ts';
import { failFor, sipFail } from './sip-failure.ts';
import { looksLikeResponse, parseStartLine } from './start-line.ts';
import { readTypedHeaders } from './typed-headers.ts';

export interface SipParseOptions {
  /**
   * 'datagram' (the default: UDP, or one WebSocket message): Content-Length may be absent and
   * bytes after the body are discarded. 'stream': exactly one message as cut by SipStreamFramer.
   */
  readonly transport?: 'datagram' | 'stream';
  readonly limits?: Partial<SipLimits>;
}

/** Methods of RFC 3261 and its common extensions: an unknown one earns 501, not 400. */
const KNOWN_METHODS = new Set([
  'ACK',
  'BYE',
  'CANCEL',
  'INFO',
  'INVITE',
  'MESSAGE',
  'NOTIFY',
  'OPTIONS',
  'PRACK',
  'PUBLISH',
  'REFER',
  'REGISTER',
  'SUBSCRIBE',
  'UPDATE',
]);

export function isKnownMethod(method: string): boolean {
  return KNOWN_METHODS.has(method);
}

function toBuffer(input: Uint8Array | string): Buffer {
  return typeof input === 'string'
    ? Buffer.from(input, 'utf8')
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** Attaches the raw header rows to a refused request, so the 400 can copy Via, From, To... */
function withHeaders<T>(result: Result<T>, headers: readonly RawHeader[]): Result<T> {
  if (result.ok || typeof result.error.details.sipStatus !== 'number') return result;
  return sipFail(result.error.details.sipStatus, result.error.message, { headers });
}

export function parseSipMessage(
  input: Uint8Array | string,
  options: SipParseOptions = {},
): Result<SipMessage> {
  const limits = resolveLimits(options.limits);
  const buf = toBuffer(input);
  // CRLFs before the start line are keep-alives and must be ignored (RFC 3261 §7.5, RFC 5626).
  let start = 0;
  while (buf[start] === 13 && buf[start + 1] === 10) start += 2;
  if (start >= buf.length) return sipFail('drop', 'Empty message or keep-alive');
  const isResponse = looksLikeResponse(buf.toString('latin1', start, start + 4));
  if (buf.length - start > limits.maxMessageBytes) return failFor(isResponse, 513, 'Message Too Large');
  let headEnd = buf.indexOf('\r\n\r\n', start, 'latin1');
  let bodyStart = headEnd + 4;
  if (headEnd < 0) {
    // A datagram may end right after its last header line without the empty line; senders do
    // that (RFC 4475's baddn is distributed so), and there is no body to mistake for headers.
    const endsWithCrlf = buf.length >= 2 && buf[buf.length - 2] === 13 && buf[buf.length - 1] === 10;
    if (options.transport === 'stream' || !endsWithCrlf) {
      return failFor(isResponse, 400, 'Header section not ended by an empty line');
    }
    headEnd = buf.length - 2;
    bodyStart = buf.length;
  }
  const split = splitHead(buf.toString('utf8', start, headEnd), limits, isResponse);
  if (!split.ok) return split;
  const startLine = parseStartLine(split.value.startLine);
  if (!startLine.ok) return withHeaders(startLine, split.value.headers);
  const fields = readTypedHeaders(split.value.headers, isResponse);
  if (!fields.ok) return withHeaders(fields, split.value.headers);
  const line = startLine.value;
  if (line.kind === 'request' && fields.value.cseq.method !== line.method) {
    // RFC 4475 mismatch02: for an unknown method 501 is the better answer than 400.
    const status = isKnownMethod(line.method) ? 400 : 501;
    return withHeaders(sipFail(status, 'CSeq method does not match the request method'), split.value.headers);
  }
  const available = buf.length - bodyStart;
  const declared = fields.value.contentLength;
  let bodyLength = available;
  if (declared !== undefined) {
    if (declared > limits.maxBodyBytes) return failFor(isResponse, 413, 'Message body too large');
    if (declared > available) {
      return withHeaders(
        failFor(isResponse, 400, 'Content-Length larger than the message'),
        split.value.headers,
      );
    }
    if (options.transport === 'stream' && declared < available) {
      return withHeaders(failFor(isResponse, 400, 'Bytes beyond Content-Length'), split.value.headers);
    }
    bodyLength = declared;
  } else if (options.transport === 'stream' && available > 0) {
    return withHeaders(
      failFor(isResponse, 400, 'Body without Content-Length on a stream'),
      split.value.headers,
    );
  } else if (available > limits.maxBodyBytes) {
    return failFor(isResponse, 413, 'Message body too large');
  }
  const body = new Uint8Array(buf.subarray(bodyStart, bodyStart + bodyLength));
  const headers = split.value.headers.map((h) => ({ name: canonicalHeaderName(h.name), value: h.value }));
  const common = { ...fields.value, headers, body };
  return ok(
    line.kind === 'request'
      ? { kind: 'request', method: line.method, uri: line.uri, ...common }
      : { kind: 'response', status: line.status, reason: line.reason, ...common },
  );
}
