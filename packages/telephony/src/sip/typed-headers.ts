// Reads the typed fields of a message from its header rows, refusing the message when a
// header Switchboard relies on is malformed, repeated where it may appear once, or missing
// (RFC 4475 badinv01, baddn, badaspec, quotbal, regbadct, scalar02, multi01, mcl01, insuf).
// Headers we do not interpret are not looked at: they travel verbatim.
import type { Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import { isWsp } from './char-classes.ts';
import { paramValue } from './header-params.ts';
import type { RawHeader } from './header-lines.ts';
import { trimWsp } from './header-lines.ts';
import { canonicalHeaderName, headerKey, SINGLE_HEADER_KEYS } from './header-names.ts';
import type { SipAddress, SipContact, SipMessageFields } from './message.ts';
import { type NameAddr, parseNameAddr } from './name-addr.ts';
import { invalid, type Parsed, parsed } from './parse-outcome.ts';
import {
  MAX_UINT32,
  parseAccept,
  parseBoundedInt,
  parseCSeq,
  parseMediaType,
  parseSipDate,
  parseTokenList,
} from './scalar-headers.ts';
import { failFor } from './sip-failure.ts';
import { splitTopLevelCommas } from './value-list.ts';
import { parseVia, type Via } from './via.ts';

export type TypedFields = Omit<SipMessageFields, 'headers' | 'body'>;

/** Default expiry RFC 3261 §20.10 assigns to a malformed value. */
const DEFAULT_EXPIRES = 3600;
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

function listItems(rows: readonly string[]): Parsed<string[]> {
  const items: string[] = [];
  for (const row of rows) {
    for (const part of splitTopLevelCommas(row)) {
      const item = trimWsp(part);
      if (item.length === 0) return invalid('empty list element');
      items.push(item);
    }
  }
  return parsed(items);
}

function parseEach<T>(rows: readonly string[], parse: (v: string) => Parsed<T>): Parsed<T[]> {
  const items = listItems(rows);
  if (!items.ok) return items;
  const out: T[] = [];
  for (const item of items.value) {
    const one = parse(item);
    if (!one.ok) return one;
    out.push(one.value);
  }
  return parsed(out);
}

function parseAddress(rows: readonly string[]): Parsed<SipAddress> {
  const all = parseEach(rows, parseNameAddr);
  if (!all.ok) return all;
  const [addr] = all.value;
  if (!addr || all.value.length !== 1) return invalid('more than one address');
  const tag = paramValue(addr.params, 'tag');
  if (tag === '') return invalid('tag without a value');
  return parsed({ ...addr, tag });
}

function parseContact(item: string): Parsed<SipContact> {
  const addr = parseNameAddr(item);
  if (!addr.ok) return addr;
  const q = paramValue(addr.value.params, 'q');
  if (q !== undefined && !QVALUE.test(q)) return invalid('malformed q value');
  const expires = paramValue(addr.value.params, 'expires');
  return parsed({
    ...addr.value,
    q: q === undefined ? undefined : Number(q),
    expires: expires === undefined ? undefined : (parseBoundedInt(expires, MAX_UINT32) ?? DEFAULT_EXPIRES),
  });
}

function parseCallId(value: string): Parsed<string> {
  if (value.length === 0) return invalid('empty Call-ID');
  for (const c of value) if (isWsp(c) || c < ' ' || c === '\x7f') return invalid('whitespace in Call-ID');
  return parsed(value);
}

function intUpTo(max: number): (value: string) => Parsed<number> {
  return (value) => {
    const n = parseBoundedInt(value, max);
    return n === undefined ? invalid(`not a number in 0..${max}`) : parsed(n);
  };
}

function one<T>(rows: readonly string[] | undefined, parse: (v: string) => Parsed<T>): Parsed<T | undefined> {
  const [row] = rows ?? [];
  return row === undefined ? parsed(undefined) : parse(row);
}

function many<T>(rows: readonly string[] | undefined, parse: (v: string) => Parsed<T>): Parsed<T[]> {
  return parseEach(rows ?? [], parse);
}

export function readTypedHeaders(headers: readonly RawHeader[], isResponse: boolean): Result<TypedFields> {
  const rows = new Map<string, string[]>();
  for (const h of headers) {
    const key = headerKey(h.name);
    const list = rows.get(key);
    if (list) list.push(h.value);
    else rows.set(key, [h.value]);
  }
  for (const [key, list] of rows) {
    if (SINGLE_HEADER_KEYS.has(key) && list.length > 1) {
      return failFor(isResponse, 400, `Multiple ${canonicalHeaderName(key)} headers`);
    }
  }
  const bad = (header: string, reason: string) =>
    failFor<TypedFields>(isResponse, 400, `Malformed ${header}: ${reason}`);
  const missing = (header: string) => failFor<TypedFields>(isResponse, 400, `Missing ${header}`);
  const joined = (key: string) => (rows.get(key) ?? []).join(',');

  const via = many<Via>(rows.get('via'), parseVia);
  if (!via.ok) return bad('Via', via.reason);
  const from = one(rows.get('from'), (v) => parseAddress([v]));
  if (!from.ok) return bad('From', from.reason);
  const to = one(rows.get('to'), (v) => parseAddress([v]));
  if (!to.ok) return bad('To', to.reason);
  const callId = one(rows.get('call-id'), parseCallId);
  if (!callId.ok) return bad('Call-ID', callId.reason);
  const cseq = one(rows.get('cseq'), parseCSeq);
  if (!cseq.ok) return bad('CSeq', cseq.reason);
  const maxForwards = one(rows.get('max-forwards'), intUpTo(255));
  if (!maxForwards.ok) return bad('Max-Forwards', maxForwards.reason);
  const contentLength = one(rows.get('content-length'), intUpTo(2 ** 31 - 1));
  if (!contentLength.ok) return bad('Content-Length', contentLength.reason);
  const contentType = one(rows.get('content-type'), (v) => parseMediaType(v));
  if (!contentType.ok) return bad('Content-Type', contentType.reason);
  const contactItems = listItems(rows.get('contact') ?? []);
  if (!contactItems.ok) return bad('Contact', contactItems.reason);
  const wildcard = contactItems.value.includes('*');
  if (wildcard && contactItems.value.length !== 1) return bad('Contact', '"*" must be the only Contact');
  const contacts = wildcard ? parsed([]) : many(rows.get('contact'), parseContact);
  if (!contacts.ok) return bad('Contact', contacts.reason);
  const route = many<NameAddr>(rows.get('route'), parseNameAddr);
  if (!route.ok) return bad('Route', route.reason);
  const recordRoute = many<NameAddr>(rows.get('record-route'), parseNameAddr);
  if (!recordRoute.ok) return bad('Record-Route', recordRoute.reason);
  const expires = one(rows.get('expires'), (v) => parsed(parseBoundedInt(v, MAX_UINT32) ?? DEFAULT_EXPIRES));
  if (!expires.ok) return bad('Expires', expires.reason);
  const require = parseTokenList(joined('require'));
  if (!require.ok) return bad('Require', require.reason);
  const proxyRequire = parseTokenList(joined('proxy-require'));
  if (!proxyRequire.ok) return bad('Proxy-Require', proxyRequire.reason);
  const supported = parseTokenList(joined('supported'));
  if (!supported.ok) return bad('Supported', supported.reason);
  const accept = rows.has('accept') ? parseAccept(joined('accept')) : parsed(undefined);
  if (!accept.ok) return bad('Accept', accept.reason);
  const date = one(rows.get('date'), parseSipDate);
  if (!date.ok) return bad('Date', date.reason);

  if (via.value.length === 0) return missing('Via');
  if (!from.value) return missing('From');
  if (!to.value) return missing('To');
  if (callId.value === undefined) return missing('Call-ID');
  if (!cseq.value) return missing('CSeq');
  return ok({
    via: via.value,
    from: from.value,
    to: to.value,
    callId: callId.value,
    cseq: cseq.value,
    maxForwards: maxForwards.value,
    contentLength: contentLength.value,
    contentType: contentType.value,
    contacts: contacts.value,
    contactWildcard: wildcard,
    route: route.value,
    recordRoute: recordRoute.value,
    expires: expires.value,
    require: require.value,
    proxyRequire: proxyRequire.value,
    supported: supported.value,
    accept: accept.value,
    date: date.value,
  });
}
