// The one error type of Switchboard. Codes are a closed set: every transport (HTTP, SIP,
// WebSocket, each dialect) maps a code to its own status in exactly one table, so a new
// failure mode is added here first and the compiler shows every table that must learn it.

export const ERROR_CODES = [
  'invalid_argument', // a value is malformed or out of range
  'unknown_agent',
  'unknown_queue',
  'unknown_contact',
  'unknown_pause_reason',
  'unknown_skill',
  'unknown_user', // no user account with this id
  'unknown_number', // no dial plan entry for this number
  'transition_not_allowed', // the agent state table has no such transition from the current state
  'no_call', // a call command (hold, transfer, …) with no call to act on
  'not_in_queue', // the agent is not a member of the queue
  'queue_full', // max length reached
  'queue_empty', // join-empty rule refused the contact
  'already_exists',
  'conflict', // the command is valid in general but not in the current state of the contact
  'unauthorized',
  'forbidden',
  'rate_limited',
  'unavailable',
  'internal',
  'not_found', // no such route or resource kind (an unknown id of a known kind has its own unknown_* code)
  'payload_too_large', // a frame or request body over the size limit (HTTP 413, WebSocket close 1009)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class SwitchboardError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SwitchboardError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return value instanceof SwitchboardError;
}
