// quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE, where quoted-pair = "\" followed
// by any character (RFC 3261 §25.1). Display names and parameter values use it.
import { invalid, type Parsed, parsed } from './parse-outcome.ts';

export interface QuotedString {
  /** The text with quoted-pairs resolved. */
  readonly text: string;
  /** Index just after the closing quote. */
  readonly end: number;
}

/** Reads the quoted string that starts at `s[start]`, which must be a double quote. */
export function readQuotedString(s: string, start: number): Parsed<QuotedString> {
  if (s.charAt(start) !== '"') return invalid('expected a quoted string');
  let text = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '"') return parsed({ text, end: i + 1 });
    if (c === '\\') {
      if (i + 1 >= s.length) break;
      i++;
      text += s.charAt(i);
    } else {
      text += c;
    }
  }
  return invalid('unterminated quoted string');
}

/** Quotes text so that readQuotedString gives it back; CR and LF cannot be carried and become SP. */
export function quoteString(text: string): string {
  let out = '"';
  for (const c of text) {
    if (c === '\r' || c === '\n') out += ' ';
    else if (c === '"' || c === '\\' || (c < ' ' && c !== '\t') || c === '\x7f') out += `\\${c}`;
    else out += c;
  }
  return `${out}"`;
}

/** A parameter value as written, without its quotes when it was a quoted string. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"')) {
    const q = readQuotedString(value, 0);
    if (q.ok && q.value.end === value.length) return q.value.text;
  }
  return value;
}
