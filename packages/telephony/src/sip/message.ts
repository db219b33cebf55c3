// A parsed SIP message. `headers` holds every header row in order - known names in canonical
// spelling, unknown names and all values as received (folding undone) - and is what the
// serializer writes. The typed fields are read from those rows once, at the edge, so the rest
// of Switchboard never re-parses a header.
import type { NameAddr } from './name-addr.ts';
import type { CSeq, MediaType } from './scalar-headers.ts';
import type { Uri } from './uri.ts';
import type { Via } from './via.ts';
import { headerKey, LIST_HEADER_KEYS } from './header-names.ts';
import { trimWsp } from './header-lines.ts';
import { splitTopLevelCommas } from './value-list.ts';

export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

export interface SipAddress extends NameAddr {
  readonly tag: string | undefined;
}

export interface SipContact extends NameAddr {
  /** The expires parameter; malformed or above 2**32-1 reads as 3600 (RFC 3261 §20.10). */
  readonly expires: number | undefined;
  /** The q parameter, 0..1. */
  readonly q: number | undefined;
}

export interface SipMessageFields {
  readonly headers: readonly SipHeader[];
  readonly body: Uint8Array;
  /** Topmost first. */
  readonly via: readonly Via[];
  readonly from: SipAddress;
  readonly to: SipAddress;
  readonly callId: string;
  readonly cseq: CSeq;
  /** Absent is legal for RFC 2543 peers (RFC 4475 inv2543); a proxy then assumes 70. */
  readonly maxForwards: number | undefined;
  readonly contentLength: number | undefined;
  readonly contentType: MediaType | undefined;
  readonly contacts: readonly SipContact[];
  /** "Contact: *" (REGISTER removing every binding); then `contacts` is empty. */
  readonly contactWildcard: boolean;
  readonly route: readonly NameAddr[];
  readonly recordRoute: readonly NameAddr[];
  /** Seconds; malformed or above 2**32-1 reads as 3600 (RFC 4475 scalar02). */
  readonly expires: number | undefined;
  readonly require: readonly string[];
  readonly proxyRequire: readonly string[];
  readonly supported: readonly string[];
  /** Undefined when there is no Accept header; [] for an empty one. */
  readonly accept: readonly MediaType[] | undefined;
  /** Date header as ms since epoch. */
  readonly date: number | undefined;
}

export interface SipRequest extends SipMessageFields {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: Uri;
}

export interface SipResponse extends SipMessageFields {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Every value of a header (compact and long names alike), list headers split at their commas. */
export function headerValues(message: { readonly headers: readonly SipHeader[] }, name: string): string[] {
  const key = headerKey(name);
  const out: string[] = [];
  for (const h of message.headers) {
    if (headerKey(h.name) !== key) continue;
    if (LIST_HEADER_KEYS.has(key)) for (const v of splitTopLevelCommas(h.value)) out.push(trimWsp(v));
    else out.push(h.value);
  }
  return out;
}

/** The first value of a header, or undefined. */
export function headerValue(
  message: { readonly headers: readonly SipHeader[] },
  name: string,
): string | undefined {
  return headerValues(message, name)[0];
}
