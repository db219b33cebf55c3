import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Result, unwrap } from '@switchboard/core';
import { InMemoryRefreshTokenStore } from './in-memory-refresh-token-store.ts';
import type { RefreshTokenRecord } from './refresh-token-store.ts';
import { hashRefreshToken, isRefreshTokenText, RefreshTokens } from './refresh-tokens.ts';

const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const DAY = 24 * 3600_000;

function setup(options: ConstructorParameters<typeof RefreshTokens>[1] = {}) {
  const store = new InMemoryRefreshTokenStore();
  return { store, tokens: new RefreshTokens(store, options) };
}

function reasonOf(result: Result<unknown>): unknown {
  assert.equal(result.ok, false, 'expected a refusal');
  return result.ok ? undefined : result.error.details.reason;
}

describe('refresh tokens', () => {
  test('a refresh token is 32 random bytes in base64url and only its SHA-256 is stored', async () => {
    const { store, tokens } = setup();
    const { token, record } = await tokens.issue('u-1', NOW);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.equal(record.tokenHash, hashRefreshToken(token));
    assert.notEqual(record.tokenHash, token);
    assert.deepEqual(await store.findByHash(record.tokenHash), record);
  });

  test('a refresh token lives 7 days by default', async () => {
    const { tokens } = setup();
    const { record } = await tokens.issue('u-1', NOW);
    assert.equal(record.expiresAt, NOW + 7 * DAY);
  });

  test('using a refresh token returns a successor of the same family and spends the old one', async () => {
    const { store, tokens } = setup();
    const first = await tokens.issue('u-1', NOW);
    const second = unwrap(await tokens.rotate(first.token, NOW + 1000));
    assert.notEqual(second.token, first.token);
    assert.equal(second.record.familyId, first.record.familyId);
    assert.equal(second.record.userId, 'u-1');
    assert.equal((await store.findByHash(first.record.tokenHash))?.usedAt, NOW + 1000);
    const third = unwrap(await tokens.rotate(second.token, NOW + 2000));
    assert.equal(third.record.familyId, first.record.familyId);
  });

  test('re-use of a spent token revokes the whole family, the thief and the user alike', async () => {
    const { tokens } = setup();
    const first = await tokens.issue('u-1', NOW);
    const second = unwrap(await tokens.rotate(first.token, NOW + 1000));
    const reuse = await tokens.rotate(first.token, NOW + 2000);
    assert.equal(reasonOf(reuse), 'reused');
    assert.equal(!reuse.ok && reuse.error.details.familyRevoked, true);
    assert.equal(reasonOf(await tokens.rotate(second.token, NOW + 3000)), 'revoked');
  });

  test('re-use revokes only its own family: other sessions of the same user live on', async () => {
    const { tokens } = setup();
    const laptop = await tokens.issue('u-1', NOW);
    const phone = await tokens.issue('u-1', NOW);
    unwrap(await tokens.rotate(laptop.token, NOW + 1));
    await tokens.rotate(laptop.token, NOW + 2);
    assert.equal((await tokens.rotate(phone.token, NOW + 3)).ok, true);
  });

  test('two concurrent uses of one token never both succeed and leave the family revoked', async () => {
    const { tokens } = setup();
    const first = await tokens.issue('u-1', NOW);
    const results = await Promise.all([
      tokens.rotate(first.token, NOW + 1),
      tokens.rotate(first.token, NOW + 1),
    ]);
    assert.ok(results.filter((r) => r.ok).length <= 1);
    assert.ok(results.some((r) => !r.ok && r.error.details.reason === 'reused'));
    for (const r of results)
      if (r.ok) assert.equal(reasonOf(await tokens.rotate(r.value.token, NOW + 2)), 'revoked');
  });

  test('a refresh token is refused from its expiry on', async () => {
    const { tokens } = setup({ lifetimeMs: DAY });
    const a = await tokens.issue('u-1', NOW);
    const b = await tokens.issue('u-1', NOW);
    assert.equal(reasonOf(await tokens.rotate(a.token, NOW + DAY)), 'expired');
    assert.equal((await tokens.rotate(b.token, NOW + DAY - 1)).ok, true);
  });

  test('rotation slides the expiry, but never past the family lifetime', async () => {
    const { tokens } = setup({ lifetimeMs: 7 * DAY, familyLifetimeMs: 30 * DAY });
    let current = await tokens.issue('u-1', NOW);
    for (let day = 6; day < 30; day += 6) {
      current = unwrap(await tokens.rotate(current.token, NOW + day * DAY));
      assert.equal(current.record.expiresAt, Math.min(NOW + (day + 7) * DAY, NOW + 30 * DAY));
    }
    assert.equal(reasonOf(await tokens.rotate(current.token, NOW + 30 * DAY)), 'expired');
  });

  test('logout revokes the family, so neither the token nor its successor works', async () => {
    const { tokens } = setup();
    const first = await tokens.issue('u-1', NOW);
    const second = unwrap(await tokens.rotate(first.token, NOW + 1));
    assert.deepEqual(unwrap(await tokens.revoke(first.token, NOW + 2)), { revoked: 1 });
    assert.equal(reasonOf(await tokens.rotate(second.token, NOW + 3)), 'revoked');
    assert.equal(reasonOf(await tokens.rotate(first.token, NOW + 3)), 'revoked');
  });

  test('logging out with an unknown token is not an error, with a malformed one it is invalid_argument', async () => {
    const { tokens } = setup();
    assert.deepEqual(unwrap(await tokens.revoke('A'.repeat(43), NOW)), { revoked: 0 });
    const bad = await tokens.revoke('nope', NOW);
    assert.equal(!bad.ok && bad.error.code, 'invalid_argument');
  });

  test('revoking a user ends all of their sessions and nobody else’s', async () => {
    const { tokens } = setup();
    const a = await tokens.issue('u-1', NOW);
    const b = await tokens.issue('u-1', NOW);
    const other = await tokens.issue('u-2', NOW);
    assert.equal(await tokens.revokeUser('u-1', NOW + 1), 2);
    assert.equal(reasonOf(await tokens.rotate(a.token, NOW + 2)), 'revoked');
    assert.equal(reasonOf(await tokens.rotate(b.token, NOW + 2)), 'revoked');
    assert.equal((await tokens.rotate(other.token, NOW + 2)).ok, true);
  });

  test('unknown and malformed tokens are refused with their own reasons', async () => {
    const { tokens } = setup();
    await tokens.issue('u-1', NOW);
    assert.equal(reasonOf(await tokens.rotate('A'.repeat(43), NOW)), 'unknown_token');
    for (const bad of ['', 'short', 'A'.repeat(44), `${'A'.repeat(42)}B`, '+'.repeat(43), 7, null]) {
      assert.equal(reasonOf(await tokens.rotate(bad, NOW)), 'malformed', String(bad));
    }
    assert.equal(isRefreshTokenText(`${'A'.repeat(42)}B`), false, 'B sets an unused trailing bit');
  });
});

describe('in-memory refresh token store', () => {
  const record = (hash: string, over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
    tokenHash: hash,
    familyId: 'f-1',
    userId: 'u-1',
    issuedAt: NOW,
    expiresAt: NOW + DAY,
    familyExpiresAt: NOW + 2 * DAY,
    usedAt: null,
    revokedAt: null,
    ...over,
  });

  test('markUsed lets exactly one caller spend a token', async () => {
    const store = new InMemoryRefreshTokenStore();
    await store.insert(record('h1'));
    assert.deepEqual(await Promise.all([store.markUsed('h1', NOW), store.markUsed('h1', NOW)]), [
      true,
      false,
    ]);
    assert.equal(await store.markUsed('missing', NOW), false);
  });

  test('a token written into an already revoked family is stored revoked', async () => {
    const store = new InMemoryRefreshTokenStore();
    await store.insert(record('h1'));
    await store.revokeFamily('f-1', NOW + 5);
    await store.insert(record('h2'));
    assert.equal((await store.findByHash('h2'))?.revokedAt, NOW + 5);
  });

  test('expired tokens and families are forgotten, live ones kept', async () => {
    const store = new InMemoryRefreshTokenStore();
    await store.insert(record('old', { expiresAt: NOW + 10, familyExpiresAt: NOW + 10, familyId: 'f-old' }));
    await store.insert(record('live'));
    assert.equal(await store.deleteExpired(NOW + 10), 1);
    assert.equal(await store.findByHash('old'), undefined);
    assert.ok(await store.findByHash('live'));
    assert.deepEqual(store.size(), { tokens: 1, families: 1 });
  });

  test('memory stays bounded by live sessions while inserts keep coming', async () => {
    const store = new InMemoryRefreshTokenStore();
    const tokens = new RefreshTokens(store, { lifetimeMs: 1000, familyLifetimeMs: 1000 });
    for (let i = 0; i < 5000; i++) await tokens.issue(`u-${i}`, NOW + i * 100);
    // 10 tokens are live at any time (1 s lifetime, one per 100 ms); sweeps run every 256 inserts.
    assert.ok(store.size().tokens <= 10 + 256, `held ${store.size().tokens}`);
    assert.ok(store.size().families <= 10 + 256, `held ${store.size().families} families`);
  });
});
