import { fail, ok, type Result } from '@switchboard/core';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a human duration such as `8h`, `90s`, `1h30m`, `250ms` or a bare number of seconds into
 * milliseconds. Anything else is an `invalid_argument` naming the text, never a silent zero.
 */
export function parseDuration(text: string): Result<number> {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return ok(Number(trimmed) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(re)) {
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed += match[0].length;
  }
  if (trimmed.length === 0 || consumed !== trimmed.length) {
    return fail('invalid_argument', `not a duration: "${text}" (use e.g. 8h, 30m, 90s, 1h30m)`, { text });
  }
  return ok(total);
}
