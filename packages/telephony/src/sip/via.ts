// Via (RFC 3261 §20.42): sent-protocol LWS sent-by *( SEMI via-params ), with
// sent-protocol = protocol-name SLASH protocol-version SLASH transport, SLASH = SWS "/" SWS
// and sent-by = host [ COLON port ]. Any transport token is accepted (RFC 4475 transports).
import { isAllDigits, isAlphanum, isDigit, isTokenChar, isWsp, skipWsp } from './char-classes.ts';
import { formatParams, paramValue, parseHeaderParams, type SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { isValidHost, parsePort } from './sip-uri.ts';

export interface Via {
  readonly protocolName: string;
  readonly protocolVersion: string;
  /** Upper case: UDP, TCP, TLS, SCTP, WS, WSS or any extension token. */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  /** Authoritative for formatting; branch, received, rport and maddr below are read from it. */
  readonly params: readonly SipParam[];
  readonly branch: string | undefined;
  readonly received: string | undefined;
  /** A number when rport carries a value, true when it is present without one (RFC 3581). */
  readonly rport: number | true | undefined;
  readonly maddr: string | undefined;
}

/** RFC 3261 branches start with the magic cookie and carry something after it (RFC 4475 badbranch). */
export const MAGIC_COOKIE = 'z9hG4bK';

export function isRfc3261Branch(branch: string | undefined): boolean {
  const b = branch ?? '';
  return b.startsWith(MAGIC_COOKIE) && b.length > MAGIC_COOKIE.length;
}

function isHostChar(c: string): boolean {
  return isAlphanum(c) || c === '-' || c === '.';
}

function readToken(s: string, i: number): { token: string; end: number } {
  let j = i;
  while (j < s.length && isTokenChar(s.charAt(j))) j++;
  return { token: s.slice(i, j), end: j };
}

export function parseVia(value: string): Parsed<Via> {
  const s = value;
  const name = readToken(s, 0);
  let i = skipWsp(s, name.end);
  if (s.charAt(i) !== '/') return invalid('malformed sent-protocol');
  const version = readToken(s, skipWsp(s, i + 1));
  i = skipWsp(s, version.end);
  if (s.charAt(i) !== '/') return invalid('malformed sent-protocol');
  const transport = readToken(s, skipWsp(s, i + 1));
  if (name.token === '' || version.token === '' || transport.token === '')
    return invalid('malformed sent-protocol');
  if (name.token.toUpperCase() !== 'SIP' || version.token !== '2.0') return invalid('Via is not SIP/2.0');
  i = transport.end;
  if (!isWsp(s.charAt(i))) return invalid('no whitespace before sent-by');
  i = skipWsp(s, i);
  let end = i;
  if (s.charAt(i) === '[') {
    const close = s.indexOf(']', i);
    end = close < 0 ? s.length : close + 1;
  } else {
    while (end < s.length && isHostChar(s.charAt(end))) end++;
  }
  if (end <= i) return invalid('missing sent-by host');
  const host = s.slice(i, end);
  if (!isValidHost(host)) return invalid('malformed sent-by host');
  i = skipWsp(s, end);
  let port: number | undefined;
  if (s.charAt(i) === ':') {
    const start = skipWsp(s, i + 1);
    let j = start;
    while (j < s.length && isDigit(s.charAt(j))) j++;
    port = parsePort(s.slice(start, j));
    if (port === undefined) return invalid('malformed sent-by port');
    i = j;
  }
  const params = parseHeaderParams(s, i);
  if (!params.ok) return params;
  const rportText = paramValue(params.value, 'rport');
  let rport: number | true | undefined;
  if (rportText === '') rport = true;
  else if (rportText !== undefined) {
    rport = isAllDigits(rportText) ? parsePort(rportText) : undefined;
    if (rport === undefined) return invalid('malformed rport');
  }
  const branch = paramValue(params.value, 'branch');
  if (branch === '') return invalid('empty branch');
  return parsed({
    protocolName: name.token.toUpperCase(),
    protocolVersion: version.token,
    transport: transport.token.toUpperCase(),
    host,
    port,
    params: params.value,
    branch,
    received: paramValue(params.value, 'received'),
    rport,
    maddr: paramValue(params.value, 'maddr'),
  });
}

export function formatVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  return `SIP/2.0/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}
