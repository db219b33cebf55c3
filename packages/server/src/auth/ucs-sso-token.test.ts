import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { type Result, unwrap } from '@switchboard/core';
import { InMemoryReplayCache } from './ucs-sso-replay-cache.ts';
import { createUcsSsoToken, verifyUcsSsoToken, type VerifyUcsSsoTokenOptions } from './ucs-sso-token.ts';

const SECRET = 'preshared-sso-secret';
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0); // 1736931600 s
const MIN = 60_000;

/** The spec's formula written out independently: base64(sha1_binary(secret+user+ts) + user + ts). */
function specToken(username: string, timestamp: string, secret = SECRET, hexDigest = false): string {
  const hash = createHash('sha1').update(secret + username + timestamp);
  const digest = hexDigest ? Buffer.from(hash.digest('hex'), 'latin1') : hash.digest();
  return Buffer.concat([digest, Buffer.from(username + timestamp, 'utf8')]).toString('base64');
}

function options(over: Partial<VerifyUcsSsoTokenOptions> = {}): VerifyUcsSsoTokenOptions {
  return { secret: SECRET, now: NOW, replayCache: new InMemoryReplayCache(), ...over };
}

function reasonOf(result: Result<unknown>): unknown {
  assert.equal(result.ok, false, 'expected a refusal');
  if (result.ok) return undefined;
  assert.equal(result.error.code, 'unauthorized');
  return result.error.details.reason;
}

describe('UCS SSO tokens', () => {
  test('createUcsSsoToken follows the spec formula with a 10-digit Unix-seconds timestamp', () => {
    const token = unwrap(createUcsSsoToken({ secret: SECRET, username: 'agent.smith', now: NOW + 999 }));
    assert.equal(token, specToken('agent.smith', '1736931600'));
  });

  test('a token made by the formula verifies and names its user and time', () => {
    const verified = unwrap(verifyUcsSsoToken(specToken('agent.smith', '1736931600'), options()));
    assert.deepEqual(verified, { username: 'agent.smith', issuedAt: NOW });
  });

  test('usernames in UTF-8 and ending in digits work', () => {
    for (const username of ['joão', 'agent01', '1234', 'ü@例え.jp']) {
      const token = unwrap(createUcsSsoToken({ secret: SECRET, username, now: NOW }));
      assert.equal(unwrap(verifyUcsSsoToken(token, options({ username }))).username, username);
      assert.equal(unwrap(verifyUcsSsoToken(token, options())).username, username);
    }
  });

  test('a token is accepted up to exactly 5 minutes either way and refused 1 ms beyond', () => {
    const token = specToken('u', '1736931600');
    assert.equal(verifyUcsSsoToken(token, options({ now: NOW + 5 * MIN })).ok, true);
    assert.equal(verifyUcsSsoToken(token, options({ now: NOW - 5 * MIN })).ok, true);
    assert.equal(reasonOf(verifyUcsSsoToken(token, options({ now: NOW + 5 * MIN + 1 }))), 'expired');
    assert.equal(reasonOf(verifyUcsSsoToken(token, options({ now: NOW - 5 * MIN - 1 }))), 'not_yet_valid');
  });

  test('the skew window is configurable', () => {
    const token = specToken('u', '1736931600');
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ now: NOW + 61_000, skewMs: 60_000 }))),
      'expired',
    );
  });

  test('a token works once: using it again is a replay', () => {
    const cache = new InMemoryReplayCache();
    const token = specToken('u', '1736931600');
    assert.equal(verifyUcsSsoToken(token, options({ replayCache: cache })).ok, true);
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ replayCache: cache, now: NOW + 1000 }))),
      'replayed',
    );
  });

  test('a token refused for another reason is not used up', () => {
    const cache = new InMemoryReplayCache();
    const token = specToken('u', '1736931600');
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ replayCache: cache, secret: 'wrong' }))),
      'bad_digest',
    );
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ replayCache: cache, username: 'v' }))),
      'username_mismatch',
    );
    assert.equal(cache.size, 0);
    assert.equal(verifyUcsSsoToken(token, options({ replayCache: cache })).ok, true);
  });

  test('a timestamp of another width is refused: milliseconds, yyyyMMddHHmmss, 9 digits', () => {
    for (const timestamp of ['1736931600000', '20250115090000', '173693160', '0173693160']) {
      const token = specToken('alice', timestamp);
      assert.equal(
        reasonOf(verifyUcsSsoToken(token, options({ username: 'alice' }))),
        'bad_timestamp',
        timestamp,
      );
      // Without the username to split by, such a token still never verifies.
      assert.equal(verifyUcsSsoToken(token, options()).ok, false, timestamp);
    }
  });

  test('a timestamp that is not digits is refused', () => {
    assert.equal(reasonOf(verifyUcsSsoToken(specToken('alice', '17369316x0'), options())), 'bad_timestamp');
    assert.equal(reasonOf(verifyUcsSsoToken(specToken('alice', '1736931600 '), options())), 'bad_timestamp');
  });

  test('a hex digest instead of the binary one does not verify', () => {
    const token = specToken('alice', '1736931600', SECRET, true);
    assert.equal(verifyUcsSsoToken(token, options()).ok, false);
    assert.equal(reasonOf(verifyUcsSsoToken(token, options({ username: 'alice' }))), 'username_mismatch');
  });

  test('a wrong secret or any changed digest byte is a bad digest', () => {
    assert.equal(reasonOf(verifyUcsSsoToken(specToken('u', '1736931600', 'other'), options())), 'bad_digest');
    const bytes = Buffer.from(specToken('u', '1736931600'), 'base64');
    bytes[7]! ^= 1;
    assert.equal(reasonOf(verifyUcsSsoToken(bytes.toString('base64'), options())), 'bad_digest');
  });

  test('a token for another user than the one logging in is refused', () => {
    assert.equal(
      reasonOf(verifyUcsSsoToken(specToken('bob', '1736931600'), options({ username: 'alice' }))),
      'username_mismatch',
    );
    assert.equal(
      reasonOf(verifyUcsSsoToken(specToken('bob', '1736931600'), options({ username: 'bo' }))),
      'username_mismatch',
    );
  });

  test('anything but canonical padded base64 is malformed', () => {
    const token = specToken('u', '1736931600');
    for (const bad of [
      'not base64!',
      token.replace(/=+$/, ''),
      `${token}=`,
      ` ${token}`,
      token.replaceAll('+', '-'),
      42,
    ]) {
      if (bad === token) continue;
      assert.equal(reasonOf(verifyUcsSsoToken(bad, options())), 'malformed_base64', String(bad));
    }
    // 31 bytes: the last character carries 4 unused bits; setting one is another spelling.
    const short = specToken('u', '1736931600');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const body = short.replace(/=+$/, '');
    const sibling = `${body.slice(0, -1)}${alphabet[alphabet.indexOf(body.at(-1)!) ^ 1]}${short.slice(body.length)}`;
    assert.deepEqual(
      Buffer.from(sibling, 'base64'),
      Buffer.from(short, 'base64'),
      'a lenient decoder sees the same bytes',
    );
    assert.equal(reasonOf(verifyUcsSsoToken(sibling, options())), 'malformed_base64');
  });

  test('too few or too many bytes is the wrong length', () => {
    assert.equal(reasonOf(verifyUcsSsoToken(Buffer.alloc(30).toString('base64'), options())), 'wrong_length');
    assert.equal(reasonOf(verifyUcsSsoToken('', options())), 'wrong_length');
    assert.equal(
      reasonOf(verifyUcsSsoToken(specToken('x'.repeat(257), '1736931600'), options())),
      'wrong_length',
    );
    assert.equal(reasonOf(verifyUcsSsoToken('A'.repeat(10_000), options())), 'wrong_length');
  });

  test('a username that is not valid UTF-8 text is refused even with a correct digest', () => {
    const salt = Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from('1736931600')]);
    const digest = createHash('sha1').update(SECRET).update(salt).digest();
    const token = Buffer.concat([digest, salt]).toString('base64');
    assert.equal(reasonOf(verifyUcsSsoToken(token, options())), 'bad_username');
    assert.equal(reasonOf(verifyUcsSsoToken(specToken('a\nb', '1736931600'), options())), 'bad_username');
  });

  test('with an empty secret every token is refused, even one whose digest matches it', () => {
    const result = verifyUcsSsoToken(specToken('u', '1736931600', ''), options({ secret: '' }));
    assert.equal(!result.ok && result.error.code, 'unavailable');
  });

  test('createUcsSsoToken refuses what no verifier would accept', () => {
    for (const input of [
      { secret: SECRET, username: '', now: NOW },
      { secret: SECRET, username: 'x'.repeat(257), now: NOW },
      { secret: '', username: 'u', now: NOW },
      { secret: SECRET, username: 'u', now: 999_999_999_000 }, // 9 digits of seconds
      { secret: SECRET, username: 'u', now: Number.NaN },
    ]) {
      const result = createUcsSsoToken(input);
      assert.equal(result.ok || result.error.code, 'invalid_argument');
    }
  });
});

describe('UCS SSO replay cache', () => {
  test('an entry is kept until its token would have expired anyway, then dropped', () => {
    const cache = new InMemoryReplayCache();
    const token = specToken('u', '1736931600');
    assert.equal(verifyUcsSsoToken(token, options({ replayCache: cache })).ok, true);
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ replayCache: cache, now: NOW + 5 * MIN }))),
      'replayed',
    );
    assert.equal(
      reasonOf(verifyUcsSsoToken(token, options({ replayCache: cache, now: NOW + 5 * MIN + 1 }))),
      'expired',
    );
    cache.remember('other', NOW + 20 * MIN, NOW + 10 * MIN);
    assert.equal(cache.size, 1, 'the expired entry was swept');
  });

  test('a full cache refuses new tokens as unavailable rather than forgetting used ones', () => {
    const cache = new InMemoryReplayCache(3);
    for (const user of ['a', 'b', 'c']) {
      assert.equal(
        verifyUcsSsoToken(specToken(user, '1736931600'), options({ replayCache: cache })).ok,
        true,
      );
    }
    const refused = verifyUcsSsoToken(specToken('d', '1736931600'), options({ replayCache: cache }));
    assert.equal(!refused.ok && refused.error.code, 'unavailable');
    assert.equal(!refused.ok && refused.error.details.reason, 'replay_cache_full');
    assert.equal(
      reasonOf(verifyUcsSsoToken(specToken('a', '1736931600'), options({ replayCache: cache }))),
      'replayed',
    );
    // Once the remembered tokens have expired there is room again.
    const later = specToken('d', '1736932300');
    assert.equal(verifyUcsSsoToken(later, options({ replayCache: cache, now: NOW + 700_000 })).ok, true);
  });

  test('memory stays bounded under a steady stream of logins', () => {
    const cache = new InMemoryReplayCache(1000);
    // One login a second, each remembered for 10 minutes: 600 live entries at any time.
    for (let i = 0; i < 20_000; i++) {
      assert.equal(cache.remember(`k${i}`, NOW + i * 1000 + 10 * MIN, NOW + i * 1000), 'fresh');
    }
    assert.ok(cache.size <= 1000, `size ${cache.size}`);
  });
});
