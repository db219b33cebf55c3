import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, test } from 'node:test';
import { parseSipMessage } from './parse-message.ts';
import { encodeSipMessage } from './serialize.ts';
import { type SipStreamEvent, SipStreamFramer } from './stream-framer.ts';
import { loadTorture, parseTorture, tortureNames } from './torture-element.ts';

const OPTIONS = [
  'OPTIONS sip:bob@example.com SIP/2.0',
  'Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1',
  'To: <sip:bob@example.com>',
  'From: <sip:al@example.com>;tag=1',
  'Call-ID: 1@a',
  'CSeq: 1 OPTIONS',
].join('\r\n');

function withBody(body: string, extra = ''): string {
  return `${OPTIONS}\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function kinds(events: readonly SipStreamEvent[]): string[] {
  return events.map((e) => (e.kind === 'message' ? (e.result.ok ? 'message' : 'bad-message') : e.kind));
}

function errorOf(events: readonly SipStreamEvent[]): { sipStatus: unknown; reason: unknown } {
  const e = events.find((x) => x.kind === 'error');
  assert.ok(e && e.kind === 'error');
  return { sipStatus: e.error.details.sipStatus, reason: e.error.details.reason };
}

describe('stream framing', () => {
  test('messages are cut by Content-Length however the bytes arrive', () => {
    const stream = withBody('hello') + withBody('') + withBody('wörld');
    for (const size of [1, 2, 7, 64, stream.length]) {
      const framer = new SipStreamFramer();
      const events: SipStreamEvent[] = [];
      const bytes = Buffer.from(stream);
      for (let i = 0; i < bytes.length; i += size) events.push(...framer.push(bytes.subarray(i, i + size)));
      assert.deepEqual(kinds(events), ['message', 'message', 'message'], `chunks of ${size}`);
      const bodies = events.map((e) =>
        e.kind === 'message' && e.result.ok ? Buffer.from(e.result.value.body).toString() : '',
      );
      assert.deepEqual(bodies, ['hello', '', 'wörld']);
      assert.equal(framer.bufferedBytes, 0);
    }
  });

  test('a double CRLF between messages is a ping, a single CRLF a pong that is skipped', () => {
    const framer = new SipStreamFramer();
    assert.deepEqual(kinds(framer.push('\r\n\r\n')), ['ping']);
    assert.deepEqual(kinds(framer.push('\r\n')), []);
    assert.deepEqual(kinds(framer.push(`${withBody('x')}\r\n\r\n\r\n`)), ['message', 'ping']);
    assert.deepEqual(kinds(framer.push(withBody('y'))), ['message']);
  });

  test('a chunk full of pings yields one ping each and leaves nothing buffered', () => {
    const framer = new SipStreamFramer();
    const events = framer.push('\r\n\r\n'.repeat(16_384));
    assert.equal(events.length, 16_384);
    assert.ok(events.every((e) => e.kind === 'ping'));
    assert.equal(framer.bufferedBytes, 0);
  });

  test('a message without Content-Length has an empty body on a stream', () => {
    const events = new SipStreamFramer().push(`${OPTIONS}\r\n\r\n${withBody('z')}`);
    assert.deepEqual(kinds(events), ['message', 'message']);
  });

  test('a well-framed but malformed message is reported and the stream goes on', () => {
    const framer = new SipStreamFramer();
    const events = framer.push(withBody('a', 'Date: someday\r\n') + withBody('b'));
    assert.deepEqual(kinds(events), ['bad-message', 'message']);
    assert.equal(framer.broken, false);
  });

  test('an unusable Content-Length loses the framing: one error, then nothing', () => {
    for (const [extra, status] of [
      ['Content-Length: -999\r\n', 400],
      ['Content-Length: five\r\n', 400],
      ['Content-Length: 5\r\nl: 5\r\n', 400],
      ['Content-Length: 900000\r\n', 413],
    ] as const) {
      const framer = new SipStreamFramer();
      const events = framer.push(`${OPTIONS}\r\n${extra}\r\n`);
      assert.equal(errorOf(events).sipStatus, status, extra);
      assert.equal(framer.broken, true);
      assert.deepEqual(framer.push(withBody('after')), []);
    }
  });

  test('a head that never ends is refused once it passes the size limit; a response is dropped', () => {
    const framer = new SipStreamFramer({ maxMessageBytes: 2048 });
    assert.deepEqual(framer.push(`${OPTIONS}\r\n`), []);
    assert.equal(errorOf(framer.push(`X-Pad: ${'p'.repeat(3000)}`)).sipStatus, 513);
    const responses = new SipStreamFramer({ maxMessageBytes: 2048 });
    assert.equal(errorOf(responses.push(`SIP/2.0 200 OK\r\nX: ${'p'.repeat(3000)}`)).sipStatus, 'drop');
  });

  test('stray bytes between messages are a framing error', () => {
    assert.equal(errorOf(new SipStreamFramer().push('\r\r\n')).sipStatus, 400);
    assert.equal(errorOf(new SipStreamFramer().push('\n\n')).sipStatus, 400);
  });

  test('the torture messages framed on one stream parse as they do alone; dblreq is two requests on a stream', () => {
    const names = tortureNames().filter((n) => n !== 'dblreq' && parseSipMessage(loadTorture(n)).ok);
    const encoded = names.map((n) => encodeSipMessage(parseTorture(n)));
    const framer = new SipStreamFramer();
    const events = framer.push(Buffer.concat(encoded));
    assert.deepEqual(
      kinds(events),
      names.map(() => 'message'),
    );
    const dblreq = new SipStreamFramer().push(loadTorture('dblreq'));
    const methods = dblreq.map((e) =>
      e.kind !== 'message'
        ? e.kind
        : e.result.ok && e.result.value.kind === 'request'
          ? e.result.value.method
          : 'noise',
    );
    // The INVITE declares 150 body bytes and carries 155: on a stream the last 5 are noise.
    assert.deepEqual(methods, ['REGISTER', 'INVITE', 'noise']);
  });
});
