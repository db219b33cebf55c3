import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseAuthHeader } from './auth-header.ts';
import {
  buildDigestChallenges,
  type DigestSecret,
  type DigestServerOptions,
  verifyDigestAuthorization,
} from './digest-auth.ts';
import { computeDigestAuthorization } from './digest-client.ts';
import { computeHa1 } from './digest-hash.ts';
import { createNonce, readNonce } from './digest-nonce.ts';
import { NonceCountTracker } from './nonce-count-tracker.ts';

const T0 = 1_700_000_000_000;
const SERVER: DigestServerOptions = { realm: 'switchboard.example', secret: 'k3y', nonceLifetimeMs: 60_000 };
const USERS: Record<string, DigestSecret> = {
  alice: { password: 'wonderland' },
  bob: { ha1: { MD5: computeHa1('MD5', 'bob', 'switchboard.example', 'builder') } },
};
const lookup = (username: string) => USERS[username];
function countingRandom(): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => Uint8Array.from({ length: size }, () => counter++ % 256);
}
const random = countingRandom();

function challenges(now = T0, stale = false): string[] {
  return buildDigestChallenges(SERVER, now, stale, random);
}

function answer(challenge: string, username: string, password: string, nc = 1, method = 'REGISTER'): string {
  const r = computeDigestAuthorization({
    challenge,
    method,
    uri: 'sip:switchboard.example',
    username,
    password,
    cnonce: 'c0ffee',
    nc,
  });
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

function verify(
  header: string | undefined,
  tracker = new NonceCountTracker({ maxNonces: 100 }),
  now = T0,
  method = 'REGISTER',
) {
  return verifyDigestAuthorization(SERVER, { header, method, now, lookup, tracker });
}

describe('digest challenges', () => {
  test('SHA-256 is offered before MD5, both with qop=auth and the same self-validating nonce', () => {
    const [sha, md5] = challenges();
    const a = parseAuthHeader(sha ?? '');
    const b = parseAuthHeader(md5 ?? '');
    assert.ok(a.ok && b.ok);
    assert.deepEqual(
      [
        a.value.scheme,
        a.value.params.get('algorithm'),
        a.value.params.get('qop'),
        a.value.params.get('realm'),
      ],
      ['Digest', 'SHA-256', 'auth', 'switchboard.example'],
    );
    assert.equal(b.value.params.get('algorithm'), 'MD5');
    assert.equal(a.value.params.get('nonce'), b.value.params.get('nonce'));
    assert.equal(readNonce('k3y', a.value.params.get('nonce') ?? ''), T0);
    assert.equal(a.value.params.has('stale'), false);
    assert.match(challenges(T0, true)[0] ?? '', /stale=true/);
  });
});

describe('verifying an Authorization', () => {
  test('the right password is authorized with either algorithm, and with a stored H(A1)', () => {
    const [sha, md5] = challenges();
    assert.deepEqual(verify(answer(sha ?? '', 'alice', 'wonderland')), {
      outcome: 'authorized',
      username: 'alice',
      algorithm: 'SHA-256',
    });
    assert.deepEqual(verify(answer(md5 ?? '', 'alice', 'wonderland')), {
      outcome: 'authorized',
      username: 'alice',
      algorithm: 'MD5',
    });
    assert.equal(verify(answer(md5 ?? '', 'bob', 'builder')).outcome, 'authorized');
  });

  test('an unknown user gets exactly the answer a wrong password gets', () => {
    const [sha] = challenges();
    const wrongPassword = verify(answer(sha ?? '', 'alice', 'looking-glass'));
    const unknownUser = verify(answer(sha ?? '', 'mallory', 'looking-glass'));
    assert.deepEqual(wrongPassword, { outcome: 'challenge', stale: false });
    assert.deepEqual(unknownUser, wrongPassword);
    // A stored H(A1) for another algorithm is no H(A1) at all.
    assert.deepEqual(verify(answer(sha ?? '', 'bob', 'builder')), wrongPassword);
  });

  test('a correct digest on an expired nonce earns stale=true; a wrong one on it does not', () => {
    const [sha] = challenges();
    const later = T0 + SERVER.nonceLifetimeMs + 1;
    assert.deepEqual(verify(answer(sha ?? '', 'alice', 'wonderland'), undefined, later), {
      outcome: 'challenge',
      stale: true,
    });
    assert.deepEqual(verify(answer(sha ?? '', 'alice', 'nope'), undefined, later), {
      outcome: 'challenge',
      stale: false,
    });
  });

  test('each nonce-count may be used once and must grow', () => {
    const tracker = new NonceCountTracker({ maxNonces: 10 });
    const [sha] = challenges();
    assert.equal(verify(answer(sha ?? '', 'alice', 'wonderland', 1), tracker).outcome, 'authorized');
    assert.deepEqual(verify(answer(sha ?? '', 'alice', 'wonderland', 1), tracker), {
      outcome: 'challenge',
      stale: true,
    });
    assert.equal(verify(answer(sha ?? '', 'alice', 'wonderland', 3), tracker).outcome, 'authorized');
    assert.deepEqual(verify(answer(sha ?? '', 'alice', 'wonderland', 2), tracker), {
      outcome: 'challenge',
      stale: true,
    });
  });

  test('the digest covers the method: a REGISTER answer does not authorize an INVITE', () => {
    const [sha] = challenges();
    assert.equal(
      verify(answer(sha ?? '', 'alice', 'wonderland'), undefined, T0, 'INVITE').outcome,
      'challenge',
    );
  });

  test('anything else is challenged afresh', () => {
    const [sha] = challenges();
    const good = answer(sha ?? '', 'alice', 'wonderland');
    const otherServer = buildDigestChallenges({ ...SERVER, secret: 'other' }, T0, false, random);
    const future = challenges(T0 + 3_600_000)[0] ?? '';
    for (const header of [
      undefined,
      '',
      'NoOneKnowsThisScheme opaque-data=here',
      'Basic YWxpY2U6d29uZGVybGFuZA==',
      'Digest username="alice"',
      good.replace('realm="switchboard.example"', 'realm="elsewhere"'),
      good.replace('qop=auth', 'qop=auth-int'),
      good.replace('algorithm=SHA-256', 'algorithm=SHA-256-sess'),
      good.replace(/nc=\w+/, 'nc=1'),
      good.replace(/nonce="[^"]+"/, 'nonce="forged"'),
      answer(otherServer[0] ?? '', 'alice', 'wonderland'),
      answer(future, 'alice', 'wonderland'),
      `${good}, garbage`,
    ]) {
      assert.deepEqual(verify(header), { outcome: 'challenge', stale: false }, header);
    }
  });
});

describe('nonces', () => {
  test('a nonce is recognised only in its own canonical spelling and under its own secret', () => {
    const nonce = createNonce('s', T0, new Uint8Array(8).fill(7));
    assert.equal(readNonce('s', nonce), T0);
    assert.equal(readNonce('t', nonce), undefined);
    assert.equal(readNonce('s', `${nonce}=`), undefined);
    assert.equal(readNonce('s', nonce.slice(1)), undefined);
    const flipped = (nonce.charAt(3) === 'A' ? 'B' : 'A') as string;
    assert.equal(readNonce('s', nonce.slice(0, 3) + flipped + nonce.slice(4)), undefined);
    assert.notEqual(createNonce('s', T0, new Uint8Array(8).fill(8)), nonce);
  });

  test('the nonce-count tracker stays within its bound and forgets safely', () => {
    const tracker = new NonceCountTracker({ maxNonces: 3 });
    for (let i = 0; i < 5; i++) assert.equal(tracker.accept(`n${i}`, T0 + i, 1), 'ok');
    assert.equal(tracker.size, 3);
    // n0 and n1 were evicted: they, and any unseen nonce as old, are forgotten rather than re-accepted.
    assert.equal(tracker.accept('n0', T0, 2), 'forgotten');
    assert.equal(tracker.accept('unseen', T0 + 1, 1), 'forgotten');
    assert.equal(tracker.accept('n4', T0 + 4, 1), 'replay');
    assert.equal(tracker.accept('n4', T0 + 4, 2), 'ok');
    assert.equal(tracker.accept('fresh', T0 + 10, 0), 'replay');
    assert.equal(tracker.accept('fresh', T0 + 10, 1), 'ok');
  });
});

describe('hostile Authorization headers', () => {
  test('a mangled Authorization never throws and is authorized only if its parameters are untouched', () => {
    const [sha] = challenges();
    const good = answer(sha ?? '', 'alice', 'wonderland');
    const goodParams = parseAuthHeader(good);
    assert.ok(goodParams.ok);
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 8 }), fc.nat({ max: 3 }), (at, text, drop) => {
        const i = at % (good.length + 1);
        const mangled = good.slice(0, i) + text + good.slice(Math.min(good.length, i + drop));
        const verdict = verify(mangled);
        if (verdict.outcome === 'authorized') {
          const params = parseAuthHeader(mangled);
          assert.ok(params.ok);
          // Hex digits and algorithm names are case-insensitive; nothing else of the digest may differ.
          // A parameter the digest does not know may be added (RFC 7616 §3.4: unknown ones are ignored).
          const known = new Set(goodParams.value.params.keys());
          const normalized = (m: ReadonlyMap<string, string>) =>
            new Map(
              [...m]
                .filter(([k]) => known.has(k))
                .map(([k, v]) => [k, k === 'response' || k === 'algorithm' ? v.toLowerCase() : v]),
            );
          assert.deepEqual(normalized(params.value.params), normalized(goodParams.value.params));
        } else {
          assert.equal(verdict.outcome, 'challenge');
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 10000) },
    );
  });
});
