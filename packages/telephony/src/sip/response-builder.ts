// Responses built the way RFC 3261 §8.2.6 asks: Via rows, From, Call-ID and CSeq copied from
// the request, To copied with our tag added when it had none (never on 100 Trying, §8.2.6.2),
// then the headers the caller adds. A request the parser refused can still be answered from
// its raw rows, as long as it carried the five headers an answer needs to find its way.
import { canonicalHeaderName, headerKey } from './header-names.ts';
import type { SipHeader, SipRequest } from './message.ts';
import type { SipOutgoing } from './serialize.ts';

export interface ResponseExtras {
  /** Added to To when the request's To has no tag and the status is not 100. */
  readonly toTag?: string;
  readonly headers?: readonly SipHeader[];
  readonly body?: Uint8Array | string;
}

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

function copyRows(rows: readonly SipHeader[], status: number, toTag: string | undefined): SipHeader[] {
  const out: SipHeader[] = [];
  for (const row of rows) {
    const key = headerKey(row.name);
    if (!COPIED.has(key)) continue;
    const name = canonicalHeaderName(row.name);
    if (key === 'to' && toTag !== undefined && status > 100 && !/;\s*tag\s*=/i.test(row.value)) {
      out.push({ name, value: `${row.value};tag=${toTag}` });
    } else out.push({ name, value: row.value });
  }
  return out;
}

export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string,
  extras: ResponseExtras = {},
): SipOutgoing {
  const toTag = request.to.tag === undefined ? extras.toTag : undefined;
  const headers = copyRows(request.headers, status, toTag);
  if (extras.headers) headers.push(...extras.headers);
  return extras.body === undefined
    ? { kind: 'response', status, reason, headers }
    : { kind: 'response', status, reason, headers, body: extras.body };
}

/**
 * An answer to a request the parser refused, from its raw rows (the failure's `headers`), or
 * undefined when the rows lack what routes an answer (Via, From, To, Call-ID, CSeq).
 */
export function buildResponseFromRows(
  rows: readonly SipHeader[],
  status: number,
  reason: string,
  extra: readonly SipHeader[] = [],
): SipOutgoing | undefined {
  const headers = copyRows(rows, status, undefined);
  const present = new Set(headers.map((h) => headerKey(h.name)));
  for (const key of COPIED) if (!present.has(key)) return undefined;
  return { kind: 'response', status, reason, headers: [...headers, ...extra] };
}
