import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { type Result, unwrap } from '@switchboard/core';
import { type AccessTokenKeyRing, createAccessTokenKeyRing } from './access-token-keys.ts';
import { signAccessToken, verifyAccessToken } from './access-token.ts';
import type { Principal } from './principal.ts';

const KEY_1 = Buffer.alloc(32, 1);
const KEY_2 = Buffer.alloc(32, 2);
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const MIN = 60_000;
const ring = (current: string, keys: Record<string, Buffer>): AccessTokenKeyRing =>
  unwrap(createAccessTokenKeyRing(current, keys));
const KEYS = ring('k1', { k1: KEY_1 });

const agent: Principal = { userId: 'u-7', role: 'agent' };
const supervisor: Principal = {
  userId: 'u-2',
  role: 'supervisor',
  scope: { queues: ['sales', 'support'], agentGroups: ['g-north'] },
};

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Builds a token with any header and payload, correctly signed, to test the checks past the signature. */
function forge(header: unknown, payload: unknown, key: Buffer = KEY_1): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

function reasonOf(result: Result<unknown>): unknown {
  assert.equal(result.ok, false, 'expected a refusal');
  if (result.ok) return undefined;
  assert.equal(result.error.code, 'unauthorized');
  return result.error.details.reason;
}

const sign = (principal: Principal, now = NOW, keys = KEYS) =>
  unwrap(signAccessToken(principal, { keys, now }));
const verify = (token: unknown, now = NOW, keys = KEYS) => verifyAccessToken(token, { keys, now });

describe('access tokens', () => {
  test('a signed token verifies and carries sub, role, iat, nbf, exp, jti', () => {
    const { token, claims, expiresAt } = sign(agent);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const verified = unwrap(verify(token));
    assert.deepEqual(verified, claims);
    assert.equal(verified.sub, 'u-7');
    assert.equal(verified.role, 'agent');
    assert.equal(verified.scope, undefined);
    assert.equal(verified.iat, NOW / 1000);
    assert.equal(verified.nbf, verified.iat);
    assert.match(verified.jti, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(expiresAt, verified.exp * 1000);
  });

  test('the default lifetime is 15 minutes', () => {
    const { claims } = sign(agent);
    assert.equal(claims.exp - claims.iat, 15 * 60);
  });

  test('the header is HS256, JWT, and the current key id', () => {
    const [header] = sign(agent).token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), {
      alg: 'HS256',
      typ: 'JWT',
      kid: 'k1',
    });
  });

  test('a supervisor token carries its queues and agent groups', () => {
    const verified = unwrap(verify(sign(supervisor).token));
    assert.deepEqual(verified.scope, supervisor.scope);
  });

  test('a supervisor without scope, or another role with one, cannot be signed', () => {
    const noScope = signAccessToken({ userId: 'u', role: 'supervisor' }, { keys: KEYS, now: NOW });
    const agentScope = signAccessToken(
      { ...agent, scope: { queues: [], agentGroups: [] } },
      { keys: KEYS, now: NOW },
    );
    assert.equal(noScope.ok || noScope.error.code, 'invalid_argument');
    assert.equal(agentScope.ok || agentScope.error.code, 'invalid_argument');
  });

  test('each token gets its own jti', () => {
    assert.notEqual(sign(agent).claims.jti, sign(agent).claims.jti);
  });

  test('a tampered signature is refused', () => {
    const { token } = sign(agent);
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
    assert.equal(reasonOf(verify(flipped)), 'bad_signature');
    assert.equal(reasonOf(verify(token.slice(0, token.lastIndexOf('.') + 1))), 'bad_signature');
  });

  test('a payload promoted to admin without re-signing is refused', () => {
    const [header, payload, signature] = sign(agent).token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = `${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`;
    assert.equal(reasonOf(verify(promoted)), 'bad_signature');
  });

  test('a token signed with a key we do not hold is refused', () => {
    const { claims } = sign(agent);
    assert.equal(
      reasonOf(verify(forge({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims, KEY_2))),
      'bad_signature',
    );
  });

  test("alg 'none' is refused even with an empty signature", () => {
    const { claims } = sign(agent);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    assert.equal(reasonOf(verify(unsigned)), 'unsupported_alg');
    for (const alg of ['None', 'NONE', 'HS512', 'RS256', 'ES256', 'hs256', '', null, undefined]) {
      assert.equal(
        reasonOf(verify(forge({ alg, typ: 'JWT', kid: 'k1' }, claims))),
        'unsupported_alg',
        String(alg),
      );
    }
  });

  test('a kid that names no configured key is refused', () => {
    const { claims } = sign(agent);
    assert.equal(reasonOf(verify(forge({ alg: 'HS256', kid: 'k9' }, claims))), 'unknown_key');
    assert.equal(reasonOf(verify(forge({ alg: 'HS256' }, claims))), 'unknown_key');
  });

  test('header fields we never issue (jku, x5u, crit, ...) are refused', () => {
    const { claims } = sign(agent);
    const header = { alg: 'HS256', kid: 'k1', jku: 'https://evil.example/keys' };
    assert.equal(reasonOf(verify(forge(header, claims))), 'malformed');
    assert.equal(reasonOf(verify(forge({ alg: 'HS256', kid: 'k1', typ: 'at+jwt' }, claims))), 'malformed');
  });

  test('claims that are not ours are refused even when correctly signed', () => {
    const { claims } = sign(agent);
    const header = { alg: 'HS256', typ: 'JWT', kid: 'k1' };
    const cases: unknown[] = [
      { ...claims, role: 'root' },
      { ...claims, sub: '' },
      { ...claims, extra: true },
      { ...claims, exp: claims.iat },
      { ...claims, exp: String(claims.exp) },
      { ...claims, scope: { queues: ['q'], agentGroups: [] } }, // an agent with a scope
      { ...claims, role: 'supervisor' }, // a supervisor without one
      { ...claims, jti: 'short' },
      [claims],
    ];
    for (const payload of cases) assert.equal(reasonOf(verify(forge(header, payload))), 'invalid_claims');
  });

  test('a token is good until exp plus 30 s of skew, and expired from then on', () => {
    const { token, claims } = sign(agent);
    const edge = claims.exp * 1000 + 30_000;
    assert.equal(verify(token, edge - 1).ok, true);
    assert.equal(reasonOf(verify(token, edge)), 'expired');
    assert.equal(reasonOf(verify(token, NOW + 60 * MIN)), 'expired');
  });

  test('a token from a clock up to 30 s ahead is accepted, further ahead it is not yet valid', () => {
    const { token } = sign(agent, NOW + 30_000);
    assert.equal(verify(token, NOW).ok, true);
    const ahead = sign(agent, NOW + 31_000).token;
    assert.equal(reasonOf(verify(ahead, NOW)), 'not_yet_valid');
  });

  test('after rotation new tokens carry the new kid and tokens of the old key still verify', () => {
    const old = sign(agent, NOW, KEYS).token;
    const rotated = ring('k2', { k1: KEY_1, k2: KEY_2 });
    const fresh = sign(agent, NOW, rotated).token;
    assert.equal(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString()).kid, 'k2');
    assert.equal(verify(old, NOW, rotated).ok, true);
    assert.equal(verify(fresh, NOW, rotated).ok, true);
    const retired = ring('k2', { k2: KEY_2 });
    assert.equal(reasonOf(verify(old, NOW, retired)), 'unknown_key');
  });

  test('a key ring refuses short keys, odd key ids and a current kid it does not hold', () => {
    for (const result of [
      createAccessTokenKeyRing('k1', { k1: Buffer.alloc(31) }),
      createAccessTokenKeyRing('k1', { 'k 1': KEY_1 }),
      createAccessTokenKeyRing('k2', { k1: KEY_1 }),
    ]) {
      assert.equal(result.ok || result.error.code, 'invalid_argument');
    }
  });

  test('anything that is not three canonical base64url JSON segments is malformed', () => {
    const { token } = sign(agent);
    const [header, payload, signature] = token.split('.');
    for (const bad of [
      '',
      'abc',
      'a.b',
      `${token}.extra`,
      `${header}=.${payload}.${signature}`,
      `${b64url('string')}.${payload}.${signature}`,
      `${Buffer.from('{not json').toString('base64url')}.${payload}.${signature}`,
      `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${payload}.${signature}`,
      'x'.repeat(20_000),
      42,
      null,
    ]) {
      assert.equal(reasonOf(verify(bad)), 'malformed', String(bad).slice(0, 40));
    }
  });

  test('a signature with altered unused trailing bits is refused', () => {
    const { token } = sign(agent);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]!;
    assert.equal(reasonOf(verify(token.slice(0, -1) + sibling)), 'bad_signature');
  });
});
