import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, test } from 'node:test';
import { headerValue, type SipMessage } from './message.ts';
import { formatNameAddr } from './name-addr.ts';
import { parseSipMessage } from './parse-message.ts';
import { encodeSipMessage, serializeSipMessage } from './serialize.ts';
import { loadTorture, tortureNames } from './torture-element.ts';
import { formatVia } from './via.ts';

function parse(input: string | Uint8Array, transport: 'datagram' | 'stream' = 'datagram'): SipMessage {
  const r = parseSipMessage(input, { transport });
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

const accepted = tortureNames().filter((name) => parseSipMessage(loadTorture(name)).ok);

describe('serializing', () => {
  test('every accepted torture message survives encode → parse unchanged (bytes exact, stream framing)', () => {
    assert.ok(accepted.length >= 25);
    for (const name of accepted) {
      const first = parse(loadTorture(name));
      const again = parse(encodeSipMessage(first), 'stream');
      assert.deepEqual(again, { ...first, contentLength: first.body.length, headers: again.headers }, name);
      assert.equal(again.headers.filter((h) => h.name === 'Content-Length').length, 1, name);
    }
  });

  test('every accepted torture message with a UTF-8 body survives serialize → parse', () => {
    for (const name of accepted.filter((n) => n !== 'mpart01')) {
      const first = parse(loadTorture(name));
      const again = parse(serializeSipMessage(first), 'stream');
      assert.deepEqual(again.via, first.via, name);
      assert.deepEqual(again.from, first.from, name);
      assert.deepEqual(Buffer.from(again.body), Buffer.from(first.body), name);
      assert.equal(
        again.headers.length,
        first.headers.length + (first.contentLength === undefined ? 1 : 0),
        name,
      );
    }
  });

  test('Content-Length is recomputed for the body written, replacing stale and compact ones', () => {
    const out = serializeSipMessage({
      kind: 'response',
      status: 200,
      reason: 'OK',
      headers: [
        { name: 'Via', value: 'SIP/2.0/UDP h.example.com;branch=z9hG4bK1' },
        { name: 'l', value: '999' },
        { name: 'Content-Length', value: '5' },
      ],
      body: 'ünïcode',
    });
    assert.match(out, /^SIP\/2\.0 200 OK\r\nVia: [^\r]+\r\nContent-Length: 9\r\n\r\nünïcode$/);
  });

  test('a line break inside a value, reason or URI can never start a new header', () => {
    const out = serializeSipMessage({
      kind: 'request',
      method: 'OPTIONS',
      uri: 'sip:a@b.com\r\nX-Evil: 1',
      headers: [
        { name: 'Subject', value: 'hi\r\nX-Injected: yes' },
        { name: 'Bad\r\nName', value: 'v' },
      ],
    });
    assert.ok(!/\r\nX-(Evil|Injected)/.test(out));
    assert.equal(out.split('\r\n').length, 6);
  });

  test('a request built from typed parts parses back into the same parts', () => {
    const template = parse(loadTorture('wsinv'));
    assert.equal(template.kind, 'request');
    const via = template.via[1];
    assert.ok(via);
    const out = serializeSipMessage({
      kind: 'request',
      method: 'OPTIONS',
      uri: 'sip:bob@example.com',
      headers: [
        { name: 'Via', value: formatVia(via) },
        { name: 'From', value: formatNameAddr(template.from) },
        { name: 'To', value: formatNameAddr(template.to) },
        { name: 'Call-ID', value: 'x@y' },
        { name: 'CSeq', value: '1 OPTIONS' },
        { name: 'Max-Forwards', value: '70' },
      ],
    });
    const m = parse(out, 'stream');
    assert.deepEqual(m.via[0], via);
    assert.deepEqual(m.from, template.from);
    assert.deepEqual(m.to, template.to);
    assert.equal(headerValue(m, 'Content-Length'), '0');
  });
});
