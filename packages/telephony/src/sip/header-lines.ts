// Splits the head of a message (everything before the empty line) into its start line and
// header rows, undoing line folding (RFC 3261 §7.3.1: a CRLF followed by whitespace continues
// the previous row, and the whole fold may be replaced by one SP). Only CRLF ends a line: a bare
// CR or LF is refused rather than guessed at, so we never frame a message differently from
// the element that sent it.
import type { Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import { isToken, isWsp } from './char-classes.ts';
import type { SipLimits } from './parse-limits.ts';
import { failFor } from './sip-failure.ts';

export interface RawHeader {
  readonly name: string;
  readonly value: string;
}

export interface SplitHead {
  readonly startLine: string;
  readonly headers: readonly RawHeader[];
}

export function trimWsp(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isWsp(s.charAt(start))) start++;
  while (end > start && isWsp(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

/** `head` excludes the CRLF CRLF that ends it; `isResponse` only picks how failures are reported. */
export function splitHead(head: string, limits: SipLimits, isResponse: boolean): Result<SplitHead> {
  const lines = head.split('\r\n');
  const startLine = lines[0] ?? '';
  if (startLine.length > limits.maxHeaderLineLength) return failFor(isResponse, 513, 'Start line too long');
  if (startLine.includes('\r') || startLine.includes('\n')) {
    return failFor(isResponse, 400, 'Bare CR or LF in start line');
  }
  const rows: { name: string; value: string }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.includes('\r') || line.includes('\n'))
      return failFor(isResponse, 400, 'Bare CR or LF in header');
    const last = rows[rows.length - 1];
    if (line.length > 0 && isWsp(line.charAt(0))) {
      if (!last) return failFor(isResponse, 400, 'Folded line before the first header');
      const more = trimWsp(line);
      last.value = last.value.length === 0 ? more : `${last.value} ${more}`;
      if (last.name.length + last.value.length + 2 > limits.maxHeaderLineLength) {
        return failFor(isResponse, 513, 'Header line too long');
      }
      continue;
    }
    if (line.length > limits.maxHeaderLineLength) return failFor(isResponse, 513, 'Header line too long');
    const colon = line.indexOf(':');
    if (colon < 0) return failFor(isResponse, 400, 'Header line without a colon');
    const name = trimWsp(line.slice(0, colon));
    if (!isToken(name)) return failFor(isResponse, 400, 'Malformed header name');
    if (rows.length >= limits.maxHeaderCount) return failFor(isResponse, 513, 'Too many header fields');
    rows.push({ name, value: trimWsp(line.slice(colon + 1)) });
  }
  return ok({ startLine, headers: rows });
}
