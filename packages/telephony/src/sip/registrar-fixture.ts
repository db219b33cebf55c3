// Requests and a registrar on a virtual clock for the registrar tests.
import assert from 'node:assert/strict';
import { computeDigestAuthorization } from './digest-client.ts';
import { computeHa1 } from './digest-hash.ts';
import type { SipRequest } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { type RegistrarAnswer, SipRegistrar } from './registrar.ts';
import { type RegistrationChange, RegistrationStore } from './registration-store.ts';
import type { SipSource } from './sip-transport.ts';
import { InMemorySipUserDirectory } from './sip-user-directory.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

export const SOURCE: SipSource = {
  transport: 'UDP',
  address: '198.51.100.7',
  port: 5062,
  connectionId: undefined,
};

export interface Reg {
  readonly user?: string;
  readonly contacts?: readonly string[];
  readonly expires?: number;
  readonly callId?: string;
  readonly cseq?: number;
  readonly authorization?: string;
}

export function register(r: Reg = {}): SipRequest {
  const user = r.user ?? '1001';
  const lines = [
    'REGISTER sip:switchboard.test SIP/2.0',
    'Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK-r1;rport',
    'Max-Forwards: 70',
    `From: <sip:${user}@switchboard.test>;tag=f1`,
    `To: <sip:${user}@switchboard.test>`,
    `Call-ID: ${r.callId ?? 'reg-1'}`,
    `CSeq: ${r.cseq ?? 1} REGISTER`,
    ...(r.contacts ?? ['<sip:1001@198.51.100.7:5062>']).map((c) => `Contact: ${c}`),
    ...(r.expires === undefined ? [] : [`Expires: ${r.expires}`]),
    ...(r.authorization === undefined ? [] : [`Authorization: ${r.authorization}`]),
    'Content-Length: 0',
    '',
    '',
  ];
  const parsed = parseSipMessage(lines.join('\r\n'));
  if (!parsed.ok || parsed.value.kind !== 'request')
    throw new Error(`bad test REGISTER: ${lines.join('\n')}`);
  return parsed.value;
}

export function setup(policy: Partial<ConstructorParameters<typeof SipRegistrar>[0]['policy']> = {}) {
  const clock = new VirtualSipClock(1_800_000_000_000);
  const store = new RegistrationStore(clock);
  const directory = new InMemorySipUserDirectory([
    ['1001', { password: 'secret-1001' }],
    ['1002', { password: 'secret-1002' }],
    ['1003', { ha1: { MD5: computeHa1('MD5', '1003', 'switchboard.test', 'secret-1003') } }],
  ]);
  const registrar = new SipRegistrar({
    clock,
    directory,
    store,
    policy: { realm: 'switchboard.test', nonceSecret: 'test-secret', ...policy },
  });
  const changes: RegistrationChange[] = [];
  store.onChange((c) => changes.push(c));
  return { clock, store, registrar, changes };
}

export function header(answer: RegistrarAnswer, name: string): string[] {
  return answer.headers.filter((h) => h.name === name).map((h) => h.value);
}

/** REGISTER, 401, REGISTER with credentials answering the challenge of `algorithm`. */
export function authenticated(
  registrar: SipRegistrar,
  r: Reg & { password?: string; username?: string; algorithm?: string; nc?: number },
): { challenge: RegistrarAnswer; answer: RegistrarAnswer; authorization: string } {
  const challenge = registrar.handle(register(r), SOURCE);
  assert.equal(challenge.status, 401);
  const algorithm = r.algorithm ?? 'SHA-256';
  const offered = header(challenge, 'WWW-Authenticate').find((v) => v.includes(`algorithm=${algorithm}`));
  assert.ok(offered, `a ${algorithm} challenge is offered`);
  const user = r.user ?? '1001';
  const auth = computeDigestAuthorization({
    challenge: offered,
    method: 'REGISTER',
    uri: 'sip:switchboard.test',
    username: r.username ?? user,
    password: r.password ?? `secret-${r.username ?? user}`,
    cnonce: 'c0ffee',
    nc: r.nc ?? 1,
  });
  assert.ok(auth.ok);
  const answer = registrar.handle(
    register({ ...r, cseq: (r.cseq ?? 1) + 1, authorization: auth.value }),
    SOURCE,
  );
  return { challenge, answer, authorization: auth.value };
}

export function withoutNonce(answer: RegistrarAnswer): unknown {
  return {
    status: answer.status,
    reason: answer.reason,
    headers: answer.headers.map((h) => ({ ...h, value: h.value.replace(/nonce="[^"]*"/, 'nonce="…"') })),
  };
}
