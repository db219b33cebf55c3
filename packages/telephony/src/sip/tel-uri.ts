// tel URI (RFC 3966): telephone-subscriber = global-number / local-number, then parameters.
// Visual separators (- . ( )) are kept as written; uri-compare.ts ignores them when comparing.
import { isAlphanum, isDigit, isEscapedText, isHexDigit } from './char-classes.ts';
import type { SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import type { TelUri } from './uri.ts';

function isVisualSeparator(c: string): boolean {
  return c === '-' || c === '.' || c === '(' || c === ')';
}

function isTelNumber(n: string): boolean {
  const global = n.startsWith('+');
  const digits = global ? n.slice(1) : n;
  let significant = 0;
  for (const c of digits) {
    if (isVisualSeparator(c)) continue;
    if (global ? !isDigit(c) : !(isHexDigit(c) || c === '*' || c === '#')) return false;
    significant++;
  }
  return significant > 0;
}

export function parseTelUri(rest: string): Parsed<TelUri> {
  const [number = '', ...parts] = rest.split(';');
  if (!isTelNumber(number)) return invalid('malformed tel number');
  const params: SipParam[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? undefined : part.slice(eq + 1);
    if (name.length === 0 || ![...name].every((c) => isAlphanum(c) || c === '-')) {
      return invalid('malformed tel parameter name');
    }
    if (value !== undefined && (value.length === 0 || !isEscapedText(value, '[]/:&+$'))) {
      return invalid('malformed tel parameter value');
    }
    params.push({ name, value });
  }
  return parsed({ kind: 'tel', scheme: 'tel', number, params });
}
