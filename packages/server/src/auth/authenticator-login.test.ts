import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { LoginThrottle } from './login-throttle.ts';
import { parsePasswordHash, verifyPassword } from './password-hash.ts';
import { createUcsSsoToken } from './ucs-sso-token.ts';
import { CHEAP, IP, MIN, refusal, setup, ssoToken, T0 } from './authenticator-test-fixture.ts';

describe('Authenticator: password login', () => {
  test('a correct password gives a token pair whose access token names the user and role', async () => {
    const { auth } = await setup();
    const pair = unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    assert.equal(pair.tokenType, 'Bearer');
    assert.equal(pair.accessTokenExpiresAt, T0 + 15 * MIN);
    assert.equal(pair.refreshTokenExpiresAt, T0 + 7 * 24 * 60 * MIN);
    const claims = unwrap(auth.verifyAccessToken(pair.accessToken, T0 + MIN));
    assert.equal(claims.sub, 'u-1');
    assert.equal(claims.role, 'agent');
  });

  test("a supervisor's access token carries its scope", async () => {
    const { auth } = await setup();
    const pair = unwrap(await auth.login('sam', 'sam-pw', IP, T0));
    assert.deepEqual(unwrap(auth.verifyAccessToken(pair.accessToken, T0)).scope, {
      queues: ['sales'],
      agentGroups: ['north'],
    });
  });

  test('an unknown user and a wrong password get the very same error', async () => {
    const { auth } = await setup();
    const unknown = await auth.login('mallory', 'whatever', IP, T0);
    const wrong = await auth.login('alice', 'whatever', IP, T0);
    assert.deepEqual(refusal(unknown), refusal(wrong));
    assert.deepEqual(refusal(unknown), {
      code: 'unauthorized',
      reason: 'invalid_credentials',
      message: 'invalid username or password',
    });
  });

  test('an unknown user costs the same scrypt work as a wrong password', async () => {
    // Parameters expensive enough that skipping the hash would show (≈ 100x faster).
    const { auth } = await setup(
      { N: 4096, r: 8, p: 1, saltBytes: 16, keyBytes: 32 },
      { throttle: new LoginThrottle({ maxFailures: 100 }) }, // no lock-out to cut attempts short
    );
    await auth.login('nobody', 'warm-up', IP, T0); // builds the decoy hash once
    const time = async (username: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await auth.login(username, `guess-${i}`, `10.0.0.${i}`, T0);
        samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b)[2]!;
    };
    const [unknown, wrong] = [await time('nobody'), await time('sam')];
    console.log(`login median: unknown user ${unknown.toFixed(1)} ms, wrong password ${wrong.toFixed(1)} ms`);
    assert.ok(unknown > wrong * 0.4 && unknown < wrong * 2.5, `unknown ${unknown} ms vs wrong ${wrong} ms`);
  });

  test('a user without a password (SSO only) cannot log in with any password', async () => {
    const { auth } = await setup();
    assert.equal(refusal(await auth.login('sso-only', 'anything', IP, T0)).reason, 'invalid_credentials');
  });

  test('a disabled account is reported only to someone who knows its password', async () => {
    const { auth } = await setup();
    assert.equal(refusal(await auth.login('gone', 'wrong', IP, T0)).reason, 'invalid_credentials');
    assert.equal(refusal(await auth.login('gone', 'gone-pw', IP, T0)).reason, 'account_disabled');
  });

  test('an empty or over-long password is invalid_argument and does not count towards a lock-out', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 10; i++) {
      assert.equal(refusal(await auth.login('alice', '', IP, T0)).code, 'invalid_argument');
      assert.equal(refusal(await auth.login('alice', 'x'.repeat(1025), IP, T0)).code, 'invalid_argument');
    }
    assert.equal(refusal(await auth.login('', 'pw', IP, T0)).code, 'invalid_argument');
    assert.equal((await auth.login('alice', 'alice-pw', IP, T0)).ok, true);
  });

  test('five wrong passwords lock the username, even against the right one, until the lock ends', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 5; i++)
      assert.equal(refusal(await auth.login('alice', `bad-${i}`, IP, T0 + i)).reason, 'invalid_credentials');
    const locked = await auth.login('alice', 'alice-pw', IP, T0 + MIN);
    assert.equal(refusal(locked).code, 'rate_limited');
    assert.equal(!locked.ok && locked.error.details.retryAfterMs, 15 * MIN + 4 - MIN);
    assert.equal((await auth.login('alice', 'alice-pw', IP, T0 + 4 + 15 * MIN)).ok, true);
  });

  test('unknown usernames lock like real ones, so a lock-out does not reveal which exist', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 5; i++) await auth.login('nobody', `bad-${i}`, IP, T0);
    assert.equal(refusal(await auth.login('nobody', 'x', IP, T0)).code, 'rate_limited');
  });

  test('a parallel burst of guesses cannot slip past the lock-out', async () => {
    const { auth } = await setup();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => auth.login('alice', `guess-${i}`, IP, T0)),
    );
    assert.equal(results.filter((r) => refusal(r).reason === 'invalid_credentials').length, 5);
    assert.equal(results.filter((r) => refusal(r).code === 'rate_limited').length, 45);
  });

  test('a login upgrades a hash made with older parameters', async () => {
    const { auth, users } = await setup(CHEAP, { passwordParams: { ...CHEAP, N: 32 } });
    unwrap(await auth.login('alice', 'alice-pw', IP, T0));
    assert.equal(users.updates.length, 1);
    const upgraded = users.users.get('u-1')!.passwordHash!;
    assert.equal(parsePasswordHash(upgraded)?.params.N, 32);
    assert.equal(await verifyPassword('alice-pw', upgraded), true);
    unwrap(await auth.login('alice', 'alice-pw', IP, T0 + 1));
    assert.equal(users.updates.length, 1, 'no second upgrade');
  });
});

describe('Authenticator: UCS SSO login', () => {
  test('a genuine token logs its user in, once', async () => {
    const { auth } = await setup();
    const token = ssoToken('sso-only');
    const pair = unwrap(await auth.loginWithUcsSso('sso-only', token, IP, T0 + 1000));
    assert.equal(unwrap(auth.verifyAccessToken(pair.accessToken, T0 + 1000)).sub, 'u-4');
    assert.equal(refusal(await auth.loginWithUcsSso('sso-only', token, IP, T0 + 2000)).reason, 'replayed');
  });

  test('a token for another user, a forged one, or a stale one is refused', async () => {
    const { auth } = await setup();
    assert.equal(
      refusal(await auth.loginWithUcsSso('alice', ssoToken('sam'), IP, T0)).reason,
      'username_mismatch',
    );
    const forged = unwrap(createUcsSsoToken({ secret: 'guess', username: 'alice', now: T0 }));
    assert.equal(refusal(await auth.loginWithUcsSso('alice', forged, IP, T0)).reason, 'bad_digest');
    assert.equal(
      refusal(await auth.loginWithUcsSso('alice', ssoToken('alice'), IP, T0 + 6 * MIN)).reason,
      'expired',
    );
  });

  test('a genuine token for an unknown or disabled user is refused', async () => {
    const { auth } = await setup();
    assert.equal(
      refusal(await auth.loginWithUcsSso('ghost', ssoToken('ghost'), IP, T0)).reason,
      'unknown_user',
    );
    assert.equal(
      refusal(await auth.loginWithUcsSso('gone', ssoToken('gone'), IP, T0)).reason,
      'account_disabled',
    );
  });

  test('failed SSO logins are limited per address', async () => {
    const { auth } = await setup();
    for (let i = 0; i < 30; i++) await auth.loginWithUcsSso('alice', 'AAAA', IP, T0);
    assert.equal(
      refusal(await auth.loginWithUcsSso('alice', ssoToken('alice'), IP, T0)).code,
      'rate_limited',
    );
    assert.equal((await auth.loginWithUcsSso('alice', ssoToken('alice'), '192.0.2.1', T0)).ok, true);
  });

  test('without an SSO configuration, SSO login is unavailable', async () => {
    const { auth } = await setup(CHEAP, { ucsSso: undefined });
    const result = await auth.loginWithUcsSso('alice', ssoToken('alice'), IP, T0);
    assert.equal(refusal(result).code, 'unavailable');
  });
});
