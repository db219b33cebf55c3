// WebSocket close codes (RFC 6455 §7.4; 4000–4999 are ours). Most errors are answered with a
// `result` frame and the connection stays; these are the few that end it.
import type { ErrorCode } from '../wire/wire-error.ts';

export const WS_CLOSE = Object.freeze({
  normal: 1000,
  /** Server shutting down or restarting: reconnect and resume. */
  goingAway: 1001,
  /** A text frame that is not UTF-8 (the WebSocket layer itself closes with it). */
  invalidPayload: 1007,
  policyViolation: 1008,
  /** A frame over the size limit. */
  messageTooBig: 1009,
  internalError: 1011,
  /** Overloaded: reconnect later, with backoff. */
  tryAgainLater: 1013,
  /** The access token expired or was revoked: refresh it, then reconnect and resume. */
  unauthorized: 4401,
  /** Nothing heard from the client for 2 × heartbeatMs. */
  heartbeatTimeout: 4408,
  /** The session was resumed on another connection. */
  sessionTakenOver: 4409,
  /**
   * The client kept sending frames over the frame-rate limit after they were refused `rate_limited`:
   * reconnect after a backoff, then resume.
   */
  rateLimited: 4429,
} as const);

/**
 * The error codes that end the connection when they concern the connection itself (not one
 * command): null = answer with a `result` frame and keep the socket open.
 */
export const WS_CLOSE_BY_ERROR: Readonly<Record<ErrorCode, number | null>> = Object.freeze({
  invalid_argument: null,
  unknown_agent: null,
  unknown_queue: null,
  unknown_contact: null,
  unknown_pause_reason: null,
  unknown_skill: null,
  transition_not_allowed: null,
  no_call: null,
  not_in_queue: null,
  queue_full: null,
  queue_empty: null,
  already_exists: null,
  conflict: null,
  unauthorized: WS_CLOSE.unauthorized,
  forbidden: null,
  rate_limited: WS_CLOSE.rateLimited,
  unavailable: WS_CLOSE.tryAgainLater,
  internal: null,
  not_found: null,
  payload_too_large: WS_CLOSE.messageTooBig,
  unknown_user: null,
  unknown_number: null,
});
