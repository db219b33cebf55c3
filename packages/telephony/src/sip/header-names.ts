// Header field names: case-insensitive, with the compact forms of RFC 3261 §7.3.3 and the
// extensions that define one. Known names are stored in their canonical spelling; unknown
// names are kept exactly as received (RFC 4475 esc02: "C%6Fntact" is not Contact).

// A Map, not an object literal: a header named "constructor" must not find Object's prototype.
const COMPACT_FORMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: 'accept-contact', // RFC 3841
    b: 'referred-by', // RFC 3892
    c: 'content-type',
    d: 'request-disposition', // RFC 3841
    e: 'content-encoding',
    f: 'from',
    i: 'call-id',
    j: 'reject-contact', // RFC 3841
    k: 'supported',
    l: 'content-length',
    m: 'contact',
    n: 'identity-info', // RFC 4474
    o: 'event', // RFC 6665
    r: 'refer-to', // RFC 3515
    s: 'subject',
    t: 'to',
    u: 'allow-events', // RFC 6665
    v: 'via',
    x: 'session-expires', // RFC 4028
    y: 'identity', // RFC 4474
  }),
);

const CANONICAL_NAMES = [
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Call-Info',
  'Contact',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Error-Info',
  'Event',
  'Expires',
  'From',
  'Identity',
  'Identity-Info',
  'In-Reply-To',
  'Max-Forwards',
  'MIME-Version',
  'Min-Expires',
  'Min-SE',
  'Organization',
  'P-Asserted-Identity',
  'Path',
  'Priority',
  'Privacy',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'RAck',
  'Reason',
  'Record-Route',
  'Refer-To',
  'Referred-By',
  'Reject-Contact',
  'Replaces',
  'Reply-To',
  'Request-Disposition',
  'Require',
  'Retry-After',
  'Route',
  'RSeq',
  'Server',
  'Service-Route',
  'Session-Expires',
  'Subject',
  'Subscription-State',
  'Supported',
  'Timestamp',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'Warning',
  'WWW-Authenticate',
] as const;

const CANONICAL_BY_LOWER: ReadonlyMap<string, string> = new Map(
  CANONICAL_NAMES.map((n) => [n.toLowerCase(), n]),
);

/** Lower-case long form of a header name: the key every lookup uses. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT_FORMS.get(lower) ?? lower;
}

/** The spelling a parsed message stores: canonical for known names, verbatim for unknown ones. */
export function canonicalHeaderName(name: string): string {
  return CANONICAL_BY_LOWER.get(headerKey(name)) ?? name;
}

/** Headers whose grammar is a comma-separated list, so one row may carry several values. */
export const LIST_HEADER_KEYS: ReadonlySet<string> = new Set([
  'accept',
  'accept-contact',
  'accept-encoding',
  'accept-language',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'in-reply-to',
  'p-asserted-identity',
  'path',
  'proxy-require',
  'record-route',
  'reject-contact',
  'require',
  'route',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

/** Headers that may appear once only; a second row is a 400 (RFC 4475 multi01, mcl01). */
export const SINGLE_HEADER_KEYS: ReadonlySet<string> = new Set([
  'call-id',
  'content-length',
  'content-type',
  'cseq',
  'date',
  'expires',
  'from',
  'max-forwards',
  'to',
]);
