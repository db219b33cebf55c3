// The tricky fields of the RFC 4475 messages a parser must accept, read the way the RFC says.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, test } from 'node:test';
import { paramValue } from './header-params.ts';
import { headerValue, headerValues, type SipMessage } from './message.ts';
import { unescapePercent } from './percent-escapes.ts';
import { unquote } from './quoted-string.ts';
import { loadTorture, parseTorture } from './torture-element.ts';
import { addressOfRecord, uriEquals } from './uri-compare.ts';
import { parseUri, type SipUri, type Uri } from './uri.ts';
import { isRfc3261Branch } from './via.ts';

function sip(uri: Uri): SipUri {
  assert.equal(uri.kind, 'sip');
  return uri as SipUri;
}

function request(m: SipMessage) {
  assert.equal(m.kind, 'request');
  return m.kind === 'request' ? m : assert.fail('not a request');
}

describe('RFC 4475 §3.1.1 valid messages, field by field', () => {
  test('wsinv: folding, LWS around separators, compact names and leading zeros are all read', () => {
    const m = request(parseTorture('wsinv'));
    const uri = sip(m.uri);
    assert.deepEqual(
      [uri.user, uri.host, uri.params],
      ['vivekg', 'chair-dnrc.example.com', [{ name: 'unknownparam', value: undefined }]],
    );
    assert.equal(m.to.tag, '1918181833n');
    assert.equal(m.from.displayName, 'J Rosenberg \\"');
    assert.equal(m.from.tag, '98asjd8');
    assert.equal(m.maxForwards, 68);
    assert.deepEqual(m.cseq, { seq: 9, method: 'INVITE' });
    assert.deepEqual(
      m.via.map((v) => [v.transport, v.host, v.branch]),
      [
        ['UDP', '192.0.2.2', '390skdjuw'],
        ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
        ['UDP', '192.168.255.111', 'z9hG4bK30239'],
      ],
    );
    assert.equal(headerValue(m, 'Subject'), '');
    assert.equal(headerValue(m, 'NewFangledHeader'), 'newfangled value continued newfangled value');
    assert.equal(headerValue(m, 'UnknownHeaderWithUnusualValue'), ';;,,;;,;');
    const [contact] = m.contacts;
    assert.equal(contact?.displayName, 'Quoted string ""');
    assert.equal(contact?.q, 0.33);
    assert.equal(paramValue(contact?.params ?? [], 'newparam'), 'newvalue');
    assert.equal(paramValue(contact?.params ?? [], 'secondparam'), '');
    assert.deepEqual(
      sip(m.route[0]?.uri ?? assert.fail()).params.map((p) => p.name),
      ['lr', 'unknownwith', 'unknown-no-value'],
    );
    assert.equal(m.body.length, 150);
  });

  test('intmeth: every token character in method, URI, branch, tag, Call-ID and header name', () => {
    const m = request(parseTorture('intmeth'));
    assert.equal(m.method, "!interesting-Method0123456789_*+`.%indeed'~");
    assert.equal(m.cseq.method, m.method);
    const uri = sip(m.uri);
    assert.equal(uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    assert.equal(uri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    assert.equal(uri.host, 'example.com');
    assert.equal(m.via[0]?.branch, "z9hG4bK-.!%66*_+`'~");
    assert.equal(m.to.displayName, 'BEL:\x07 NUL:\x00 DEL:\x7f');
    assert.equal(m.from.displayName, "token1~` token2'+_ token3*%!.-");
    assert.equal(unquote(paramValue(m.from.params, "fromParam''~+*_!.-%") ?? ''), 'работающий');
    assert.equal(m.from.tag, "_token~1'+`*%!-.");
    assert.equal(m.callId, 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    assert.equal(m.maxForwards, 255);
    assert.equal(headerValue(m, "extensionHeader-!.%*+_`'~"), '\ufeff大停電');
  });

  test('esc01: %HH escapes are equivalent to the characters they encode, never unescaped twice', () => {
    const m = request(parseTorture('esc01'));
    assert.equal(unescapePercent(sip(m.uri).user ?? ''), 'sips:user@example.com');
    assert.equal(sip(m.uri).host, 'example.net');
    const plain = parseUri('sip:user@example.com');
    assert.ok(plain.ok && uriEquals(m.to.uri, plain.value));
    assert.equal(unescapePercent(sip(m.from.uri).user ?? ''), 'I have spaces');
    const params = sip(m.contacts[0]?.uri ?? assert.fail()).params;
    assert.deepEqual(
      params.map((p) => [
        unescapePercent(p.name),
        p.value === undefined ? undefined : unescapePercent(p.value),
      ]),
      [
        ['lr', undefined],
        ['name', 'value%41'],
      ],
    );
  });

  test('escnull: a %00 user part is kept whole and the two contacts stay distinct', () => {
    const m = request(parseTorture('escnull'));
    assert.equal(unescapePercent(sip(m.to.uri).user ?? ''), 'null-\0-null');
    const aors = m.contacts.map((c) => addressOfRecord(c.uri));
    assert.deepEqual(aors, ['sip:%00@host5.example.com', 'sip:%00%00@host5.example.com']);
  });

  test('esc02: % is no escape in a method, a display name, a branch or a header name', () => {
    const m = request(parseTorture('esc02'));
    assert.equal(m.method, 'RE%47IST%45R');
    assert.equal(m.to.displayName, '%Z%45');
    assert.equal(m.via[0]?.branch, 'z9hG4bK209%fzsnel234');
    assert.deepEqual(
      m.contacts.map((c) => sip(c.uri).user),
      ['alias1', 'alias3'],
    );
    assert.equal(headerValue(m, 'C%6Fntact'), '<sip:alias2@host2.example.com>');
  });

  test('lwsdisp: a display name directly followed by < is read', () => {
    assert.equal(parseTorture('lwsdisp').from.displayName, 'caller');
  });

  test('longreq: long names, values and 34 Via values are read in order', () => {
    const m = parseTorture('longreq');
    assert.match(m.to.displayName ?? '', /^I have a user name of (extreme){10} proportion$/);
    assert.equal(sip(m.to.uri).port, 6000);
    assert.equal(sip(m.to.uri).params.length, 3);
    assert.match(m.from.tag ?? '', /^1(298){40,}2424$/);
    assert.equal(m.from.params.length, 3);
    assert.equal(m.via.length, 34);
    assert.deepEqual(
      m.via.slice(0, 33).map((v) => v.host),
      Array.from({ length: 33 }, (_, i) => `sip${33 - i}.example.com`),
    );
    assert.equal(m.via[33]?.received, '192.0.2.5');
    assert.match(
      headerValues(
        m,
        'Unknown-LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong-Name',
      )[0] ?? '',
      /parameter-value$/,
    );
    assert.equal(m.body.length, 150);
  });

  test('dblreq: only the REGISTER is taken from the datagram, the trailing INVITE ignored', () => {
    const m = request(parseTorture('dblreq'));
    assert.equal(m.method, 'REGISTER');
    assert.equal(m.body.length, 0);
    assert.equal(m.callId, 'dblreq.0ha0isndaksdj99sdfafnl3lk233412');
  });

  test('semiuri: the user part is "user;par=u@example.net" and the Accept list has six types', () => {
    const m = request(parseTorture('semiuri'));
    assert.equal(unescapePercent(sip(m.uri).user ?? ''), 'user;par=u@example.net');
    assert.equal(sip(m.uri).host, 'example.com');
    assert.equal(sip(m.uri).params.length, 0);
    assert.deepEqual(
      m.accept?.map((a) => `${a.type}/${a.subtype}`),
      [
        'application/sdp',
        'application/pkcs7-mime',
        'multipart/mixed',
        'multipart/signed',
        'message/sip',
        'message/sipfrag',
      ],
    );
  });

  test('transports: every transport token is kept', () => {
    assert.deepEqual(
      parseTorture('transports').via.map((v) => v.transport),
      ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP'],
    );
  });

  test('mpart01: the binary multipart body is framed byte for byte', () => {
    const bytes = loadTorture('mpart01');
    const m = parseTorture('mpart01');
    assert.equal(m.body.length, 553);
    assert.deepEqual(Buffer.from(m.body), Buffer.from(bytes.subarray(bytes.length - 553)));
    assert.equal(m.contentType?.subtype, 'mixed');
    assert.equal(paramValue(m.contentType?.params ?? [], 'boundary'), '7a9cbec02ceef655');
    assert.equal(m.via[0]?.rport, true);
    assert.equal(m.via[0]?.port, 5070);
  });

  test('unreason and noreason: any UTF-8 reason phrase, or none', () => {
    const unreason = parseTorture('unreason');
    const noreason = parseTorture('noreason');
    assert.ok(unreason.kind === 'response' && noreason.kind === 'response');
    assert.equal(unreason.status, 200);
    assert.equal(unreason.reason, '= 2**3 * 5**2 но сто девяносто девять - простое');
    assert.equal(noreason.status, 100);
    assert.equal(noreason.reason, '');
  });
});

describe('RFC 4475 §3.2-3.4, the fields the element acts on', () => {
  test('badbranch: a bare magic cookie is not an RFC 3261 branch', () => {
    const branch = parseTorture('badbranch').via[0]?.branch;
    assert.equal(branch, 'z9hG4bK');
    assert.equal(isRfc3261Branch(branch), false);
    assert.equal(isRfc3261Branch('z9hG4bKkdjuw'), true);
  });

  test('cparam01/cparam02: unknownparam is a contact parameter outside <> and a URI parameter inside', () => {
    const outside = parseTorture('cparam01').contacts[0] ?? assert.fail();
    const inside = parseTorture('cparam02').contacts[0] ?? assert.fail();
    assert.deepEqual(sip(outside.uri).params, []);
    assert.equal(paramValue(outside.params, 'unknownparam'), '');
    assert.equal(paramValue(sip(inside.uri).params, 'unknownparam'), '');
    assert.deepEqual(inside.params, []);
  });

  test('regescrt: the escaped Route header stays in the Contact URI', () => {
    const contact = parseTorture('regescrt').contacts[0] ?? assert.fail();
    const [header] = sip(contact.uri).headers;
    assert.equal(header?.name, 'Route');
    assert.equal(unescapePercent(header?.value ?? ''), '<sip:sip.example.com>');
  });

  test('inv2543: no branch, no From tag, no Max-Forwards, and the body runs to the end of the datagram', () => {
    const bytes = loadTorture('inv2543');
    const m = parseTorture('inv2543');
    assert.equal(m.via[0]?.branch, undefined);
    assert.equal(m.from.tag, undefined);
    assert.equal(m.maxForwards, undefined);
    assert.equal(m.contentLength, undefined);
    const bodyStart = Buffer.from(bytes).indexOf('\r\n\r\n') + 4;
    assert.equal(m.body.length, bytes.length - bodyStart);
  });
});
