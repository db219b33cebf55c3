import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapePercent, unescapePercent } from './percent-escapes.ts';
import { addressOfRecord, uriEquals } from './uri-compare.ts';
import { formatUri, parseUri, type Uri } from './uri.ts';

function uri(text: string): Uri {
  const r = parseUri(text);
  if (!r.ok) assert.fail(`${text}: ${r.reason}`);
  return r.value;
}

function refused(text: string): boolean {
  return !parseUri(text).ok;
}

describe('SIP and SIPS URIs', () => {
  test('every part of a full SIP URI is read', () => {
    assert.deepEqual(
      uri('sips:alice:pw@Atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent'),
      {
        kind: 'sip',
        scheme: 'sips',
        user: 'alice',
        password: 'pw',
        host: 'Atlanta.example.com',
        port: 5061,
        params: [
          { name: 'transport', value: 'tcp' },
          { name: 'lr', value: undefined },
        ],
        headers: [
          { name: 'subject', value: 'project%20x' },
          { name: 'priority', value: 'urgent' },
        ],
      },
    );
  });

  test('the scheme is case-insensitive and IPv4 and IPv6 hosts are accepted', () => {
    assert.equal(uri('SIP:bob@192.0.2.4').kind, 'sip');
    const v6 = uri('sip:[2001:db8::10]:5070');
    assert.ok(v6.kind === 'sip' && v6.host === '[2001:db8::10]' && v6.port === 5070);
  });

  test('a telephone-subscriber user part keeps its own parameters', () => {
    const u = uri('sip:+1-212-555-1212;phone-context=example.com@gw.example.com;user=phone');
    assert.ok(u.kind === 'sip');
    assert.equal(u.user, '+1-212-555-1212;phone-context=example.com');
    assert.deepEqual(u.params, [{ name: 'user', value: 'phone' }]);
  });

  test('malformed SIP URIs are refused', () => {
    for (const bad of [
      'sip:',
      'sip:@example.com',
      'sip:alice@',
      'sip:alice@exa mple.com',
      'sip:alice@example.com:99999',
      'sip:alice@example.com:5o60',
      'sip:alice@-bad-.com',
      'sip:alice@1234',
      'sip:alice@example.com;;lr',
      'sip:alice@example.com;lr=',
      'sip:alice@example.com?noequals',
      'sip:al%zzice@example.com',
      'sip:alice@[::1',
      '<sip:alice@example.com>',
      ' sip:alice@example.com',
    ]) {
      assert.ok(refused(bad), bad);
    }
  });
});

describe('tel and other URIs', () => {
  test('a tel URI keeps its number and parameters', () => {
    assert.deepEqual(uri('tel:+1-201-555-0123;ext=1234'), {
      kind: 'tel',
      scheme: 'tel',
      number: '+1-201-555-0123',
      params: [{ name: 'ext', value: '1234' }],
    });
    assert.ok(uri('tel:7042;phone-context=example.com').kind === 'tel');
    assert.ok(refused('tel:+'));
    assert.ok(refused('tel:12a+3'));
  });

  test('an unknown scheme is kept opaque instead of being refused', () => {
    assert.deepEqual(uri('soap.beep://192.0.2.103:3002'), {
      kind: 'other',
      scheme: 'soap.beep',
      opaque: '//192.0.2.103:3002',
    });
    assert.deepEqual(uri('isbn:2983792873'), { kind: 'other', scheme: 'isbn', opaque: '2983792873' });
    assert.ok(refused('1abc:x'));
    assert.ok(refused('urn:has space'));
  });

  test('formatting a parsed URI gives back the same text', () => {
    for (const text of [
      'sip:alice@example.com',
      'sips:a%20b:pw@[2001:db8::1]:5061;transport=tls;lr?h=v&x=',
      'tel:+1-201-555-0123;ext=1',
      'http://www.example.com/a?b',
    ]) {
      assert.equal(formatUri(uri(text)), text);
    }
  });
});

describe('URI comparison (RFC 3261 §19.1.4)', () => {
  test('escapes, host case and ignorable parameters do not make URIs differ', () => {
    assert.ok(
      uriEquals(uri('sip:%61lice@AtLanTa.CoM;Transport=UDP'), uri('sip:alice@atlanta.com;transport=udp')),
    );
    assert.ok(uriEquals(uri('sip:carol@chicago.com;newparam=5'), uri('sip:carol@chicago.com;security=on')));
  });

  test('user case, ports, transport and headers do', () => {
    assert.ok(!uriEquals(uri('sip:ALICE@atlanta.com'), uri('sip:alice@atlanta.com')));
    assert.ok(!uriEquals(uri('sip:bob@biloxi.com'), uri('sip:bob@biloxi.com:5060')));
    assert.ok(!uriEquals(uri('sip:bob@biloxi.com;transport=udp'), uri('sip:bob@biloxi.com')));
    assert.ok(!uriEquals(uri('sip:bob@biloxi.com?subject=a'), uri('sip:bob@biloxi.com')));
    assert.ok(!uriEquals(uri('sip:bob@biloxi.com'), uri('sips:bob@biloxi.com')));
  });

  test('the address-of-record drops parameters and headers and normalises escapes', () => {
    assert.equal(
      addressOfRecord(uri('sip:%75ser@Example.COM:5060;transport=tcp?x=y')),
      'sip:user@example.com:5060',
    );
    assert.equal(addressOfRecord(uri('sip:a%20b@example.com')), 'sip:a%20b@example.com');
    assert.equal(addressOfRecord(uri('tel:+123')), undefined);
  });
});

describe('percent escapes', () => {
  test('decoding is single-level, UTF-8 aware and never throws on malformed escapes', () => {
    assert.equal(unescapePercent('v%61lue%25%34%31'), 'value%41');
    assert.equal(unescapePercent('%C3%A9t%C3%A9'), 'été');
    assert.equal(unescapePercent('100%'), '100%');
    assert.equal(unescapePercent('%zz%4'), '%zz%4');
    assert.equal(unescapePercent('%FF'), '\ufffd');
  });

  test('encoding escapes exactly the characters not kept', () => {
    assert.equal(
      escapePercent('a b/é', (c) => /[a-z/]/.test(c)),
      'a%20b/%C3%A9',
    );
  });
});
