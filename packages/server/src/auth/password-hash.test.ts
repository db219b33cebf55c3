import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSwitchboardError } from '@switchboard/core';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  type ScryptParams,
  verifyPassword,
} from './password-hash.ts';

// Cheap parameters keep the suite fast; the production defaults get one test of their own.
const CHEAP: ScryptParams = { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 };

async function rejectsInvalidArgument(promise: Promise<unknown>, field?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isSwitchboardError(error));
    assert.equal(error.code, 'invalid_argument');
    if (field !== undefined) assert.equal(error.details.field, field);
    return true;
  });
}

describe('password hashing', () => {
  test('a hash verifies the password it was made from and no other', async () => {
    const encoded = await hashPassword('correct horse', CHEAP);
    assert.equal(await verifyPassword('correct horse', encoded), true);
    assert.equal(await verifyPassword('correct hors', encoded), false);
    assert.equal(await verifyPassword('Correct horse', encoded), false);
  });

  test('the encoded form records the algorithm, N, r, p, salt and key in base64url', async () => {
    const encoded = await hashPassword('pw', CHEAP);
    assert.match(encoded, /^scrypt\$16\$1\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const parsed = parsePasswordHash(encoded);
    assert.deepEqual(parsed?.params, CHEAP);
  });

  test('two hashes of one password differ because each has its own random salt', async () => {
    const [a, b] = await Promise.all([hashPassword('same', CHEAP), hashPassword('same', CHEAP)]);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same', a), true);
    assert.equal(await verifyPassword('same', b), true);
  });

  test('the production defaults are N=16384, r=8, p=1, 16-byte salt, 32-byte key, and they work', async () => {
    assert.deepEqual({ ...DEFAULT_SCRYPT_PARAMS }, { N: 16384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 });
    const started = performance.now();
    const encoded = await hashPassword('default params');
    const elapsed = performance.now() - started;
    assert.match(encoded, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('default params', encoded), true);
    console.log(`scrypt with default params: ${elapsed.toFixed(1)} ms per hash`);
  });

  test('the hash shown in README.md verifies its password: the format is stable', async () => {
    const documented = 'scrypt$16384$8$1$5ILEa1fGK0OLvgAU8M98lg$PQWn2c17qNglQO90sl0EIC6PqPNTdSFppwjHrJlzr6Y';
    assert.equal(await verifyPassword('example', documented), true);
    assert.equal(await verifyPassword('Example', documented), false);
    assert.equal(needsRehash(documented), false);
  });

  test('an empty password is refused with invalid_argument', async () => {
    await rejectsInvalidArgument(hashPassword('', CHEAP), 'password');
  });

  test('passwords up to 1024 UTF-8 bytes are accepted and longer ones refused', async () => {
    assert.equal(await verifyPassword('a'.repeat(1024), await hashPassword('a'.repeat(1024), CHEAP)), true);
    await rejectsInvalidArgument(hashPassword('a'.repeat(1025), CHEAP), 'password');
    // 'é' is two bytes: 512 of them are exactly at the cap, 513 are over it.
    assert.equal(await verifyPassword('é'.repeat(512), await hashPassword('é'.repeat(512), CHEAP)), true);
    await rejectsInvalidArgument(hashPassword('é'.repeat(513), CHEAP), 'password');
  });

  test('verifying an empty or over-long password is simply no match', async () => {
    const encoded = await hashPassword('x', CHEAP);
    assert.equal(await verifyPassword('', encoded), false);
    assert.equal(await verifyPassword('x'.repeat(5000), encoded), false);
    assert.equal(await verifyPassword(undefined, encoded), false);
  });

  test('a password typed with composed or decomposed accents verifies the same (NFKC)', async () => {
    const encoded = await hashPassword('caf\u00e9', CHEAP);
    assert.equal(await verifyPassword('cafe\u0301', encoded), true);
  });

  test('parameters out of range are refused with invalid_argument', async () => {
    for (const params of [
      { ...CHEAP, N: 15 }, // not a power of two
      { ...CHEAP, N: 1 },
      { ...CHEAP, N: 2 ** 21 },
      { ...CHEAP, r: 0 },
      { ...CHEAP, p: 17 },
      { ...CHEAP, saltBytes: 8 },
      { ...CHEAP, keyBytes: 16 },
      { ...CHEAP, keyBytes: 65 },
      { ...CHEAP, N: 2 ** 20, r: 8 }, // 1 GiB of memory
    ]) {
      await rejectsInvalidArgument(hashPassword('pw', params));
    }
  });

  test('a malformed stored hash never verifies and never throws', async () => {
    const good = await hashPassword('pw', CHEAP);
    const [, , , , salt, key] = good.split('$');
    const bad = [
      '',
      'scrypt',
      good.replace('scrypt', 'bcrypt'),
      `${good}$extra`,
      `scrypt$016$1$1$${salt}$${key}`, // non-canonical number
      `scrypt$16$1$1$${salt}=$${key}`, // padding is not base64url
      `scrypt$16$1$1$${salt}$${key!.slice(0, -1)}`, // 31.x bytes
      `scrypt$16$1$1$${salt}$${key!.slice(0, 39)}`, // a 29-byte prefix of the right key
      `scrypt$1048576$64$1$${salt}$${key}`, // would need 8 GiB
      null,
      42,
    ];
    for (const encoded of bad) assert.equal(await verifyPassword('pw', encoded), false, String(encoded));
  });

  test('a stored key spelled with other trailing bits is not the same hash', async () => {
    const good = await hashPassword('pw', CHEAP);
    // The last base64url character of a 32-byte key carries 2 unused bits; flipping them
    // would decode to the same bytes under a lenient decoder.
    const last = good.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    const lenient = (text: string) => Buffer.from(text.split('$')[5]!, 'base64url');
    assert.deepEqual(
      lenient(good.slice(0, -1) + sibling),
      lenient(good),
      'a lenient decoder sees the same key',
    );
    assert.equal(await verifyPassword('pw', good.slice(0, -1) + sibling), false);
  });

  test('needsRehash is false for the current parameters and true when any of them changed', async () => {
    const encoded = await hashPassword('pw', CHEAP);
    assert.equal(needsRehash(encoded, CHEAP), false);
    assert.equal(needsRehash(encoded, { ...CHEAP, N: 32 }), true);
    assert.equal(needsRehash(encoded, { ...CHEAP, r: 2 }), true);
    assert.equal(needsRehash(encoded, { ...CHEAP, p: 2 }), true);
    assert.equal(needsRehash(encoded, { ...CHEAP, saltBytes: 32 }), true);
    assert.equal(needsRehash(encoded, { ...CHEAP, keyBytes: 64 }), true);
    assert.equal(needsRehash(encoded), true, 'cheap parameters are below the defaults');
    assert.equal(needsRehash('garbage', CHEAP), true);
  });

  test('a hash keeps verifying after the configured parameters change', async () => {
    const old = await hashPassword('pw', CHEAP);
    const newer = await hashPassword('pw', { ...CHEAP, N: 64, r: 2 });
    assert.equal(await verifyPassword('pw', old), true);
    assert.equal(await verifyPassword('pw', newer), true);
  });
});
