// The one table from error code to HTTP status. Typed as a Record over the closed code list, so a
// new code does not compile until it has a status here.
import type { ErrorCode } from '../wire/wire-error.ts';

export const HTTP_STATUS_BY_ERROR: Readonly<Record<ErrorCode, number>> = Object.freeze({
  invalid_argument: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_agent: 404,
  unknown_queue: 404,
  unknown_contact: 404,
  unknown_pause_reason: 404,
  unknown_skill: 404,
  unknown_user: 404,
  unknown_number: 404,
  // The membership resource (/queues/{q}/members/{a}) does not exist: the same family as unknown_*.
  not_in_queue: 404,
  // The request is valid but the current state refuses it: a retry later may succeed.
  transition_not_allowed: 409,
  no_call: 409,
  queue_full: 409,
  queue_empty: 409,
  already_exists: 409,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
});

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_BY_ERROR[code];
}
