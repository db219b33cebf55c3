import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHeaderParams } from './header-params.ts';
import { formatNameAddr, type NameAddr, parseNameAddr } from './name-addr.ts';
import { quoteString, readQuotedString, unquote } from './quoted-string.ts';
import { splitTopLevelCommas } from './value-list.ts';

function addr(text: string): NameAddr {
  const r = parseNameAddr(text);
  if (!r.ok) assert.fail(`${text}: ${r.reason}`);
  return r.value;
}

describe('name-addr and addr-spec', () => {
  test('a quoted display name has its quoted-pairs resolved', () => {
    const a = addr('"Alice \\"A\\" Smith" <sip:alice@example.com>;tag=1928');
    assert.equal(a.displayName, 'Alice "A" Smith');
    assert.deepEqual(a.params, [{ name: 'tag', value: '1928' }]);
  });

  test('token display names are joined by single spaces', () => {
    assert.equal(addr('Alice   Smith <sip:alice@example.com>').displayName, 'Alice Smith');
    assert.equal(addr('<sip:alice@example.com>').displayName, undefined);
  });

  test('without <> the URI ends at the first ";" so the parameters belong to the header', () => {
    const a = addr('sip:alice@example.com;tag=x;expires=60');
    assert.ok(a.uri.kind === 'sip');
    assert.deepEqual(a.uri.params, []);
    assert.deepEqual(
      a.params.map((p) => p.name),
      ['tag', 'expires'],
    );
  });

  test('malformed addresses are refused', () => {
    for (const bad of [
      '',
      '"unterminated <sip:a@b.com>',
      '"quoted" sip:a@b.com',
      '<sip:a@b.com',
      '< sip:a@b.com >',
      'sip:a@b.com?x=y',
      '<sip:a@b.com>;;tag=1',
      '<sip:a@b.com> tag=1',
      'Bell, Alexander <sip:a@b.com>',
    ]) {
      assert.ok(!parseNameAddr(bad).ok, bad);
    }
  });

  test('formatting always brackets the URI and quotes the display name', () => {
    const a = addr('Alice <sip:alice@example.com;lr>;tag=9');
    assert.equal(formatNameAddr(a), '"Alice" <sip:alice@example.com;lr>;tag=9');
    assert.deepEqual(addr(formatNameAddr(a)), a);
    const tricky = { ...a, displayName: 'say "hi"\\ \r\nbye' };
    assert.equal(addr(formatNameAddr(tricky)).displayName, 'say "hi"\\   bye');
  });
});

describe('header parameters, quoted strings and lists', () => {
  test('LWS around ";" and "=" is allowed and quoted values keep their quotes', () => {
    const p = parseHeaderParams(' ; a = 1 ;b; c="x;y, z" ', 0);
    assert.ok(p.ok);
    assert.deepEqual(p.value, [
      { name: 'a', value: '1' },
      { name: 'b', value: undefined },
      { name: 'c', value: '"x;y, z"' },
    ]);
    assert.equal(unquote('"x;y, z"'), 'x;y, z');
    assert.equal(unquote('token'), 'token');
  });

  test('quoted strings round-trip whatever they contain except line breaks', () => {
    const text = 'a "b" \\c\td\x00';
    const q = readQuotedString(quoteString(text), 0);
    assert.ok(q.ok);
    assert.equal(q.value.text, text);
  });

  test('commas split a list only outside quotes and angle brackets', () => {
    assert.deepEqual(splitTopLevelCommas('"a, b" <sip:x@y.com;p=1,2>, c'), [
      '"a, b" <sip:x@y.com;p=1,2>',
      ' c',
    ]);
    assert.deepEqual(splitTopLevelCommas('"a\\", b", c'), ['"a\\", b"', ' c']);
    assert.deepEqual(splitTopLevelCommas('"open, forever'), ['"open, forever']);
  });
});
