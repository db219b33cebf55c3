// Character classes of the RFC 3261 §25 grammar, as predicates over one character.
// Everything the parsers accept or reject is decided here, so the grammar is read in one place.

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isAlpha(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

export function isAlphanum(c: string): boolean {
  return isDigit(c) || isAlpha(c);
}

export function isHexDigit(c: string): boolean {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/** SP or HTAB: the only whitespace left inside a header value once folding is undone. */
export function isWsp(c: string): boolean {
  return c === ' ' || c === '\t';
}

const TOKEN_MARKS = "-.!%*_+`'~";

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export function isTokenChar(c: string): boolean {
  return isAlphanum(c) || (c.length === 1 && TOKEN_MARKS.includes(c));
}

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (const c of s) if (!isTokenChar(c)) return false;
  return true;
}

const MARKS = "-_.!~*'()";

/** unreserved = alphanum / mark (RFC 3261 §25.1) */
export function isUnreserved(c: string): boolean {
  return isAlphanum(c) || (c.length === 1 && MARKS.includes(c));
}

/** True when every character is unreserved, one of `extra`, or part of a valid %HH escape. */
export function isEscapedText(s: string, extra: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '%') {
      if (!isHexDigit(s.charAt(i + 1)) || !isHexDigit(s.charAt(i + 2))) return false;
      i += 2;
    } else if (!isUnreserved(c) && !extra.includes(c)) {
      return false;
    }
  }
  return true;
}

export function isAllDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (const c of s) if (!isDigit(c)) return false;
  return true;
}

export function skipWsp(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWsp(s.charAt(j))) j++;
  return j;
}
