// %HH escapes of SIP URIs (RFC 3261 §19.1.2). Decoding is never recursive ("%25%34%31" is
// "%41", not "A", RFC 4475 esc01) and never throws: a malformed escape stays literal text and
// byte sequences that are not UTF-8 become U+FFFD, unlike decodeURIComponent.
import { Buffer } from 'node:buffer';
import { isHexDigit } from './char-classes.ts';

export function unescapePercent(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '%' && isHexDigit(s.charAt(i + 1)) && isHexDigit(s.charAt(i + 2))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Escapes every character for which `keep` is false, as %HH of its UTF-8 bytes. */
export function escapePercent(s: string, keep: (c: string) => boolean): string {
  let out = '';
  for (const c of s) {
    if (keep(c)) {
      out += c;
      continue;
    }
    for (const b of Buffer.from(c, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
