import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeDigestAuthorization } from './digest-client.ts';
import { computeHa1 } from './digest-hash.ts';
import { headerValues, type SipRequest } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { type RegistrarAnswer, SipRegistrar } from './registrar.ts';
import { type RegistrationChange, RegistrationStore } from './registration-store.ts';
import type { SipSource } from './sip-transport.ts';
import { InMemorySipUserDirectory } from './sip-user-directory.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

const SOURCE: SipSource = { transport: 'UDP', address: '198.51.100.7', port: 5062, connectionId: undefined };

interface Reg {
  readonly user?: string;
  readonly contacts?: readonly string[];
  readonly expires?: number;
  readonly callId?: string;
  readonly cseq?: number;
  readonly authorization?: string;
}

function register(r: Reg = {}): SipRequest {
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

function setup(policy: Partial<ConstructorParameters<typeof SipRegistrar>[0]['policy']> = {}) {
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

function header(answer: RegistrarAnswer, name: string): string[] {
  return answer.headers.filter((h) => h.name === name).map((h) => h.value);
}

/** REGISTER, 401, REGISTER with credentials answering the challenge of `algorithm`. */
function authenticated(
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

function withoutNonce(answer: RegistrarAnswer): unknown {
  return {
    status: answer.status,
    reason: answer.reason,
    headers: answer.headers.map((h) => ({ ...h, value: h.value.replace(/nonce="[^"]*"/, 'nonce="…"') })),
  };
}

describe('registrar digest authentication', () => {
  test('a REGISTER without credentials is challenged with SHA-256 first, then MD5, qop=auth', () => {
    const { registrar } = setup();
    const answer = registrar.handle(register(), SOURCE);
    assert.equal(answer.status, 401);
    const challenges = header(answer, 'WWW-Authenticate');
    assert.equal(challenges.length, 2);
    assert.match(challenges[0]!, /algorithm=SHA-256/);
    assert.match(challenges[1]!, /algorithm=MD5/);
    for (const c of challenges) assert.match(c, /realm="switchboard.test".*qop="auth"/);
  });

  test('right credentials with SHA-256, with MD5, and against a stored H(A1) all register', () => {
    const { registrar, store } = setup();
    assert.equal(authenticated(registrar, { algorithm: 'SHA-256' }).answer.status, 200);
    assert.equal(authenticated(registrar, { user: '1002', algorithm: 'MD5' }).answer.status, 200);
    assert.equal(authenticated(registrar, { user: '1003', algorithm: 'MD5' }).answer.status, 200);
    assert.ok(store.isRegistered('1001') && store.isRegistered('1002') && store.isRegistered('1003'));
  });

  test('an unknown user and a wrong password get the very same 401 (only the nonce differs)', () => {
    const { registrar, store } = setup();
    const wrong = authenticated(registrar, { password: 'guess' }).answer;
    const unknown = authenticated(registrar, { user: '4242' }).answer;
    assert.equal(wrong.status, 401);
    assert.deepEqual(withoutNonce(unknown), withoutNonce(wrong));
    assert.doesNotMatch(header(wrong, 'WWW-Authenticate')[0]!, /stale/);
    assert.equal(store.bindingCount, 0);
  });

  test('a replayed nonce-count is refused with a stale challenge, a growing one is accepted', () => {
    const { registrar } = setup();
    const first = authenticated(registrar, {});
    assert.equal(first.answer.status, 200);
    const replay = registrar.handle(register({ cseq: 3, authorization: first.authorization }), SOURCE);
    assert.equal(replay.status, 401);
    assert.match(header(replay, 'WWW-Authenticate')[0]!, /stale=true/);
    const challenge = header(first.challenge, 'WWW-Authenticate')[0]!;
    const next = computeDigestAuthorization({
      challenge,
      method: 'REGISTER',
      uri: 'sip:switchboard.test',
      username: '1001',
      password: 'secret-1001',
      cnonce: 'c0ffee',
      nc: 2,
    });
    assert.ok(next.ok);
    assert.equal(registrar.handle(register({ cseq: 4, authorization: next.value }), SOURCE).status, 200);
  });

  test('a nonce older than its lifetime gets a stale challenge', () => {
    const { registrar, clock } = setup({ nonceLifetimeMs: 60_000 });
    const challenge = header(registrar.handle(register(), SOURCE), 'WWW-Authenticate')[0]!;
    clock.advanceBy(60_001);
    const auth = computeDigestAuthorization({
      challenge,
      method: 'REGISTER',
      uri: 'sip:switchboard.test',
      username: '1001',
      password: 'secret-1001',
      cnonce: 'x',
      nc: 1,
    });
    assert.ok(auth.ok);
    const answer = registrar.handle(register({ cseq: 2, authorization: auth.value }), SOURCE);
    assert.equal(answer.status, 401);
    assert.match(header(answer, 'WWW-Authenticate')[0]!, /stale=true/);
  });

  test('right credentials of another extension are refused with 403', () => {
    const { registrar, store } = setup();
    const { answer } = authenticated(registrar, { user: '1001', username: '1002' });
    assert.equal(answer.status, 403);
    assert.equal(store.isRegistered('1001'), false);
  });

  test('the challenge order is configurable per transport (MD5 first for MD5-only phones)', () => {
    const { registrar } = setup({
      algorithms: { UDP: ['MD5', 'SHA-256'], TCP: ['MD5'], WS: ['SHA-256', 'MD5'] },
    });
    const udp = header(registrar.handle(register(), SOURCE), 'WWW-Authenticate');
    assert.match(udp[0]!, /algorithm=MD5/);
    const tcp = header(
      registrar.handle(register(), { ...SOURCE, transport: 'TCP', connectionId: 'c' }),
      'WWW-Authenticate',
    );
    assert.equal(tcp.length, 1);
  });
});

describe('registrar bindings', () => {
  test('the 200 lists every current contact with its expires and a Date; the store reports the phone registered', () => {
    const { registrar, store, changes } = setup();
    const { answer } = authenticated(registrar, {
      contacts: ['<sip:1001@198.51.100.7:5062>;expires=120', '<sip:1001@203.0.113.9>'],
      expires: 300,
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), [
      '<sip:1001@198.51.100.7:5062>;expires=120',
      '<sip:1001@203.0.113.9>;expires=300',
    ]);
    assert.equal(header(answer, 'Date').length, 1);
    assert.equal(store.contactsOf('1001').length, 2);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.registered]),
      [
        ['added', true],
        ['added', true],
      ],
    );
  });

  test('without any expiry the default (3600 s) applies; above the maximum the maximum is granted', () => {
    const { registrar } = setup({ maxExpires: 1800 });
    const a = authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>'] }).answer;
    assert.deepEqual(header(a, 'Contact'), ['<sip:1001@198.51.100.7>;expires=1800']);
    const { registrar: r2 } = setup();
    const b = authenticated(r2, { contacts: ['<sip:1001@198.51.100.7>'] }).answer;
    assert.deepEqual(header(b, 'Contact'), ['<sip:1001@198.51.100.7>;expires=3600']);
  });

  test('an expiry under the minimum is refused with 423 and Min-Expires, nothing bound', () => {
    const { registrar, store } = setup({ minExpires: 60 });
    const { answer } = authenticated(registrar, {
      contacts: ['<sip:1001@198.51.100.7>;expires=3600', '<sip:1001@203.0.113.9>;expires=30'],
    });
    assert.equal(answer.status, 423);
    assert.deepEqual(header(answer, 'Min-Expires'), ['60']);
    assert.equal(store.bindingCount, 0);
  });

  test('a binding expires by its timer: the phone is then unregistered and an expired event is sent', () => {
    const { registrar, store, clock, changes } = setup();
    authenticated(registrar, { expires: 120 });
    clock.advanceBy(119_999);
    assert.equal(store.isRegistered('1001'), true);
    clock.advanceBy(1);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(changes.at(-1)?.kind, 'expired');
    assert.equal(changes.at(-1)?.registered, false);
  });

  test('a refresh re-arms the expiry; the old timer does not remove the refreshed binding', () => {
    const { registrar, store, clock } = setup();
    authenticated(registrar, { expires: 120 });
    clock.advanceBy(100_000);
    authenticated(registrar, { expires: 120, callId: 'reg-1', cseq: 10 });
    clock.advanceBy(30_000);
    assert.equal(store.isRegistered('1001'), true);
    assert.equal(store.contactsOf('1001').length, 1);
  });

  test('Expires 0 on one contact removes only that contact', () => {
    const { registrar, store } = setup();
    authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>', '<sip:1001@203.0.113.9>'] });
    const { answer } = authenticated(registrar, { contacts: ['<sip:1001@203.0.113.9>;expires=0'], cseq: 5 });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), ['<sip:1001@198.51.100.7>;expires=3600']);
    assert.equal(store.contactsOf('1001').length, 1);
  });

  test('Contact "*" with Expires 0 removes every binding of the extension', () => {
    const { registrar, store, changes } = setup();
    authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>', '<sip:1001@203.0.113.9>'] });
    const { answer } = authenticated(registrar, { contacts: ['*'], expires: 0, cseq: 5 });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), []);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(
      changes.slice(-2).map((c) => [c.kind, c.registered]),
      [
        ['removed', false],
        ['removed', false],
      ],
    );
  });

  test('a REGISTER without Contact is a query: 200 with the current bindings, nothing changed', () => {
    const { registrar, store } = setup();
    authenticated(registrar, {});
    const { answer } = authenticated(registrar, { contacts: [], cseq: 7 });
    assert.equal(answer.status, 200);
    assert.equal(header(answer, 'Contact').length, 1);
    assert.equal(store.bindingCount, 1);
  });

  test("the same Call-ID with a CSeq not above the binding's is out of order (400); another Call-ID may bind", () => {
    const { registrar, store } = setup();
    authenticated(registrar, { callId: 'A', cseq: 10 });
    const stale = authenticated(registrar, { callId: 'A', cseq: 5, expires: 0 }).answer;
    assert.equal(stale.status, 400);
    assert.equal(store.isRegistered('1001'), true);
    const other = authenticated(registrar, { callId: 'B', cseq: 1, expires: 0 }).answer;
    assert.equal(other.status, 200);
    assert.equal(store.isRegistered('1001'), false);
  });

  test('several contacts per phone up to maxContacts; one more is refused with 403 and changes nothing', () => {
    const { registrar, store } = setup({ maxContacts: 2 });
    authenticated(registrar, { contacts: ['<sip:a@198.51.100.7>', '<sip:b@198.51.100.7>'] });
    const { answer } = authenticated(registrar, { contacts: ['<sip:c@198.51.100.7>'], cseq: 5 });
    assert.equal(answer.status, 403);
    assert.equal(store.contactsOf('1001').length, 2);
  });

  test('the binding keeps the flow it came over and the User-Agent, for reaching the phone later', () => {
    const { registrar, store } = setup();
    authenticated(registrar, {});
    const [binding] = store.contactsOf('1001');
    assert.deepEqual(binding?.source, SOURCE);
    assert.equal(binding?.contact.expires, undefined);
  });

  test('a Request-URI outside the served domains is answered 404 before any challenge', () => {
    const { registrar } = setup({ domains: ['other.test'] });
    assert.equal(registrar.handle(register(), SOURCE).status, 404);
  });

  test('the 401 answers carry one WWW-Authenticate row per algorithm and nothing else', () => {
    const { registrar } = setup();
    const answer = registrar.handle(register(), SOURCE);
    assert.deepEqual(
      answer.headers.map((h) => h.name),
      ['WWW-Authenticate', 'WWW-Authenticate'],
    );
    assert.equal(headerValues({ headers: answer.headers }, 'WWW-Authenticate').length, 2);
  });
});
