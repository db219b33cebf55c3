// Headers holding numbers, tokens and media types (RFC 3261 §20). Numbers are read digit by
// digit and bounded before conversion, so "36893488147419103232" (RFC 4475 scalar02) is
// refused rather than rounded, and "-999" (ncl) is never a length.
import { isAllDigits, isTokenChar, isToken, skipWsp } from './char-classes.ts';
import { parseHeaderParams, type SipParam } from './header-params.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import { splitTopLevelCommas } from './value-list.ts';
import { trimWsp } from './header-lines.ts';

export const MAX_UINT32 = 4_294_967_295;

/** A decimal number of at most `max`, leading zeros allowed ("0068" is 68); else undefined. */
export function parseBoundedInt(text: string, max: number): number | undefined {
  if (!isAllDigits(text)) return undefined;
  let i = 0;
  while (i < text.length - 1 && text.charAt(i) === '0') i++;
  const digits = text.slice(i);
  if (digits.length > 15) return undefined;
  const n = Number(digits);
  return n <= max ? n : undefined;
}

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** CSeq = 1*DIGIT LWS Method; the number must fit in 32 bits (RFC 3261 §8.1.1.5). */
export function parseCSeq(value: string): Parsed<CSeq> {
  let i = 0;
  while (i < value.length && value.charAt(i) >= '0' && value.charAt(i) <= '9') i++;
  const seq = parseBoundedInt(value.slice(0, i), MAX_UINT32);
  if (seq === undefined) return invalid('CSeq number missing or above 2**32-1');
  const j = skipWsp(value, i);
  if (j === i) return invalid('CSeq without a method');
  const method = value.slice(j);
  if (!isToken(method)) return invalid('malformed CSeq method');
  return parsed({ seq, method });
}

export interface MediaType {
  /** Lower case. */
  readonly type: string;
  /** Lower case. */
  readonly subtype: string;
  readonly params: readonly SipParam[];
}

function readToken(s: string, i: number): number {
  let j = i;
  while (j < s.length && isTokenChar(s.charAt(j))) j++;
  return j;
}

/** media-type = m-type SLASH m-subtype *(SEMI m-parameter); `*` allowed when `range` (Accept). */
export function parseMediaType(value: string, range = false): Parsed<MediaType> {
  const typeEnd = readToken(value, 0);
  const slash = skipWsp(value, typeEnd);
  if (typeEnd === 0 || value.charAt(slash) !== '/') return invalid('malformed media type');
  const subStart = skipWsp(value, slash + 1);
  const subEnd = readToken(value, subStart);
  if (subEnd === subStart) return invalid('malformed media subtype');
  const type = value.slice(0, typeEnd).toLowerCase();
  const subtype = value.slice(subStart, subEnd).toLowerCase();
  // "*" is a token character, so only Accept may use it, and only as "*/*" or "type/*".
  if (!range && (type === '*' || subtype === '*')) return invalid('wildcard in a media type');
  if (type === '*' && subtype !== '*') return invalid('malformed media range');
  const params = parseHeaderParams(value, subEnd);
  if (!params.ok) return params;
  return parsed({ type, subtype, params: params.value });
}

/** Comma list of media ranges; an empty Accept is legal and means "no body is acceptable". */
export function parseAccept(value: string): Parsed<MediaType[]> {
  if (value.length === 0) return parsed([]);
  const out: MediaType[] = [];
  for (const part of splitTopLevelCommas(value)) {
    const range = parseMediaType(trimWsp(part), true);
    if (!range.ok) return range;
    out.push(range.value);
  }
  return parsed(out);
}

/** Comma list of tokens (option tags, methods); an empty value is an empty list. */
export function parseTokenList(value: string): Parsed<string[]> {
  if (value.length === 0) return parsed([]);
  const out: string[] = [];
  for (const part of splitTopLevelCommas(value)) {
    const token = trimWsp(part);
    if (!isToken(token)) return invalid('malformed token in list');
    out.push(token);
  }
  return parsed(out);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC1123 = /^(mon|tue|wed|thu|fri|sat|sun), (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/;

/** SIP-date = rfc1123-date, and GMT is the only zone allowed (RFC 4475 baddate). Ms since epoch. */
export function parseSipDate(value: string): Parsed<number> {
  const m = RFC1123.exec(value.toLowerCase());
  if (!m) return invalid('Date is not an RFC 1123 date in GMT');
  const [, , day = '', mon = '', year = '', hh = '', mm = '', ss = ''] = m;
  const month = MONTHS.indexOf(mon);
  const d = Number(day);
  if (month < 0 || d < 1 || d > 31 || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 60) {
    return invalid('Date out of range');
  }
  return parsed(Date.UTC(Number(year), month, d, Number(hh), Number(mm), Number(ss)));
}
