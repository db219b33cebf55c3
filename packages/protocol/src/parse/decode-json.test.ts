import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeJson, utf8Length } from './decode-json.ts';
import type { InputLimits } from './limits.ts';

const LIMITS: InputLimits = { maxBytes: 64, maxDepth: 4 };

function reason(input: string | Uint8Array, limits = LIMITS): unknown {
  const out = decodeJson(input, limits);
  return out.kind === 'value' ? 'value' : out.error.details.reason;
}

describe('decodeJson', () => {
  test('well-formed JSON within the limits is the parsed value', () => {
    assert.deepEqual(decodeJson('{"a":[1,"é"]}', LIMITS), { kind: 'value', value: { a: [1, 'é'] } });
    const bytes = new TextEncoder().encode('{"a":"€"}');
    assert.deepEqual(decodeJson(bytes, LIMITS), { kind: 'value', value: { a: '€' } });
  });

  test('an input over maxBytes is oversize with payload_too_large, measured in UTF-8 bytes', () => {
    const at = '"' + 'x'.repeat(62) + '"'; // 64 bytes: at the limit
    assert.equal(reason(at), 'value');
    const over = decodeJson('"' + 'x'.repeat(63) + '"', LIMITS);
    assert.equal(over.kind, 'oversize');
    assert.equal(over.kind === 'oversize' && over.error.code, 'payload_too_large');
    // 22 euro signs are 66 bytes of UTF-8 but only 24 UTF-16 units with the quotes.
    assert.equal(decodeJson(`"${'€'.repeat(22)}"`, LIMITS).kind, 'oversize');
    assert.equal(decodeJson(new Uint8Array(65).fill(0x20), LIMITS).kind, 'oversize');
  });

  test('bytes that are not UTF-8 are bad_utf8', () => {
    assert.equal(reason(new Uint8Array([0x22, 0xff, 0x22])), 'bad_utf8');
    assert.equal(reason(new Uint8Array([0x22, 0xc3, 0x22])), 'bad_utf8', 'a truncated sequence');
    assert.equal(reason(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22])), 'bad_utf8', 'an encoded surrogate');
  });

  test('a lone surrogate, raw or escaped, in a value or a key, is bad_utf8', () => {
    assert.equal(reason('"\ud800"'), 'bad_utf8');
    assert.equal(reason('"\\ud800"'), 'bad_utf8');
    assert.equal(reason('{"\\udc00":1}'), 'bad_utf8');
    assert.equal(reason('"\\ud83d\\ude00"'), 'value', 'an escaped pair is a real character');
  });

  test('text that is not JSON is bad_json', () => {
    for (const text of ['', '{', '{"a":1,}', "{'a':1}", 'NaN', '01', '[1] [2]']) {
      assert.equal(reason(text), 'bad_json', JSON.stringify(text));
    }
  });

  test('nesting deeper than maxDepth is too_deep and names where', () => {
    assert.equal(reason('[[[[1]]]]'), 'value');
    const out = decodeJson('{"a":[[[[1]]]]}', LIMITS);
    assert.equal(out.kind === 'error' && out.error.details.reason, 'too_deep');
    assert.equal(out.kind === 'error' && out.error.details.path, '/a/0/0/0');
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.equal(reason(deep, { maxBytes: 1e6, maxDepth: 32 }), 'too_deep');
  });

  test('a __proto__ key anywhere is refused', () => {
    assert.equal(reason('{"__proto__":{"x":1}}'), 'forbidden_key');
    assert.equal(reason('{"a":[{"__proto__":1}]}'), 'forbidden_key');
  });
});

describe('utf8Length', () => {
  test('equals the length TextEncoder produces, for any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        assert.equal(utf8Length(text), new TextEncoder().encode(text).byteLength);
      }),
      { numRuns: 2000 },
    );
  });

  test('counts a lone surrogate as the 3 bytes of U+FFFD it would be sent as', () => {
    assert.equal(utf8Length('\ud800'), 3);
    assert.equal(utf8Length('a\udc00b'), 5);
  });
});
