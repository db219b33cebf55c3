// Test driver for the RFC 4475 torture messages: loads them from testdata and plays the part
// of a Switchboard element - bare parser, UAS, registrar (with or without digest), proxy or
// UAC - returning what that element does with the message: accept it, answer with a status,
// or drop it.
import { readdirSync, readFileSync } from 'node:fs';
import type { Result } from '@switchboard/core';
import { buildDigestChallenges, verifyDigestAuthorization } from './digest-auth.ts';
import { headerValue, type SipMessage } from './message.ts';
import { NonceCountTracker } from './nonce-count-tracker.ts';
import { parseSipMessage } from './parse-message.ts';
import { checkRequest, checkResponse, type RequestPolicy, SWITCHBOARD_UAS_POLICY } from './request-checks.ts';
import { type SipDisposition, sipDispositionOf } from './sip-failure.ts';

const TORTURE_DIR = new URL('../../testdata/sip-torture/', import.meta.url);

export type TortureRole = 'parser' | 'uas' | 'registrar' | 'authenticating-registrar' | 'proxy' | 'uac';
export type TortureOutcome = 'accept' | SipDisposition;

export function tortureNames(): string[] {
  return readdirSync(TORTURE_DIR)
    .filter((f) => f.endsWith('.dat'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function loadTorture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`${name}.dat`, TORTURE_DIR)));
}

/** The message as a bare parser accepts it; throws (failing the test) when it does not. */
export function parseTorture(name: string): SipMessage {
  const result = parseSipMessage(loadTorture(name));
  if (!result.ok) throw new Error(`${name} was refused: ${result.error.message}`);
  return result.value;
}

const PROXY_POLICY: RequestPolicy = {
  ...SWITCHBOARD_UAS_POLICY,
  role: 'proxy',
  extensions: [],
  registrar: false,
};
const DIGEST = { realm: 'example.com', secret: 'torture-secret', nonceLifetimeMs: 300_000 };

function disposition(result: Result<unknown>): TortureOutcome {
  // A failure without a SIP disposition would be a bug; 500 makes the test say so.
  return result.ok ? 'accept' : (sipDispositionOf(result) ?? 500);
}

export function handleAs(bytes: Uint8Array, role: TortureRole): TortureOutcome {
  const parsed = parseSipMessage(bytes);
  if (!parsed.ok || role === 'parser') return disposition(parsed);
  const message = parsed.value;
  if (message.kind === 'response') {
    if (role !== 'uac' && role !== 'proxy') throw new Error(`a ${role} is not sent responses`);
    return disposition(checkResponse(message, role));
  }
  if (role === 'uac') throw new Error('a UAC is not sent requests');
  const policy = role === 'proxy' ? PROXY_POLICY : { ...SWITCHBOARD_UAS_POLICY, registrar: role !== 'uas' };
  const checked = checkRequest(message, policy);
  if (!checked.ok || role !== 'authenticating-registrar') return disposition(checked);
  const verdict = verifyDigestAuthorization(DIGEST, {
    header: headerValue(message, 'Authorization'),
    method: message.method,
    now: 1_700_000_000_000,
    lookup: () => ({ password: 'secret' }),
    tracker: new NonceCountTracker({ maxNonces: 16 }),
  });
  return verdict.outcome === 'authorized' ? 'accept' : 401;
}

/** The challenge the authenticating registrar answers with (for asserting on its shape). */
export function tortureChallenges(): string[] {
  return buildDigestChallenges(DIGEST, 1_700_000_000_000, false, () => new Uint8Array(8));
}
