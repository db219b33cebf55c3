import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSipMessage } from './parse-message.ts';
import { SipGuards } from './sip-guards.ts';
import { TokenBucketLimiter } from './token-bucket.ts';

test('a token bucket grants its burst at once, then one token per 1/rate seconds, and says how long to wait', () => {
  const bucket = new TokenBucketLimiter({ ratePerSecond: 4, burst: 3 });
  assert.deepEqual(
    [0, 0, 0].map(() => bucket.take('a', 0)),
    [0, 0, 0],
  );
  assert.equal(bucket.take('a', 0), 250);
  assert.equal(bucket.take('a', 250), 0);
  assert.equal(bucket.take('a', 300), 200);
  assert.equal(bucket.take('a', 10_000), 0, 'a long pause refills, but never beyond the burst');
  assert.equal(bucket.take('a', 10_000), 0);
  assert.equal(bucket.take('a', 10_000), 0);
  assert.ok(bucket.take('a', 10_000) > 0);
});

test('the bucket table forgets the least recently seen source past its bound', () => {
  const bucket = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 2 });
  bucket.take('a', 0);
  bucket.take('b', 0);
  bucket.take('c', 0);
  assert.equal(bucket.size, 2);
  assert.equal(bucket.take('a', 0), 0, 'a was forgotten and starts with a full bucket');
  assert.ok(bucket.take('c', 0) > 0, 'c is still remembered as spent');
});

test('Retry-After is the whole seconds until the source has a token again, at least 1', () => {
  const guards = new SipGuards({ rateLimit: { ratePerSecond: 0.25, burst: 1 } });
  assert.deepEqual(guards.admit('198.51.100.7', 0), { verdict: 'pass' });
  assert.deepEqual(guards.admit('198.51.100.7', 0), { verdict: 'reject', retryAfterSeconds: 4 });
});

test('scanners are recognised by User-Agent, case-insensitively; responses and other agents are not', () => {
  const guards = new SipGuards();
  const message = (ua: string, start = 'OPTIONS sip:a@b SIP/2.0') => {
    const parsed = parseSipMessage(
      `${start}\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nUser-Agent: ${ua}\r\n\r\n`,
    );
    assert.ok(parsed.ok);
    return parsed.value;
  };
  assert.equal(guards.isScanner(message('friendly-scanner')), true);
  assert.equal(guards.isScanner(message('SIPCLI/v1.8')), true);
  assert.equal(guards.isScanner(message('sipvicious')), true);
  assert.equal(guards.isScanner(message('Grandstream GXP2170')), false);
  assert.equal(guards.isScanner(message('friendly-scanner', 'SIP/2.0 200 OK')), false);
});
