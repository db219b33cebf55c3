// Property tests: no input an attacker can send (random bytes, random text, or a genuine
// token with any edit applied) is accepted by a verifier it was not made for, and no input
// makes a verifier throw. Cheap scrypt parameters keep 10,000 runs per property fast.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import fc from 'fast-check';
import { createAccessTokenKeyRing } from './access-token-keys.ts';
import { signAccessToken, verifyAccessToken } from './access-token.ts';
import { InMemoryRefreshTokenStore } from './in-memory-refresh-token-store.ts';
import { hashPassword, type ScryptParams, verifyPassword } from './password-hash.ts';
import type { Principal } from './principal.ts';
import { RefreshTokens } from './refresh-tokens.ts';
import { InMemoryReplayCache } from './ucs-sso-replay-cache.ts';
import { createUcsSsoToken, verifyUcsSsoToken } from './ucs-sso-token.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);
const NOW = Date.UTC(2025, 0, 15, 9, 0, 0);
const CHEAP: ScryptParams = { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 };
const KEYS = unwrap(createAccessTokenKeyRing('k1', { k1: Buffer.alloc(32, 3), k2: Buffer.alloc(32, 4) }));
const SSO_SECRET = 'property-secret';

type Edit =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'flipByte'; at: number; mask: number };

const tokenChars = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.$ \n\u0000é',
);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), char: tokenChars }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flipByte' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
);
const editsArb = fc.array(editArb, { minLength: 1, maxLength: 4 });

/**
 * Applies edits to a token's text. 'flipByte' edits the decoded bytes of one base64(url)
 * segment and re-encodes it, so the result is well-formed and must be caught by the
 * signature or digest check rather than by the parser.
 */
function applyEdits(
  token: string,
  edits: readonly Edit[],
  encoding: 'base64' | 'base64url',
  separator: string,
): string {
  let text = token;
  for (const edit of edits) {
    const at = edit.at % (text.length + 1);
    if (edit.kind === 'replace') text = text.slice(0, at) + edit.char + text.slice(at + 1);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.char + text.slice(at);
    else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
    else if (edit.kind === 'truncate') text = text.slice(0, at);
    else {
      const segments = separator === '' ? [text] : text.split(separator);
      const index = edit.at % segments.length;
      const bytes = Buffer.from(segments[index]!, encoding);
      if (bytes.length === 0) continue;
      bytes[(edit.at >> 3) % bytes.length]! ^= edit.mask;
      segments[index] = bytes.toString(encoding);
      text = segments.join(separator);
    }
  }
  return text;
}

const principalArb: fc.Arbitrary<Principal> = fc.oneof(
  fc.record({
    userId: fc.string({ minLength: 1, maxLength: 20 }),
    role: fc.constantFrom('admin' as const, 'agent' as const),
  }),
  fc.record({
    userId: fc.string({ minLength: 1, maxLength: 20 }),
    role: fc.constant('supervisor' as const),
    scope: fc.record({
      queues: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
      agentGroups: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
    }),
  }),
);

const junkArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64')),
  fc
    .array(fc.uint8Array({ maxLength: 120 }), { minLength: 3, maxLength: 3 })
    .map((parts) => parts.map((p) => Buffer.from(p).toString('base64url')).join('.')),
  fc.anything(),
);

describe('no forged or mutated token verifies, and no input throws', () => {
  test('random input never verifies as an access token', () => {
    fc.assert(
      fc.property(junkArb, (junk) => {
        assert.equal(verifyAccessToken(junk, { keys: KEYS, now: NOW }).ok, false);
      }),
      { numRuns },
    );
  });

  test('an edited access token never verifies', () => {
    fc.assert(
      fc.property(principalArb, editsArb, (principal, edits) => {
        const { token } = unwrap(signAccessToken(principal, { keys: KEYS, now: NOW }));
        const edited = applyEdits(token, edits, 'base64url', '.');
        fc.pre(edited !== token);
        assert.equal(verifyAccessToken(edited, { keys: KEYS, now: NOW }).ok, false);
      }),
      { numRuns },
    );
  });

  test('random input never verifies as a UCS SSO token', () => {
    fc.assert(
      fc.property(junkArb, fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), (junk, username) => {
        const result = verifyUcsSsoToken(junk, {
          secret: SSO_SECRET,
          now: NOW,
          replayCache: new InMemoryReplayCache(),
          ...(username === undefined ? {} : { username }),
        });
        assert.equal(result.ok, false);
      }),
      { numRuns },
    );
  });

  test('an edited UCS SSO token never verifies', () => {
    // Control characters are refused by createUcsSsoToken itself, so they are left out here.
    const usernameArb = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((u) => [...u].every((c) => c.charCodeAt(0) >= 0x20 && c !== '\x7f'));
    fc.assert(
      fc.property(usernameArb, editsArb, fc.boolean(), (username, edits, withUsername) => {
        const token = unwrap(createUcsSsoToken({ secret: SSO_SECRET, username, now: NOW }));
        const edited = applyEdits(token, edits, 'base64', '');
        fc.pre(edited !== token);
        const result = verifyUcsSsoToken(edited, {
          secret: SSO_SECRET,
          now: NOW,
          replayCache: new InMemoryReplayCache(),
          ...(withUsername ? { username } : {}),
        });
        assert.equal(result.ok, false);
      }),
      { numRuns },
    );
  });

  test('random input or an edited refresh token never rotates', async () => {
    const tokens = new RefreshTokens(new InMemoryRefreshTokenStore());
    const genuine = await Promise.all(Array.from({ length: 16 }, (_, i) => tokens.issue(`u-${i}`, NOW)));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 15 }),
        editsArb,
        junkArb,
        fc.boolean(),
        async (which, edits, junk, useJunk) => {
          const token = genuine[which]!.token;
          const candidate = useJunk ? junk : applyEdits(token, edits, 'base64url', '');
          fc.pre(candidate !== token);
          assert.equal((await tokens.rotate(candidate, NOW + 1)).ok, false);
        },
      ),
      { numRuns },
    );
    // The genuine tokens were never spent by any candidate.
    for (const { token } of genuine) assert.equal((await tokens.rotate(token, NOW + 2)).ok, true);
  });

  test('an edited password hash never verifies the password, and random hashes never throw', async () => {
    const encoded = await hashPassword('the password', CHEAP);
    await fc.assert(
      fc.asyncProperty(editsArb, junkArb, fc.boolean(), async (edits, junk, useJunk) => {
        const candidate = useJunk ? junk : applyEdits(encoded, edits, 'base64url', '$');
        fc.pre(candidate !== encoded);
        assert.equal(await verifyPassword('the password', candidate), false);
      }),
      { numRuns },
    );
  });
});
