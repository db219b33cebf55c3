// name-addr / addr-spec values of From, To, Contact, Route, Record-Route (RFC 3261 §20.10):
//   ( [ display-name ] "<" URI ">" / addr-spec ) *( SEMI generic-param )
// display-name = *(token LWS) / quoted-string. Without angle brackets the URI ends at the first
// ";" or whitespace, and must not contain "?" (RFC 4475 regbadct) - so cparam01's
// ";unknownparam" is a header parameter while cparam02's, inside <>, belongs to the URI.
import { isTokenChar, isWsp, skipWsp } from './char-classes.ts';
import { formatParams, parseHeaderParams, type SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { quoteString, readQuotedString } from './quoted-string.ts';
import { formatUri, parseUri, type Uri } from './uri.ts';

export interface NameAddr {
  /** Resolved text of the display name (quotes and quoted-pairs removed); undefined if none. */
  readonly displayName: string | undefined;
  readonly uri: Uri;
  readonly params: readonly SipParam[];
}

function parseBracketed(s: string, lt: number, displayName: string | undefined): Parsed<NameAddr> {
  const gt = s.indexOf('>', lt + 1);
  if (gt < 0) return invalid('"<" without ">"');
  const uri = parseUri(s.slice(lt + 1, gt));
  if (!uri.ok) return uri;
  const params = parseHeaderParams(s, gt + 1);
  if (!params.ok) return params;
  return parsed({ displayName, uri: uri.value, params: params.value });
}

export function parseNameAddr(value: string): Parsed<NameAddr> {
  const s = value;
  if (s.length === 0) return invalid('empty address');
  if (s.charAt(0) === '"') {
    const q = readQuotedString(s, 0);
    if (!q.ok) return q;
    const lt = skipWsp(s, q.value.end);
    if (s.charAt(lt) !== '<') return invalid('quoted display name not followed by "<"');
    return parseBracketed(s, lt, q.value.text);
  }
  let i = 0;
  while (i < s.length && (isTokenChar(s.charAt(i)) || isWsp(s.charAt(i)))) i++;
  if (s.charAt(i) === '<') {
    const words = s
      .slice(0, i)
      .split(/[ \t]+/)
      .filter((w) => w.length > 0);
    return parseBracketed(s, i, words.length > 0 ? words.join(' ') : undefined);
  }
  let end = 0;
  while (end < s.length && s.charAt(end) !== ';' && !isWsp(s.charAt(end))) end++;
  const uriText = s.slice(0, end);
  if (uriText.includes('?')) return invalid('a URI with "?" must be enclosed in "<>"');
  const uri = parseUri(uriText);
  if (!uri.ok) return uri;
  const params = parseHeaderParams(s, end);
  if (!params.ok) return params;
  return parsed({ displayName: undefined, uri: uri.value, params: params.value });
}

/** Always the bracketed form: valid whatever the URI holds. */
export function formatNameAddr(addr: NameAddr): string {
  const name = addr.displayName === undefined ? '' : `${quoteString(addr.displayName)} `;
  return `${name}<${formatUri(addr.uri)}>${formatParams(addr.params)}`;
}
