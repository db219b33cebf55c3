import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeDigestAuthorization } from './digest-client.ts';
import { authenticated, header, register, SOURCE, setup, withoutNonce } from './registrar-fixture.ts';

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
