// The URIs of SIP messages: SIP/SIPS (RFC 3261 §19.1), tel (RFC 3966), and any other absolute
// URI kept opaque (a parser must accept an unknown scheme; refusing it with 416 is the
// application's decision, RFC 4475 §3.3.2). Every part is stored exactly as written, escapes
// included, so a forwarded URI is byte-identical; uri-compare.ts unescapes when comparing.
import { isAlpha, isAlphanum, isEscapedText } from './char-classes.ts';
import { formatParams, type SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { parseSipUri } from './sip-uri.ts';
import { parseTelUri } from './tel-uri.ts';

export interface SipUri {
  readonly kind: 'sip';
  readonly scheme: 'sip' | 'sips';
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** Host name, IPv4 address, or IPv6 reference with its brackets. */
  readonly host: string;
  readonly port: number | undefined;
  readonly params: readonly SipParam[];
  /** The ?name=value&... part; values always present (possibly ''). */
  readonly headers: readonly SipParam[];
}

export interface TelUri {
  readonly kind: 'tel';
  readonly scheme: 'tel';
  readonly number: string;
  readonly params: readonly SipParam[];
}

export interface OtherUri {
  readonly kind: 'other';
  /** Lower case; never sip, sips or tel. */
  readonly scheme: string;
  readonly opaque: string;
}

export type Uri = SipUri | TelUri | OtherUri;

function isSchemeText(s: string): boolean {
  if (s.length === 0 || !isAlpha(s.charAt(0))) return false;
  for (const c of s) if (!isAlphanum(c) && c !== '+' && c !== '-' && c !== '.') return false;
  return true;
}

// uric = reserved / unreserved / escaped (RFC 3261 §25.1)
const RESERVED = ';/?:@&=+$,';

export function parseUri(text: string): Parsed<Uri> {
  const colon = text.indexOf(':');
  if (colon <= 0) return invalid('URI without a scheme');
  const scheme = text.slice(0, colon);
  if (!isSchemeText(scheme)) return invalid('malformed URI scheme');
  const lower = scheme.toLowerCase();
  const rest = text.slice(colon + 1);
  if (lower === 'sip' || lower === 'sips') return parseSipUri(lower, rest);
  if (lower === 'tel') return parseTelUri(rest);
  if (rest.length === 0 || !isEscapedText(rest, RESERVED)) return invalid(`malformed ${lower} URI`);
  return parsed({ kind: 'other', scheme: lower, opaque: rest });
}

export function formatUri(uri: Uri): string {
  switch (uri.kind) {
    case 'sip': {
      let out = `${uri.scheme}:`;
      if (uri.user !== undefined) {
        out += uri.user;
        if (uri.password !== undefined) out += `:${uri.password}`;
        out += '@';
      }
      out += uri.host;
      if (uri.port !== undefined) out += `:${uri.port}`;
      out += formatParams(uri.params);
      if (uri.headers.length > 0) out += `?${uri.headers.map((h) => `${h.name}=${h.value ?? ''}`).join('&')}`;
      return out;
    }
    case 'tel':
      return `tel:${uri.number}${formatParams(uri.params)}`;
    case 'other':
      return `${uri.scheme}:${uri.opaque}`;
  }
}
