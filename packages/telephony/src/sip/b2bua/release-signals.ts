// What the B2BUA tells the caller when the engine releases a call, per hang-up reason: the final
// response to an INVITE not yet answered, or the Reason header of the BYE of an established call.
// 487 Request Terminated stays the answer to a caller's own CANCEL only (RFC 3261 §9.2): sent for
// a full queue it would tell a carrier "the caller gave up" and stop it failing over.
//
// Final responses (RFC 3261 §21):
// - 480 Temporarily Unavailable (§21.4.18) when nobody can take the call now (no agents, waited
//   too long): the callee's system works, the callee is unavailable; a carrier may try elsewhere.
// - 486 Busy Here (§21.4.24) for a full queue: busy *here*, so a carrier may route to another site
//   (600 Busy Everywhere, §21.6.1, would forbid that, and another site may well have room).
// - 503 Service Unavailable (§21.5.4) with Retry-After (§20.33) while the server stops: the client
//   "SHOULD attempt to forward the request to an alternate server" and keep away for that long.
// - 603 Decline (§21.6.2) when the dial plan hangs up on the number: a deliberate refusal, global.
// - 500 Server Internal Error (§21.5.1) for a fault of ours.
// Each also carries `Reason: Q.850;cause=N` (RFC 6432 allows Q.850 Reason in responses), the cause
// chosen so that RFC 3398 §7.2.4.1's ISUP→SIP table gives back the same status code.
//
// A BYE carries `Reason: SIP;cause=<status>;text=…, Q.850;cause=N;text=…` (RFC 3326 §2: several
// values, one per protocol); a normal clearing carries Q.850 cause 16 alone.
import type { HangupReason } from '@switchboard/engine';
import type { SipHeader } from '../message.ts';

interface ReasonAnswer {
  readonly status: number;
  readonly phrase: string;
  /** ITU-T Q.850 cause value. */
  readonly q850: number;
  readonly text: string;
}

const ANSWERS: { readonly [R in HangupReason]: ReasonAnswer } = {
  // An engine release of an unanswered call is never 'normal' today; 480 is the safe answer if it is.
  normal: { status: 480, phrase: 'Temporarily Unavailable', q850: 16, text: 'Normal call clearing' },
  timeout: { status: 480, phrase: 'Temporarily Unavailable', q850: 19, text: 'No answer in time' },
  'no-agents': { status: 480, phrase: 'Temporarily Unavailable', q850: 20, text: 'No agents available' },
  'queue-full': { status: 486, phrase: 'Busy Here', q850: 17, text: 'Queue full' },
  interrupted: { status: 503, phrase: 'Service Unavailable', q850: 41, text: 'Server stopping' },
  rejected: { status: 603, phrase: 'Decline', q850: 21, text: 'Call rejected' },
  failed: { status: 500, phrase: 'Server Internal Error', q850: 127, text: 'Internal error' },
};

/** How one leg is released for one reason; SipLeg.end applies the part its dialog state needs. */
export interface ReleaseSignal {
  /** Final response to an INVITE that came in and has no final answer yet. */
  readonly status: number;
  readonly phrase: string;
  readonly responseHeaders: readonly SipHeader[];
  /** Extra rows of the BYE of a confirmed dialog. */
  readonly byeHeaders: readonly SipHeader[];
}

/** Seconds a stopping server asks clients to keep away (Retry-After of its 503s), by default. */
export const DEFAULT_RETRY_AFTER_S = 30;

export function releaseSignalOf(reason: HangupReason, retryAfterS = DEFAULT_RETRY_AFTER_S): ReleaseSignal {
  const answer = ANSWERS[reason];
  const q850 = `Q.850;cause=${answer.q850};text="${answer.text}"`;
  const retry = answer.status === 503 ? [{ name: 'Retry-After', value: String(retryAfterS) }] : [];
  const bye = reason === 'normal' ? q850 : `SIP;cause=${answer.status};text="${answer.text}", ${q850}`;
  return {
    status: answer.status,
    phrase: answer.phrase,
    responseHeaders: [{ name: 'Reason', value: q850 }, ...retry],
    byeHeaders: [{ name: 'Reason', value: bye }],
  };
}
