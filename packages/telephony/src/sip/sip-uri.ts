// SIP-URI / SIPS-URI (RFC 3261 §19.1.1, grammar §25.1):
//   "sip:" [ user [ ":" password ] "@" ] host [ ":" port ] *( ";" uri-parameter ) [ "?" headers ]
// '@' cannot appear unescaped after the userinfo, so the first '@' ends it even when the user
// part holds ';', '?' or ',' (RFC 4475 semiuri, intmeth).
import { isAlpha, isAlphanum, isDigit, isEscapedText, isHexDigit } from './char-classes.ts';
import type { SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import type { SipUri } from './uri.ts';

const USER_EXTRA = '&=+$,;?/';
const PASSWORD_EXTRA = '&=+$,';
const PARAM_EXTRA = '[]/:&+$';
const HEADER_EXTRA = '[]/?:+$';

/** A decimal port number 0..65535 written with at most five digits. */
export function parsePort(s: string): number | undefined {
  if (s.length === 0 || s.length > 5) return undefined;
  for (const c of s) if (!isDigit(c)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

function isIpv6Reference(h: string): boolean {
  if (h.length < 4 || !h.startsWith('[') || !h.endsWith(']')) return false;
  const inner = h.slice(1, -1);
  if (!inner.includes(':')) return false;
  for (const c of inner) if (!isHexDigit(c) && c !== ':' && c !== '.') return false;
  return true;
}

function isLabel(label: string): boolean {
  if (label.length === 0 || label.startsWith('-') || label.endsWith('-')) return false;
  for (const c of label) if (!isAlphanum(c) && c !== '-') return false;
  return true;
}

/** host = hostname / IPv4address / IPv6reference */
export function isValidHost(host: string): boolean {
  if (host.startsWith('[')) return isIpv6Reference(host);
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
  if (!labels.every(isLabel)) return false;
  const isIpv4 = labels.length === 4 && labels.every((l) => l.length <= 3 && [...l].every(isDigit));
  return isIpv4 || isAlpha((labels[labels.length - 1] ?? '').charAt(0));
}

function parseUriParams(text: string, extra: string, needsValue: boolean): Parsed<SipParam[]> {
  const out: SipParam[] = [];
  for (const part of text.split(needsValue ? '&' : ';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? undefined : part.slice(eq + 1);
    if (name.length === 0 || !isEscapedText(name, extra)) return invalid('malformed URI parameter name');
    if (needsValue && value === undefined) return invalid('URI header without "="');
    if (value !== undefined && !isEscapedText(value, extra)) return invalid('malformed URI parameter value');
    if (!needsValue && value === '') return invalid('URI parameter with an empty value');
    out.push({ name, value });
  }
  return parsed(out);
}

export function parseSipUri(scheme: 'sip' | 'sips', rest: string): Parsed<SipUri> {
  const at = rest.indexOf('@');
  let user: string | undefined;
  let password: string | undefined;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    password = colon < 0 ? undefined : userinfo.slice(colon + 1);
    if (user.length === 0 || !isEscapedText(user, USER_EXTRA)) return invalid('malformed user part');
    if (password !== undefined && !isEscapedText(password, PASSWORD_EXTRA))
      return invalid('malformed password');
  }
  const afterUser = at >= 0 ? rest.slice(at + 1) : rest;
  const q = afterUser.indexOf('?');
  const beforeHeaders = q < 0 ? afterUser : afterUser.slice(0, q);
  const semi = beforeHeaders.indexOf(';');
  const hostport = semi < 0 ? beforeHeaders : beforeHeaders.slice(0, semi);
  const close = hostport.startsWith('[') ? hostport.indexOf(']') : -1;
  const portColon = hostport.indexOf(':', Math.max(close, 0));
  const host = portColon < 0 ? hostport : hostport.slice(0, portColon);
  if (!isValidHost(host)) return invalid('malformed host');
  let port: number | undefined;
  if (portColon >= 0) {
    port = parsePort(hostport.slice(portColon + 1));
    if (port === undefined) return invalid('malformed port');
  }
  let params: SipParam[] = [];
  if (semi >= 0) {
    const p = parseUriParams(beforeHeaders.slice(semi + 1), PARAM_EXTRA, false);
    if (!p.ok) return p;
    params = p.value;
  }
  let headers: SipParam[] = [];
  if (q >= 0) {
    const h = parseUriParams(afterUser.slice(q + 1), HEADER_EXTRA, true);
    if (!h.ok) return h;
    headers = h.value;
  }
  return parsed({ kind: 'sip', scheme, user, password, host, port, params, headers });
}
