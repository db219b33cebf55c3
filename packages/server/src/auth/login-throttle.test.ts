import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result } from '@switchboard/core';
import { LoginThrottle } from './login-throttle.ts';
import { sourceAddressKey } from './source-address-key.ts';

const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;

function limited(result: Result<void>): { scope: unknown; retryAfterMs: unknown } {
  assert.equal(result.ok, false, 'expected rate_limited');
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.error.code, 'rate_limited');
  return { scope: result.error.details.scope, retryAfterMs: result.error.details.retryAfterMs };
}

/** n failed attempts by `user` from `source`, `stepMs` apart, starting at `from`. */
function fail(
  throttle: LoginThrottle,
  user: string,
  n: number,
  from: number,
  stepMs = SEC,
  source = '10.0.0.1',
) {
  for (let i = 0; i < n; i++)
    assert.equal(throttle.admit(user, source, from + i * stepMs).ok, true, `attempt ${i + 1}`);
}

describe('login throttle: per username', () => {
  test('five failures within 15 minutes lock the username for 15 minutes', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 5, T0);
    const at = T0 + 10 * SEC;
    assert.deepEqual(limited(throttle.admit('alice', '10.0.0.1', at)), {
      scope: 'username',
      retryAfterMs: T0 + 4 * SEC + 15 * MIN - at,
    });
  });

  test('the lock-out ends exactly when its 15 minutes are over', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 5, T0, 0);
    assert.equal(throttle.admit('alice', '10.0.0.1', T0 + 15 * MIN - 1).ok, false);
    assert.equal(throttle.admit('alice', '10.0.0.1', T0 + 15 * MIN).ok, true);
  });

  test('the lock is per username: others and other addresses are not affected by it', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 5, T0);
    assert.equal(throttle.admit('bob', '10.0.0.1', T0 + MIN).ok, true);
    assert.equal(limited(throttle.admit('alice', '192.0.2.9', T0 + MIN)).scope, 'username');
  });

  test('usernames differing only in case or Unicode form share one counter', () => {
    const throttle = new LoginThrottle();
    for (const [i, name] of ['Alice', 'ALICE', 'alice', 'ａｌｉｃｅ', 'aLiCe'].entries()) {
      assert.equal(throttle.admit(name, '10.0.0.1', T0 + i).ok, true);
    }
    assert.equal(limited(throttle.admit('alice', '10.0.0.1', T0 + 10)).scope, 'username');
  });

  test('failures older than the 15-minute window do not count', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 10, T0, 4 * MIN); // never five within 15 minutes
    assert.equal(throttle.admit('alice', '10.0.0.1', T0 + 41 * MIN).ok, true);
  });

  test('a successful login resets the username counter', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 4, T0);
    assert.equal(throttle.admit('alice', '10.0.0.1', T0 + 5 * SEC).ok, true);
    throttle.succeeded('alice', '10.0.0.1', T0 + 5 * SEC);
    fail(throttle, 'alice', 4, T0 + 6 * SEC);
    assert.equal(
      throttle.admit('alice', '10.0.0.1', T0 + 20 * SEC).ok,
      true,
      'the fifth failure since the success',
    );
  });

  test('a correct password on the attempt that would lock clears the lock', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 5, T0); // the 5th is still being checked when it is counted
    throttle.succeeded('alice', '10.0.0.1', T0 + 5 * SEC);
    assert.equal(throttle.admit('alice', '10.0.0.1', T0 + 6 * SEC).ok, true);
  });

  test('a lock-out soon after the previous one doubles, and a quiet spell starts over', () => {
    const throttle = new LoginThrottle();
    fail(throttle, 'alice', 5, T0, 0);
    fail(throttle, 'alice', 5, T0 + 15 * MIN, 0);
    assert.equal(limited(throttle.admit('alice', '10.0.0.1', T0 + 15 * MIN)).retryAfterMs, 30 * MIN);
    fail(throttle, 'alice', 5, T0 + 45 * MIN, 0);
    assert.equal(limited(throttle.admit('alice', '10.0.0.1', T0 + 45 * MIN)).retryAfterMs, 60 * MIN);
    // Quiet for more than the window after the lock ended: the next lock is back to 15 minutes.
    const later = T0 + 105 * MIN + 16 * MIN;
    fail(throttle, 'alice', 5, later, 0);
    assert.equal(limited(throttle.admit('alice', '10.0.0.1', later)).retryAfterMs, 15 * MIN);
  });

  test('the doubling stops at the maximum lock-out', () => {
    const throttle = new LoginThrottle({ maxLockoutMs: 40 * MIN });
    let now = T0;
    for (let lock = 0; lock < 4; lock++) {
      fail(throttle, 'alice', 5, now, 0);
      const { retryAfterMs } = limited(throttle.admit('alice', '10.0.0.1', now));
      assert.equal(retryAfterMs, Math.min(15 * MIN * 2 ** lock, 40 * MIN));
      now += retryAfterMs as number;
    }
  });

  test('no backoff when the factor is 1', () => {
    const throttle = new LoginThrottle({ lockoutBackoff: 1 });
    fail(throttle, 'alice', 5, T0, 0);
    fail(throttle, 'alice', 5, T0 + 15 * MIN, 0);
    assert.equal(limited(throttle.admit('alice', '10.0.0.1', T0 + 15 * MIN)).retryAfterMs, 15 * MIN);
  });
});

describe('login throttle: per address', () => {
  const spray = (throttle: LoginThrottle, n: number, now: number, source = '198.51.100.7') => {
    for (let i = 0; i < n; i++)
      assert.equal(throttle.admit(`user-${i}`, source, now).ok, true, `attempt ${i + 1}`);
  };

  test('one address may fail 30 times at once, then one more per 20 seconds', () => {
    const throttle = new LoginThrottle();
    spray(throttle, 30, T0);
    assert.deepEqual(limited(throttle.admit('someone', '198.51.100.7', T0)), {
      scope: 'address',
      retryAfterMs: 20 * SEC,
    });
    assert.equal(limited(throttle.admit('someone', '198.51.100.7', T0 + 5 * SEC)).retryAfterMs, 15 * SEC);
    assert.equal(throttle.admit('someone', '198.51.100.7', T0 + 20 * SEC).ok, true);
    assert.equal(throttle.admit('other', '198.51.100.7', T0 + 20 * SEC).ok, false);
  });

  test('successful logins give their token back, so a busy NAT of good agents is never limited', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 500; i++) {
      assert.equal(throttle.admit(`agent-${i}`, '203.0.113.1', T0 + i).ok, true);
      throttle.succeeded(`agent-${i}`, '203.0.113.1', T0 + i);
    }
  });

  test('other addresses have their own buckets', () => {
    const throttle = new LoginThrottle();
    spray(throttle, 30, T0);
    assert.equal(throttle.admit('someone', '198.51.100.8', T0).ok, true);
  });

  test('all addresses of one IPv6 /64 share a bucket, and IPv4-mapped IPv6 is the IPv4 address', () => {
    const throttle = new LoginThrottle({ addressBurst: 2 });
    assert.equal(throttle.admit('a', '2001:db8:1:2::1', T0).ok, true);
    assert.equal(throttle.admit('b', '2001:db8:1:2:ffff:1:2:3', T0).ok, true);
    assert.equal(limited(throttle.admit('c', '2001:db8:1:2::99', T0)).scope, 'address');
    assert.equal(throttle.admit('d', '2001:db8:1:3::1', T0).ok, true);
    assert.equal(throttle.admit('e', '192.0.2.1', T0).ok, true);
    assert.equal(throttle.admit('f', '::ffff:192.0.2.1', T0).ok, true);
    assert.equal(limited(throttle.admit('g', '::ffff:c000:201', T0)).scope, 'address');
  });
});

describe('login throttle: bounded memory', () => {
  test('a flood of distinct usernames and addresses stays within the configured bounds', () => {
    const throttle = new LoginThrottle({ maxTrackedUsernames: 1000, maxTrackedAddresses: 500 });
    for (let i = 0; i < 20_000; i++)
      throttle.admit(`user-${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T0 + i);
    const { usernames, addresses } = throttle.trackedCounts();
    assert.ok(usernames <= 1000, `usernames ${usernames}`);
    assert.ok(addresses <= 500, `addresses ${addresses}`);
  });

  test('a flood of new usernames does not evict a locked one', () => {
    const throttle = new LoginThrottle({ maxTrackedUsernames: 100, maxTrackedAddresses: 100 });
    fail(throttle, 'victim', 5, T0, 0, '10.9.9.9');
    for (let i = 0; i < 5000; i++) throttle.admit(`spray-${i}`, `10.1.${(i >> 8) & 255}.${i & 255}`, T0 + 1);
    assert.equal(limited(throttle.admit('victim', '10.2.2.2', T0 + 2)).scope, 'username');
  });

  test('entries that decide nothing any more are dropped first', () => {
    const throttle = new LoginThrottle({ maxTrackedUsernames: 10 });
    for (let i = 0; i < 10; i++) throttle.admit(`old-${i}`, '10.0.0.1', T0);
    throttle.admit('new', '10.0.0.2', T0 + 31 * MIN); // the old failures are out of the window
    assert.ok(throttle.trackedCounts().usernames <= 10);
    fail(throttle, 'new', 4, T0 + 31 * MIN + 1, 0, '10.0.0.3');
    assert.equal(
      limited(throttle.admit('new', '10.0.0.3', T0 + 32 * MIN)).scope,
      'username',
      'new kept its count',
    );
  });
});

describe('source address key', () => {
  test('normalises the spellings of one address and groups IPv6 by /64', () => {
    assert.equal(sourceAddressKey('192.0.2.1'), '192.0.2.1');
    assert.equal(sourceAddressKey(' 192.0.2.1 '), '192.0.2.1');
    assert.equal(sourceAddressKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(sourceAddressKey('[::FFFF:c000:0201]'), '192.0.2.1');
    assert.equal(sourceAddressKey('2001:DB8:0:0:1::1'), '2001:db8:0:0::/64');
    assert.equal(sourceAddressKey('2001:db8::1%eth0'), '2001:db8:0:0::/64');
    assert.equal(sourceAddressKey('::1'), '0:0:0:0::/64');
    assert.equal(sourceAddressKey('unix-socket'), 'other:unix-socket');
  });
});
