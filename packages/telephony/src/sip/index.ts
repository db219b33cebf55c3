// Public entry of Switchboard's SIP side. The message layer: parsing, serializing and stream
// framing of SIP messages (RFC 3261 §7, §18, §20, §25; RFC 4475 torture-tested), element checks,
// digest authentication (RFC 7616 / RFC 8760). Above it: transports (UDP, TCP, WebSocket per
// RFC 7118), the transport layer with its guards, the transaction layer (RFC 3261 §17), the
// registrar (§10) and the service that assembles them. See README.md.
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
export {
  type ClientTransactionState,
  SipClientTransaction,
  type SipClientHandler,
  type SipOutgoingRequest,
} from './client-transaction.ts';
export { InMemorySipUserDirectory, type SipUserDirectory } from './sip-user-directory.ts';
export {
  DEFAULT_CHALLENGE_ORDER,
  DEFAULT_REGISTRAR_POLICY,
  type RegistrarPolicy,
} from './registrar-policy.ts';
export { type RegistrarAnswer, SipRegistrar, type SipRegistrarOptions } from './registrar.ts';
export {
  type RegistrationChange,
  type RegistrationChangeKind,
  type RegistrationListener,
  RegistrationStore,
  type SipBinding,
} from './registration-store.ts';
export { buildResponse, buildResponseFromRows, type ResponseExtras } from './response-builder.ts';
export { responseTarget } from './response-target.ts';
export { type ServerTransactionState, SipServerTransaction } from './server-transaction.ts';
export { type SipClock, type SipTimerHandle, SystemSipClock } from './sip-clock.ts';
export {
  DEFAULT_RATE_LIMIT,
  SCANNER_USER_AGENTS,
  type SipAdmission,
  type SipGuardOptions,
  SipGuards,
} from './sip-guards.ts';
export {
  DEFAULT_SIP_PORT,
  type SipListenOptions,
  SipService,
  type SipServiceOptions,
} from './sip-service.ts';
export {
  isReliable,
  SIP_TRANSPORTS,
  type SipInbound,
  type SipInboundSink,
  type SipSource,
  type SipTarget,
  type SipTransport,
  type SipTransportName,
} from './sip-transport.ts';
export { TcpTransport, type TcpListenOptions } from './tcp-transport.ts';
export { TokenBucketLimiter, type TokenBucketOptions } from './token-bucket.ts';
export {
  SipTransactionLayer,
  type SipTransactionLayerOptions,
  type SipTransactionStats,
  type SipTransactionUser,
} from './transaction-layer.ts';
export { DEFAULT_SIP_TIMERS, type SipTimerValues } from './transaction-timers.ts';
export {
  type SipMessageReceiver,
  type SipMessageSender,
  SipTransportLayer,
  type SipTransportLayerOptions,
  type SipTransportStats,
} from './transport-layer.ts';
export { UdpTransport, type UdpListenOptions } from './udp-transport.ts';
export { stampReceived } from './via-received.ts';
export { VirtualSipClock } from './virtual-sip-clock.ts';
export { type WsAttachOptions, WsTransport } from './ws-transport.ts';
export {
  type B2buaCall,
  type DialogRecord,
  type DialogStore,
  InMemoryDialogStore,
  LEG_ROLES,
  type LegRole,
  type RecoveryReport,
  type SipTelephonyOptions,
  SipTelephony,
  type SipTrunk,
  type SipTrunkOutbound,
  type TrunkAdmission,
  TrunkDirectory,
  type TrunkDirectoryOptions,
} from './b2bua/index.ts';
