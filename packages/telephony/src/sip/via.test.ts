import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseAccept,
  parseBoundedInt,
  parseCSeq,
  parseMediaType,
  parseSipDate,
  parseTokenList,
} from './scalar-headers.ts';
import { formatVia, parseVia, type Via } from './via.ts';

function via(text: string): Via {
  const r = parseVia(text);
  if (!r.ok) assert.fail(`${text}: ${r.reason}`);
  return r.value;
}

describe('Via', () => {
  test('sent-by, branch, received, rport and maddr are read', () => {
    const v = via(
      'SIP/2.0/udp pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=224.2.0.1',
    );
    assert.deepEqual(
      [v.transport, v.host, v.port, v.branch, v.received, v.rport, v.maddr],
      ['UDP', 'pc33.atlanta.com', 5066, 'z9hG4bK776asdhds', '192.0.2.1', 5067, '224.2.0.1'],
    );
    assert.equal(via('SIP/2.0/TCP host;rport').rport, true);
    assert.equal(via('SIP/2.0/WSS [2001:db8::9] : 443 ; branch = z9hG4bKx').port, 443);
    assert.equal(via('SIP/2.0/UDP 192.0.2.1;received=2001:db8::1').received, '2001:db8::1');
  });

  test('malformed Via values are refused', () => {
    for (const bad of [
      'SIP/2.0/UDP',
      'SIP/2.0 UDP host',
      'SIP/3.0/UDP host',
      'HTTP/2.0/UDP host',
      'SIP/2.0/UDPhost',
      'SIP/2.0/UDP host:70000',
      'SIP/2.0/UDP host;;',
      'SIP/2.0/UDP host;branch=',
      'SIP/2.0/UDP host;rport=abc',
      'SIP/2.0/UDP ho st',
    ]) {
      assert.ok(!parseVia(bad).ok, bad);
    }
  });

  test('a formatted Via parses back to the same value', () => {
    const v = via('SIP / 2.0 / tls  h.example.com:5061 ; branch=z9hG4bKa ; rport');
    assert.equal(formatVia(v), 'SIP/2.0/TLS h.example.com:5061;branch=z9hG4bKa;rport');
    assert.deepEqual(via(formatVia(v)), v);
  });
});

describe('scalar headers', () => {
  test('numbers are bounded before conversion and accept leading zeros', () => {
    assert.equal(parseBoundedInt('0068', 255), 68);
    assert.equal(parseBoundedInt('256', 255), undefined);
    assert.equal(parseBoundedInt('-1', 255), undefined);
    assert.equal(parseBoundedInt('99999999999999999999999', 2 ** 32), undefined);
    assert.equal(parseBoundedInt('', 1), undefined);
  });

  test('CSeq holds a 32-bit number and a method token', () => {
    assert.deepEqual(parseCSeq('4294967295 INVITE'), {
      ok: true,
      value: { seq: 4294967295, method: 'INVITE' },
    });
    assert.ok(!parseCSeq('4294967296 INVITE').ok);
    assert.ok(!parseCSeq('1INVITE').ok);
    assert.ok(!parseCSeq('1 INVITE X').ok);
    assert.ok(!parseCSeq('INVITE').ok);
  });

  test('media types are lower-cased; wildcards only in Accept ranges', () => {
    const t = parseMediaType('Application/SDP ; charset=utf-8');
    assert.ok(t.ok);
    assert.deepEqual([t.value.type, t.value.subtype, t.value.params.length], ['application', 'sdp', 1]);
    assert.ok(!parseMediaType('*/*').ok);
    assert.ok(!parseMediaType('application').ok);
    const a = parseAccept('*/*, text/*;q=0.5');
    assert.ok(a.ok && a.value.length === 2);
    assert.ok(!parseAccept('*/sdp').ok);
    assert.deepEqual(parseAccept(''), { ok: true, value: [] });
  });

  test('token lists refuse empty elements', () => {
    assert.deepEqual(parseTokenList('100rel, timer'), { ok: true, value: ['100rel', 'timer'] });
    assert.ok(!parseTokenList('a,,b').ok);
  });

  test('Date must be an RFC 1123 date in GMT', () => {
    assert.deepEqual(parseSipDate('Sat, 15 Oct 2005 04:44:56 GMT'), {
      ok: true,
      value: Date.UTC(2005, 9, 15, 4, 44, 56),
    });
    for (const bad of [
      'Fri, 01 Jan 2010 16:00:00 EST',
      'Fri, 01 Jan 2010 16:00:00 UTC',
      'Fri, 1 Jan 2010 16:00:00 GMT',
      'Fri, 01 Foo 2010 16:00:00 GMT',
      'Fri, 01 Jan 2010 25:00:00 GMT',
    ]) {
      assert.ok(!parseSipDate(bad).ok, bad);
    }
  });
});
