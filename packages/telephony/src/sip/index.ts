// Public entry of the SIP message layer: parsing, serializing and stream framing of SIP
// messages (RFC 3261 §7, §18, §20, §25; RFC 4475 torture-tested), element checks, and digest
// authentication (RFC 7616 / RFC 8760). See README.md.
export { type AuthHeader, type AuthParam, formatAuthHeader, parseAuthHeader } from './auth-header.ts';
export {
  buildDigestChallenges,
  type DigestSecret,
  type DigestServerOptions,
  type DigestVerdict,
  type DigestVerification,
  type ServerDigestAlgorithm,
  verifyDigestAuthorization,
} from './digest-auth.ts';
export {
  computeDigestAuthorization,
  type DigestClientInput,
  selectDigestChallenge,
} from './digest-client.ts';
export {
  computeDigestResponse,
  computeHa1,
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  type DigestResponseInput,
} from './digest-hash.ts';
export { createNonce, readNonce } from './digest-nonce.ts';
export { formatParams, hasParam, paramValue, type SipParam } from './header-params.ts';
export { canonicalHeaderName, headerKey } from './header-names.ts';
export {
  headerValue,
  headerValues,
  type SipAddress,
  type SipContact,
  type SipHeader,
  type SipMessage,
  type SipMessageFields,
  type SipRequest,
  type SipResponse,
} from './message.ts';
export { formatNameAddr, type NameAddr, parseNameAddr } from './name-addr.ts';
export { NonceCountTracker, type NonceCountVerdict } from './nonce-count-tracker.ts';
export { DEFAULT_SIP_LIMITS, type SipLimits } from './parse-limits.ts';
export { isKnownMethod, parseSipMessage, type SipParseOptions } from './parse-message.ts';
export type { Parsed } from './parse-outcome.ts';
export { escapePercent, unescapePercent } from './percent-escapes.ts';
export { quoteString, unquote } from './quoted-string.ts';
export {
  checkRequest,
  checkResponse,
  type RequestPolicy,
  SWITCHBOARD_UAS_POLICY,
} from './request-checks.ts';
export type { CSeq, MediaType } from './scalar-headers.ts';
export { encodeSipMessage, type SipOutgoing, serializeSipMessage } from './serialize.ts';
export { type SipDisposition, type SipFailureDetails, sipDispositionOf } from './sip-failure.ts';
export { type SipStreamEvent, SipStreamFramer } from './stream-framer.ts';
export { formatUri, type OtherUri, parseUri, type SipUri, type TelUri, type Uri } from './uri.ts';
export { addressOfRecord, uriEquals } from './uri-compare.ts';
export { formatVia, isRfc3261Branch, MAGIC_COOKIE, parseVia, type Via } from './via.ts';
