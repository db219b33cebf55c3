import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSwitchboardError, unwrap } from '@switchboard/core';
import { InMemoryReplayCache } from './ucs-sso-replay-cache.ts';
import { CHEAP, IP, MIN, refusal, setup, T0 } from './authenticator-test-fixture.ts';

describe('Authenticator: sessions', () => {
  test('refresh gives a new pair and spends the old refresh token', async () => {
    const { auth } = await setup();
    const first = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    const second = unwrap(await auth.refresh(first.refreshToken, T0 + 10 * MIN));
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(unwrap(auth.verifyAccessToken(second.accessToken, T0 + 20 * MIN)).sub, 'u-1');
  });

  test('re-using a spent refresh token revokes the session for everyone holding it', async () => {
    const { auth } = await setup();
    const first = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    const second = unwrap(await auth.refresh(first.refreshToken, T0 + MIN));
    assert.equal(refusal(await auth.refresh(first.refreshToken, T0 + 2 * MIN)).reason, 'reused');
    assert.equal(refusal(await auth.refresh(second.refreshToken, T0 + 3 * MIN)).reason, 'revoked');
  });

  test('a refresh picks up a changed role and scope', async () => {
    const { auth, users } = await setup();
    const first = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    users.add({ ...users.users.get('u-1')!, role: 'supervisor', scope: { queues: ['q9'], agentGroups: [] } });
    const second = unwrap(await auth.refresh(first.refreshToken, T0 + MIN));
    const claims = unwrap(auth.verifyAccessToken(second.accessToken, T0 + MIN));
    assert.equal(claims.role, 'supervisor');
    assert.deepEqual(claims.scope, { queues: ['q9'], agentGroups: [] });
  });

  test('a user disabled since login cannot refresh, and all their sessions end', async () => {
    const { auth, users } = await setup();
    const a = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    const b = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    users.add({ ...users.users.get('u-1')!, disabled: true });
    assert.equal(refusal(await auth.refresh(a.refreshToken, T0 + MIN)).reason, 'account_disabled');
    users.add({ ...users.users.get('u-1')!, disabled: false });
    assert.equal(refusal(await auth.refresh(b.refreshToken, T0 + MIN)).reason, 'revoked');
  });

  test('logout ends the session; logging out twice is fine', async () => {
    const { auth } = await setup();
    const pair = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    assert.equal((await auth.logout(pair.refreshToken, T0 + MIN)).ok, true);
    assert.equal((await auth.logout(pair.refreshToken, T0 + MIN)).ok, true);
    assert.equal(refusal(await auth.refresh(pair.refreshToken, T0 + 2 * MIN)).reason, 'revoked');
  });

  test('logoutEverywhere ends every session of the user', async () => {
    const { auth } = await setup();
    const a = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    const b = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    assert.equal(await auth.logoutEverywhere('u-1', T0 + 1), 2);
    assert.equal(refusal(await auth.refresh(a.refreshToken, T0 + 2)).reason, 'revoked');
    assert.equal(refusal(await auth.refresh(b.refreshToken, T0 + 2)).reason, 'revoked');
  });

  test('an access token stops verifying 15 minutes (plus skew) after login', async () => {
    const { auth } = await setup();
    const pair = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    assert.equal(auth.verifyAccessToken(pair.accessToken, T0 + 15 * MIN + 29_999).ok, true);
    assert.equal(refusal(auth.verifyAccessToken(pair.accessToken, T0 + 15 * MIN + 30_000)).reason, 'expired');
  });

  test('an Authenticator with an empty UCS SSO secret is refused at construction', async () => {
    const replayCache = new InMemoryReplayCache();
    await assert.rejects(setup(CHEAP, { ucsSso: { secret: '', replayCache } }), { code: 'invalid_argument' });
  });

  test('an Authenticator with scrypt parameters out of range is refused at construction', async () => {
    await assert.rejects(setup(CHEAP, { passwordParams: { ...CHEAP, N: 3 } }), (error: unknown) => {
      assert.ok(isSwitchboardError(error));
      assert.equal(error.code, 'invalid_argument');
      return true;
    });
  });
});
