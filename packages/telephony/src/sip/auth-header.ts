// WWW-Authenticate / Proxy-Authenticate / Authorization / Proxy-Authorization values:
//   auth-scheme LWS auth-param *( COMMA auth-param ), auth-param = name EQUAL ( token / quoted-string )
// (RFC 3261 §25.1, RFC 7616 §3.3-3.4). Parameter names are case-insensitive; values are returned
// unquoted. Any scheme parses, so an unknown one (RFC 4475 regaut01) is recognised as such.
import { isTokenChar, isWsp, skipWsp } from './char-classes.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { quoteString, readQuotedString } from './quoted-string.ts';

export interface AuthHeader {
  readonly scheme: string;
  /** Lower-case names, unquoted values. */
  readonly params: ReadonlyMap<string, string>;
}

function readToken(s: string, i: number): number {
  let j = i;
  while (j < s.length && isTokenChar(s.charAt(j))) j++;
  return j;
}

export function parseAuthHeader(value: string): Parsed<AuthHeader> {
  const schemeEnd = readToken(value, 0);
  if (schemeEnd === 0) return invalid('missing auth scheme');
  const scheme = value.slice(0, schemeEnd);
  const params = new Map<string, string>();
  if (schemeEnd < value.length && !isWsp(value.charAt(schemeEnd))) return invalid('malformed auth scheme');
  let i = skipWsp(value, schemeEnd);
  while (i < value.length) {
    const nameEnd = readToken(value, i);
    if (nameEnd === i) return invalid('malformed auth-param name');
    const name = value.slice(i, nameEnd).toLowerCase();
    i = skipWsp(value, nameEnd);
    if (value.charAt(i) !== '=') return invalid(`auth-param ${name} without "="`);
    i = skipWsp(value, i + 1);
    let paramValue: string;
    if (value.charAt(i) === '"') {
      const q = readQuotedString(value, i);
      if (!q.ok) return q;
      paramValue = q.value.text;
      i = q.value.end;
    } else {
      const end = readToken(value, i);
      if (end === i) return invalid(`auth-param ${name} without a value`);
      paramValue = value.slice(i, end);
      i = end;
    }
    if (params.has(name)) return invalid(`auth-param ${name} repeated`);
    params.set(name, paramValue);
    i = skipWsp(value, i);
    if (i < value.length) {
      if (value.charAt(i) !== ',') return invalid('auth-params not separated by ","');
      i = skipWsp(value, i + 1);
    }
  }
  return parsed({ scheme, params });
}

/** One auth-param, quoted or as a bare token. */
export type AuthParam = readonly [name: string, value: string, quoted: boolean];

export function formatAuthHeader(scheme: string, params: readonly AuthParam[]): string {
  return `${scheme} ${params.map(([name, value, quoted]) => `${name}=${quoted ? quoteString(value) : value}`).join(', ')}`;
}
