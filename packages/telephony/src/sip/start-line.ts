// Request-Line = Method SP Request-URI SP SIP-Version and Status-Line = SIP-Version SP
// Status-Code SP Reason-Phrase (RFC 3261 §7.1, §7.2). Exactly one SP between the elements of a
// request line: extra or trailing spaces and spaces inside the URI are a 400 (RFC 4475
// lwsstart, trws, lwsruri); so are a URI in <> (ltgtruri) and URI headers (escruri).
import type { Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import { isToken } from './char-classes.ts';
import { sipFail } from './sip-failure.ts';
import { parseUri, type Uri } from './uri.ts';

export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly uri: Uri }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

const VERSION = /^SIP\/\d+\.\d+$/i;

export function looksLikeResponse(text: string): boolean {
  return text.slice(0, 4).toUpperCase() === 'SIP/';
}

function parseStatusLine(line: string): Result<StartLine> {
  const sp = line.indexOf(' ');
  const version = sp < 0 ? line : line.slice(0, sp);
  if (version.toUpperCase() !== 'SIP/2.0') return sipFail('drop', 'Response is not SIP/2.0');
  const rest = sp < 0 ? '' : line.slice(sp + 1);
  const sp2 = rest.indexOf(' ');
  const code = sp2 < 0 ? rest : rest.slice(0, sp2);
  // Status-Code = 3DIGIT, and only 100-699 mean anything (RFC 4475 bigcode: drop it).
  if (!/^[1-6]\d\d$/.test(code)) return sipFail('drop', 'Status code outside 100-699');
  return ok({ kind: 'response', status: Number(code), reason: sp2 < 0 ? '' : rest.slice(sp2 + 1) });
}

function parseRequestLine(line: string): Result<StartLine> {
  const parts = line.split(' ');
  const [method = '', uriText = '', version = ''] = parts;
  if (parts.length !== 3 || method === '' || uriText === '' || version === '') {
    // A line that ends like a SIP request is one, even when malformed; anything else is noise.
    return /\sSIP\/\d/i.test(line)
      ? sipFail(400, 'Malformed Request-Line')
      : sipFail('drop', 'Not a SIP message');
  }
  if (!VERSION.test(version)) return sipFail('drop', 'Not a SIP message');
  if (version.toUpperCase() !== 'SIP/2.0') return sipFail(505, 'Version Not Supported');
  if (!isToken(method)) return sipFail(400, 'Malformed method');
  const uri = parseUri(uriText);
  if (!uri.ok) return sipFail(400, `Malformed Request-URI: ${uri.reason}`);
  if (uri.value.kind === 'sip' && uri.value.headers.length > 0) {
    return sipFail(400, 'Request-URI must not carry headers');
  }
  return ok({ kind: 'request', method, uri: uri.value });
}

export function parseStartLine(line: string): Result<StartLine> {
  return looksLikeResponse(line) ? parseStatusLine(line) : parseRequestLine(line);
}
