// URI equality (RFC 3261 §19.1.4) and the canonical address-of-record a registrar files
// bindings under (§10.3). Escapes are resolved before comparing: sip:%75se%72@example.com is
// sip:user@example.com (RFC 4475 esc01).
import { isUnreserved } from './char-classes.ts';
import type { SipParam } from './header-params.ts';
import { escapePercent, unescapePercent } from './percent-escapes.ts';
import type { SipUri, Uri } from './uri.ts';

// Parameters that, present in one URI, must be present and equal in the other.
const MUST_MATCH_PARAMS = ['user', 'ttl', 'method', 'maddr', 'transport'];

function paramMap(params: readonly SipParam[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of params) {
    const name = unescapePercent(p.name).toLowerCase();
    if (!map.has(name)) map.set(name, unescapePercent(p.value ?? '').toLowerCase());
  }
  return map;
}

function sipUriEquals(a: SipUri, b: SipUri): boolean {
  if (a.scheme !== b.scheme) return false;
  if (unescapePercent(a.user ?? '') !== unescapePercent(b.user ?? '')) return false;
  if ((a.user === undefined) !== (b.user === undefined)) return false;
  if (unescapePercent(a.password ?? '') !== unescapePercent(b.password ?? '')) return false;
  if (a.host.toLowerCase() !== b.host.toLowerCase() || a.port !== b.port) return false;
  const pa = paramMap(a.params);
  const pb = paramMap(b.params);
  for (const [name, value] of pa) {
    const other = pb.get(name);
    if (other !== undefined && other !== value) return false;
    if (other === undefined && MUST_MATCH_PARAMS.includes(name)) return false;
  }
  for (const name of MUST_MATCH_PARAMS) if (pb.has(name) && !pa.has(name)) return false;
  // Header components are never ignored: both URIs carry the same set.
  const ha = new Map(
    a.headers.map((h) => [unescapePercent(h.name).toLowerCase(), unescapePercent(h.value ?? '')]),
  );
  const hb = new Map(
    b.headers.map((h) => [unescapePercent(h.name).toLowerCase(), unescapePercent(h.value ?? '')]),
  );
  if (ha.size !== hb.size) return false;
  for (const [name, value] of ha) if (hb.get(name) !== value) return false;
  return true;
}

function telDigits(n: string): string {
  return n.replace(/[-.()]/g, '').toLowerCase();
}

export function uriEquals(a: Uri, b: Uri): boolean {
  if (a.kind === 'sip' && b.kind === 'sip') return sipUriEquals(a, b);
  if (a.kind === 'tel' && b.kind === 'tel') {
    if (telDigits(a.number) !== telDigits(b.number)) return false;
    const pa = paramMap(a.params);
    const pb = paramMap(b.params);
    if (pa.size !== pb.size) return false;
    for (const [name, value] of pa) if (pb.get(name) !== value) return false;
    return true;
  }
  if (a.kind === 'other' && b.kind === 'other') return a.scheme === b.scheme && a.opaque === b.opaque;
  return false;
}

function isPlainUserChar(c: string): boolean {
  return isUnreserved(c) || '&=+$,;?/'.includes(c);
}

/**
 * The key a registrar files bindings under: scheme, unescaped-then-minimally-escaped user, and
 * lower-cased host[:port], with every parameter and header removed (RFC 3261 §10.3 step 5).
 * Undefined for a URI that cannot be an address-of-record (not SIP or SIPS).
 */
export function addressOfRecord(uri: Uri): string | undefined {
  if (uri.kind !== 'sip') return undefined;
  const user = uri.user === undefined ? '' : `${escapePercent(unescapePercent(uri.user), isPlainUserChar)}@`;
  const port = uri.port === undefined ? '' : `:${uri.port}`;
  return `${uri.scheme}:${user}${uri.host.toLowerCase()}${port}`;
}
