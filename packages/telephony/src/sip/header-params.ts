// Header parameters: *( SEMI generic-param ), SEMI = SWS ";" SWS, generic-param = token
// [ EQUAL gen-value ], gen-value = token / host / quoted-string (RFC 3261 §25.1). Linear white
// space is allowed around ";" and "=" (RFC 4475 wsinv). Values are kept as written, quotes
// included, so that forwarding a header never changes it.
import { isToken, isTokenChar, skipWsp } from './char-classes.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { readQuotedString } from './quoted-string.ts';

export interface SipParam {
  readonly name: string;
  /** As written: a token/host, or a quoted string with its quotes; undefined when valueless. */
  readonly value: string | undefined;
}

function isHostValueChar(c: string): boolean {
  // token plus what an IPv6 address or reference needs (received=2001:db8::1, maddr=[::1])
  return isTokenChar(c) || c === ':' || c === '[' || c === ']';
}

/** Parses `s` from `start` to its end as a sequence of header parameters. */
export function parseHeaderParams(s: string, start: number): Parsed<SipParam[]> {
  const params: SipParam[] = [];
  let i = skipWsp(s, start);
  while (i < s.length) {
    if (s.charAt(i) !== ';') return invalid(`unexpected "${s.charAt(i)}" where ";" was expected`);
    i = skipWsp(s, i + 1);
    let j = i;
    while (j < s.length && isTokenChar(s.charAt(j))) j++;
    const name = s.slice(i, j);
    if (!isToken(name)) return invalid('empty or malformed parameter name');
    i = skipWsp(s, j);
    let value: string | undefined;
    if (s.charAt(i) === '=') {
      i = skipWsp(s, i + 1);
      if (s.charAt(i) === '"') {
        const q = readQuotedString(s, i);
        if (!q.ok) return q;
        value = s.slice(i, q.value.end);
        i = q.value.end;
      } else {
        j = i;
        while (j < s.length && isHostValueChar(s.charAt(j))) j++;
        if (j === i) return invalid(`parameter ${name} has an empty value`);
        value = s.slice(i, j);
        i = j;
      }
      i = skipWsp(s, i);
    }
    params.push({ name, value });
  }
  return parsed(params);
}

/** The value of the first parameter with this name (case-insensitive); '' when valueless. */
export function paramValue(params: readonly SipParam[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const p of params) if (p.name.toLowerCase() === lower) return p.value ?? '';
  return undefined;
}

export function hasParam(params: readonly SipParam[], name: string): boolean {
  return paramValue(params, name) !== undefined;
}

export function formatParams(params: readonly SipParam[]): string {
  let out = '';
  for (const p of params) out += p.value === undefined ? `;${p.name}` : `;${p.name}=${p.value}`;
  return out;
}
