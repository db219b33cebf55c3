// Every refusal of the SIP layer is a SwitchboardError 'invalid_argument' whose details say
// what a server must do about it: answer with a SIP status (400, 505, 416, 413, 513, ...) or
// 'drop' the message silently (RFC 3261 §18.1.2, §16.7: malformed responses are discarded,
// and a server never answers what it could not recognise as a request).
import { fail, type Result } from '@switchboard/core';

export type SipDisposition = number | 'drop';

export interface SipFailureDetails {
  readonly sipStatus: SipDisposition;
  readonly reason: string;
}

export function sipFail<T = never>(
  sipStatus: SipDisposition,
  reason: string,
  extra: Record<string, unknown> = {},
): Result<T> {
  return fail('invalid_argument', reason, { ...extra, sipStatus, reason });
}

/** The same refusal, but silent when the message was a response: nobody answers a response. */
export function failFor<T = never>(
  isResponse: boolean,
  status: number,
  reason: string,
  extra: Record<string, unknown> = {},
): Result<T> {
  return sipFail(isResponse ? 'drop' : status, reason, extra);
}

/** Reads the SIP disposition back out of a failed Result (undefined when it is not a SIP failure). */
export function sipDispositionOf(result: Result<unknown>): SipDisposition | undefined {
  if (result.ok) return undefined;
  const status = result.error.details.sipStatus;
  return typeof status === 'number' || status === 'drop' ? status : undefined;
}
