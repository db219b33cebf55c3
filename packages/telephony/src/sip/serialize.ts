// Writes a SIP message: start line, every header row in order, a Content-Length that is right
// for the body actually written, the empty line, the body. A value can never smuggle a line
// break into the output: CR and LF inside any text become SP, so one header stays one header.
import { Buffer } from 'node:buffer';
import { isTokenChar } from './char-classes.ts';
import { headerKey } from './header-names.ts';
import type { SipHeader } from './message.ts';
import { formatUri, type Uri } from './uri.ts';

export type SipOutgoing =
  | {
      readonly kind: 'request';
      readonly method: string;
      readonly uri: Uri | string;
      readonly headers: readonly SipHeader[];
      readonly body?: Uint8Array | string;
    }
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly reason: string;
      readonly headers: readonly SipHeader[];
      readonly body?: Uint8Array | string;
    };

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function tokenOnly(text: string): string {
  let out = '';
  for (const c of text) if (isTokenChar(c)) out += c;
  return out;
}

function head(msg: SipOutgoing, contentLength: number): string {
  const start =
    msg.kind === 'request'
      ? `${tokenOnly(msg.method)} ${oneLine(typeof msg.uri === 'string' ? msg.uri : formatUri(msg.uri))} SIP/2.0`
      : `SIP/2.0 ${Math.trunc(msg.status)} ${oneLine(msg.reason)}`;
  const lines = [start];
  let lengthWritten = false;
  for (const h of msg.headers) {
    const name = tokenOnly(h.name);
    if (name.length === 0) continue;
    if (headerKey(name) === 'content-length') {
      if (!lengthWritten) lines.push(`Content-Length: ${contentLength}`);
      lengthWritten = true;
      continue;
    }
    lines.push(`${name}: ${oneLine(h.value)}`);
  }
  if (!lengthWritten) lines.push(`Content-Length: ${contentLength}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The message as text. A binary body is decoded as UTF-8 (lossy for bytes that are not UTF-8:
 * use encodeSipMessage for those); Content-Length counts the UTF-8 bytes of the text written,
 * so it is right once the string is sent as UTF-8.
 */
export function serializeSipMessage(msg: SipOutgoing): string {
  const body =
    msg.body === undefined
      ? ''
      : typeof msg.body === 'string'
        ? msg.body
        : Buffer.from(msg.body).toString('utf8');
  return head(msg, Buffer.byteLength(body, 'utf8')) + body;
}

/** The message as bytes, the body copied byte for byte (multipart and binary bodies). */
export function encodeSipMessage(msg: SipOutgoing): Uint8Array {
  const body =
    msg.body === undefined
      ? Buffer.alloc(0)
      : typeof msg.body === 'string'
        ? Buffer.from(msg.body, 'utf8')
        : msg.body;
  return new Uint8Array(Buffer.concat([Buffer.from(head(msg, body.length), 'utf8'), body]));
}
