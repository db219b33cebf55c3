import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { headerValue, headerValues, type SipMessage } from './message.ts';
import { parseSipMessage, type SipParseOptions } from './parse-message.ts';
import { sipDispositionOf } from './sip-failure.ts';

const BASE = [
  'INVITE sip:bob@biloxi.example.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.example.com>',
  'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.atlanta.example.com>',
];

function text(lines: readonly string[], body = ''): string {
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function accepted(input: string | Uint8Array, options?: SipParseOptions): SipMessage {
  const r = parseSipMessage(input, options);
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

function outcome(input: string | Uint8Array, options?: SipParseOptions) {
  return sipDispositionOf(parseSipMessage(input, options)) ?? 'accept';
}

function replace(name: string, line: string | undefined): string[] {
  const out = BASE.filter((l) => !l.startsWith(`${name}:`));
  return line === undefined ? out : [...out, line];
}

describe('header names', () => {
  test('compact forms and any letter case name the same header, stored in canonical spelling', () => {
    const m = accepted(
      text(
        [
          'MESSAGE sip:bob@example.com SIP/2.0',
          'v: SIP/2.0/TCP h.example.com;branch=z9hG4bK1',
          't: <sip:bob@example.com>',
          'f: <sip:al@example.com>;tag=1',
          'i: abc@h',
          'cSeQ: 1 MESSAGE',
          'm: <sip:al@h.example.com>',
          'k: 100rel',
          's: hello',
          'c: text/plain',
          'e: gzip',
          'o: presence',
          'r: <sip:carol@example.com>',
          'b: <sip:dave@example.com>',
          'u: dialog',
          'x: 1800',
          'L: 2',
          'X-Custom-Thing: kept as is',
        ],
        'hi',
      ),
    );
    assert.deepEqual(
      m.headers.map((h) => h.name),
      [
        'Via',
        'To',
        'From',
        'Call-ID',
        'CSeq',
        'Contact',
        'Supported',
        'Subject',
        'Content-Type',
        'Content-Encoding',
        'Event',
        'Refer-To',
        'Referred-By',
        'Allow-Events',
        'Session-Expires',
        'Content-Length',
        'X-Custom-Thing',
      ],
    );
    assert.equal(m.callId, 'abc@h');
    assert.deepEqual(m.supported, ['100rel']);
    assert.equal(headerValue(m, 'x-custom-thing'), 'kept as is');
    assert.equal(headerValue(m, 'Session-Expires'), '1800');
  });

  test('list headers split at top-level commas across rows, in order', () => {
    const m = accepted(
      text([
        ...BASE.slice(0, 2),
        'Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2, SIP/2.0/UDP c.example.com;branch=z9hG4bK3',
        ...BASE.slice(2, 7),
        'Contact: "Doe, John" <sip:j@a.example.com>;q=0.5, <sip:j@b.example.com>;expires=99999999999',
        'Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>',
      ]),
    );
    assert.deepEqual(
      m.via.map((v) => v.host),
      ['pc33.atlanta.example.com', 'b.example.com', 'c.example.com'],
    );
    assert.deepEqual(
      m.contacts.map((c) => [c.displayName, c.q, c.expires]),
      [
        ['Doe, John', 0.5, undefined],
        [undefined, undefined, 3600],
      ],
    );
    assert.equal(m.route.length, 2);
    assert.equal(headerValues(m, 'contact').length, 2);
  });

  test('a wildcard Contact stands alone', () => {
    const wildcard = accepted(text([...replace('Contact', 'Contact: *'), 'Expires: 0']));
    assert.equal(wildcard.contactWildcard, true);
    assert.deepEqual(wildcard.contacts, []);
    assert.equal(outcome(text(replace('Contact', 'Contact: *, <sip:a@b.com>'))), 400);
  });
});

describe('values Switchboard relies on', () => {
  test('an out-of-range expiry reads as 3600 while other out-of-range scalars are refused', () => {
    assert.equal(accepted(text([...BASE, 'Expires: 99999999999999999999'])).expires, 3600);
    assert.equal(accepted(text([...BASE, 'Expires: soon'])).expires, 3600);
    assert.equal(outcome(text(replace('Max-Forwards', 'Max-Forwards: 256'))), 400);
    assert.equal(outcome(text(replace('Contact', 'Contact: <sip:a@b.com>;q=1.5'))), 400);
    assert.equal(outcome(text(replace('To', 'To: <sip:bob@example.com>;tag'))), 400);
    assert.equal(outcome(text(replace('Call-ID', 'Call-ID: has space'))), 400);
  });

  test('a request without Max-Forwards is accepted (RFC 2543 peers), without Via or CSeq it is not', () => {
    assert.equal(accepted(text(replace('Max-Forwards', undefined))).maxForwards, undefined);
    for (const name of ['Via', 'To', 'From', 'Call-ID', 'CSeq']) {
      assert.equal(outcome(text(replace(name, undefined))), 400, name);
    }
  });

  test('a response missing what it needs is dropped, never answered', () => {
    const response = ['SIP/2.0 180 Ringing', ...BASE.slice(1)];
    assert.equal(outcome(text(response)), 'accept');
    assert.equal(outcome(text(response.filter((l) => !l.startsWith('Via')))), 'drop');
    assert.equal(outcome(text([...response, 'Content-Length: 10'], 'short')), 'drop');
  });

  test('a refused request carries its raw header rows, so a 400 can echo Via, From, To, Call-ID and CSeq', () => {
    const r = parseSipMessage(text([...BASE, 'Date: yesterday']));
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'invalid_argument');
    assert.deepEqual(r.error.details.sipStatus, 400);
    const headers = r.error.details.headers as { name: string; value: string }[];
    assert.ok(headers.some((h) => h.name === 'Via' && h.value.includes('z9hG4bK776asdhds')));
  });
});

describe('start line', () => {
  test('version 2.0 only; anything that is not SIP at all is dropped', () => {
    assert.equal(outcome(text(['INVITE sip:bob@example.com SIP/3.0', ...BASE.slice(1)])), 505);
    assert.equal(outcome('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 'drop');
    assert.equal(outcome('hello\r\n\r\n'), 'drop');
    assert.equal(outcome(text(['SIP/2.0 099 Too Small', ...BASE.slice(1)])), 'drop');
    assert.equal(outcome(text(['SIP/2.0 2000 OK', ...BASE.slice(1)])), 'drop');
  });

  test('a request whose method the CSeq does not repeat is refused', () => {
    assert.equal(outcome(text(['BYE sip:bob@example.com SIP/2.0', ...BASE.slice(1)])), 400);
    assert.equal(outcome(text(['FROBNICATE sip:bob@example.com SIP/2.0', ...BASE.slice(1)])), 501);
  });
});

describe('framing and limits', () => {
  test('keep-alive CRLFs before a message are skipped; a datagram of only CRLFs is dropped', () => {
    assert.equal(accepted(`\r\n\r\n${text(BASE)}`).kind, 'request');
    assert.equal(outcome('\r\n\r\n'), 'drop');
    assert.equal(outcome(''), 'drop');
  });

  test('only CRLF ends a line', () => {
    assert.equal(outcome(text(BASE).replace('Max-Forwards: 70\r\n', 'Max-Forwards: 70\n')), 400);
    assert.equal(outcome(text(BASE).replace('Max-Forwards: 70\r\n', 'Max-Forwards: 70\r')), 400);
  });

  test('Content-Length counts bytes of the body, not characters', () => {
    const m = accepted(text([...BASE, 'Content-Type: text/plain', 'Content-Length: 6'], 'héhé'));
    assert.equal(Buffer.from(m.body).toString('utf8'), 'héhé');
  });

  test('on a stream the message must be exactly what Content-Length frames', () => {
    const stream = { transport: 'stream' } as const;
    assert.equal(outcome(text(BASE, 'abc'), stream), 400);
    assert.equal(outcome(text([...BASE, 'Content-Length: 1'], 'abc'), stream), 400);
    assert.equal(outcome(text([...BASE, 'Content-Length: 3'], 'abc'), stream), 'accept');
    assert.equal(outcome(text(BASE).slice(0, -2), stream), 400);
  });

  test('exceeding a limit is a typed refusal: 513 for the message, 413 for the body', () => {
    const limits = { maxMessageBytes: 1024, maxHeaderCount: 12, maxHeaderLineLength: 200, maxBodyBytes: 100 };
    assert.equal(outcome(text(BASE, 'x'.repeat(2000)), { limits }), 513);
    assert.equal(outcome(text(['SIP/2.0 200 OK', ...BASE.slice(1)], 'x'.repeat(2000)), { limits }), 'drop');
    const many = Array.from({ length: 10 }, (_, i) => `X-H${i}: v`);
    assert.equal(outcome(text([...BASE, ...many]), { limits }), 513);
    assert.equal(outcome(text([...BASE, `Subject: ${'a'.repeat(300)}`]), { limits }), 513);
    assert.equal(outcome(text([...BASE, 'Subject: a', ` ${'b'.repeat(300)}`]), { limits }), 513);
    assert.equal(outcome(text([...BASE, 'Content-Length: 200'], 'y'.repeat(200)), { limits }), 413);
    assert.equal(outcome(text(BASE, 'y'.repeat(200)), { limits }), 413);
  });

  test('the default limits accept a 60,000-byte body and refuse a 70,000-byte datagram', () => {
    assert.equal(outcome(text([...BASE, 'Content-Length: 60000'], 'z'.repeat(60000))), 'accept');
    assert.equal(outcome(text(BASE, 'z'.repeat(70000))), 513);
  });
});
