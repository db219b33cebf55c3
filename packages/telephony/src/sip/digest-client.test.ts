import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAuthHeader } from './auth-header.ts';
import { computeDigestAuthorization, selectDigestChallenge } from './digest-client.ts';
import { computeDigestResponse, computeHa1 } from './digest-hash.ts';

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  method: 'GET',
  uri: '/dir/index.html',
};

function challenge(algorithm: string): string {
  return `Digest realm="${RFC7616.realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${RFC7616.nonce}", opaque="${RFC7616.opaque}"`;
}

describe('digest computations against the RFC examples', () => {
  test('RFC 7616 §3.9.1: MD5 and SHA-256 responses', () => {
    for (const [algorithm, expected] of [
      ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
      ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
    ] as const) {
      const ha1 = computeHa1(algorithm, RFC7616.username, RFC7616.realm, RFC7616.password);
      const response = computeDigestResponse({ algorithm, ha1, ...RFC7616, qop: 'auth', nc: '00000001' });
      assert.equal(response, expected, algorithm);
    }
  });

  test('RFC 2617 §3.5: the classic MD5 example', () => {
    const ha1 = computeHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life');
    const response = computeDigestResponse({
      algorithm: 'MD5',
      ha1,
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      method: 'GET',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
    });
    assert.equal(response, '6629fae49393a05397450978507c4ef1');
  });
});

describe('answering a challenge', () => {
  test('the Authorization for the RFC 7616 SHA-256 challenge carries the RFC response, qop=auth, nc and opaque', () => {
    const r = computeDigestAuthorization({ challenge: challenge('SHA-256'), ...RFC7616, nc: 1 });
    assert.ok(r.ok);
    const h = parseAuthHeader(r.value);
    assert.ok(h.ok);
    assert.equal(h.value.scheme, 'Digest');
    assert.deepEqual(Object.fromEntries(h.value.params), {
      username: 'Mufasa',
      realm: RFC7616.realm,
      nonce: RFC7616.nonce,
      uri: RFC7616.uri,
      response: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
      algorithm: 'SHA-256',
      cnonce: RFC7616.cnonce,
      qop: 'auth',
      nc: '00000001',
      opaque: RFC7616.opaque,
    });
  });

  test('a challenge without qop gets an RFC 2069 answer; one without auth or with an unknown algorithm is refused', () => {
    const plain = computeDigestAuthorization({ challenge: 'Digest realm="r", nonce="n"', ...RFC7616, nc: 1 });
    assert.ok(plain.ok && !plain.value.includes('qop=') && plain.value.includes('algorithm=MD5'));
    assert.ok(
      !computeDigestAuthorization({
        challenge: 'Digest realm="r", nonce="n", qop="auth-int"',
        ...RFC7616,
        nc: 1,
      }).ok,
    );
    assert.ok(!computeDigestAuthorization({ challenge: challenge('SHA-512-256'), ...RFC7616, nc: 1 }).ok);
    assert.ok(!computeDigestAuthorization({ challenge: 'Basic realm="r"', ...RFC7616, nc: 1 }).ok);
    assert.ok(!computeDigestAuthorization({ challenge: challenge('MD5'), ...RFC7616, nc: 0 }).ok);
  });

  test('of several challenges the first supported one is answered', () => {
    const values = ['Basic realm="r"', challenge('SHA-512-256'), challenge('SHA-256'), challenge('MD5')];
    assert.equal(selectDigestChallenge(values), challenge('SHA-256'));
    assert.equal(selectDigestChallenge(['Basic realm="r"']), undefined);
  });
});

describe('auth header syntax', () => {
  test('parameters are case-insensitive, quoted or bare, separated by commas with LWS', () => {
    const h = parseAuthHeader('Digest  Realm = "a, \\"b\\"" ,nonce=xyz,  qop="auth"');
    assert.ok(h.ok);
    assert.deepEqual(Object.fromEntries(h.value.params), { realm: 'a, "b"', nonce: 'xyz', qop: 'auth' });
    for (const bad of [
      '',
      'Digest realm',
      'Digest realm=',
      'Digest a=1 b=2',
      'Digest a=1, a=2',
      'Digest a="open',
    ]) {
      assert.ok(!parseAuthHeader(bad).ok, bad);
    }
  });
});
