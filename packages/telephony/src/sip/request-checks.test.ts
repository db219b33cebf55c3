import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SipHeader, SipMessage, SipRequest, SipResponse } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { checkRequest, checkResponse, type RequestPolicy, SWITCHBOARD_UAS_POLICY } from './request-checks.ts';

const HEAD = [
  'Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
  'To: <sip:bob@example.com>',
  'From: <sip:al@example.com>;tag=1',
  'Call-ID: 1@a',
];

function message(start: string, cseqMethod: string, extra: string[] = [], body = ''): SipMessage {
  const text = `${[start, ...HEAD, `CSeq: 1 ${cseqMethod}`, ...extra].join('\r\n')}\r\n\r\n${body}`;
  const r = parseSipMessage(text);
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

function req(method: string, extra: string[] = [], body = ''): SipRequest {
  const m = message(`${method} sip:bob@example.com SIP/2.0`, method, extra, body);
  assert.equal(m.kind, 'request');
  return m as SipRequest;
}

function res(extraVia: string[]): SipResponse {
  const m = message('SIP/2.0 200 OK', 'INVITE', extraVia);
  assert.equal(m.kind, 'response');
  return m as SipResponse;
}

function answer(r: SipRequest, policy: RequestPolicy = SWITCHBOARD_UAS_POLICY) {
  const result = checkRequest(r, policy);
  if (result.ok) return { status: 'accept' as const, headers: [] as SipHeader[] };
  return {
    status: result.error.details.sipStatus,
    headers: result.error.details.responseHeaders as SipHeader[],
  };
}

const PROXY: RequestPolicy = { ...SWITCHBOARD_UAS_POLICY, role: 'proxy', extensions: ['path'] };

describe('a UAS checks a request before acting on it (RFC 3261 §8.2)', () => {
  test('an unknown method gets 501 and a known but unsupported one 405, both with Allow', () => {
    const unknown = answer(req('FROBNICATE'));
    assert.equal(unknown.status, 501);
    assert.match(unknown.headers[0]?.value ?? '', /INVITE/);
    assert.equal(answer(req('PUBLISH')).status, 405);
  });

  test('an unsupported Require gets 420 listing exactly the unknown options, except on ACK and CANCEL', () => {
    const refused = answer(req('OPTIONS', ['Require: 100rel, foo, bar']));
    assert.equal(refused.status, 420);
    assert.deepEqual(refused.headers, [{ name: 'Unsupported', value: 'foo, bar' }]);
    assert.equal(answer(req('ACK', ['Require: foo'])).status, 'accept');
    assert.equal(answer(req('CANCEL', ['Require: foo'])).status, 'accept');
  });

  test('an ACK is never refused, since nothing could carry the answer', () => {
    assert.equal(answer(req('ACK', ['Content-Type: text/html', 'Content-Length: 2'], '<>')).status, 'accept');
  });

  test('a body needs a Content-Type we understand: 415 names what we accept', () => {
    assert.equal(answer(req('INVITE', ['Content-Length: 2'], 'v=')).status, 400);
    const refused = answer(req('INVITE', ['Content-Type: text/html', 'Content-Length: 2'], '<>'));
    assert.equal(refused.status, 415);
    assert.deepEqual(refused.headers, [{ name: 'Accept', value: 'application/sdp' }]);
    assert.equal(
      answer(req('INVITE', ['Content-Type: application/SDP', 'Content-Length: 2'], 'v=')).status,
      'accept',
    );
  });

  test('an INVITE whose Accept rules out SDP gets 406 with a 399 warning; wildcards are fine', () => {
    const refused = answer(req('INVITE', ['Accept: text/plain']));
    assert.equal(refused.status, 406);
    assert.match(refused.headers[0]?.value ?? '', /^399 /);
    assert.equal(answer(req('INVITE', ['Accept: application/*'])).status, 'accept');
    assert.equal(answer(req('INVITE', ['Accept: */*'])).status, 'accept');
    assert.equal(answer(req('OPTIONS', ['Accept: text/plain'])).status, 'accept');
  });

  test('a registrar refuses "Contact: *" unless Expires is 0', () => {
    assert.equal(answer(req('REGISTER', ['Contact: *'])).status, 400);
    assert.equal(answer(req('REGISTER', ['Contact: *', 'Expires: 0'])).status, 'accept');
  });
});

describe('a proxy checks a request before forwarding it (RFC 3261 §16.3)', () => {
  test('Max-Forwards 0 gets 483 and an unsupported Proxy-Require 420', () => {
    assert.equal(answer(req('OPTIONS', ['Max-Forwards: 0']), PROXY).status, 483);
    assert.equal(answer(req('OPTIONS', ['Max-Forwards: 1']), PROXY).status, 'accept');
    const refused = answer(req('OPTIONS', ['Proxy-Require: path, x']), PROXY);
    assert.deepEqual([refused.status, refused.headers], [420, [{ name: 'Unsupported', value: 'x' }]]);
    assert.equal(answer(req('OPTIONS', ['Require: x']), PROXY).status, 'accept');
  });
});

describe('responses', () => {
  test('a UAC keeps a response with one Via and drops one with more', () => {
    assert.ok(checkResponse(res([]), 'uac').ok);
    const dropped = checkResponse(res(['Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2']), 'uac');
    assert.ok(!dropped.ok && dropped.error.details.sipStatus === 'drop');
  });

  test('a proxy drops a response whose next hop is a broadcast or multicast address', () => {
    assert.ok(checkResponse(res(['Via: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK2']), 'proxy').ok);
    for (const hop of [
      '255.255.255.255',
      '0.0.0.0',
      '239.1.2.3',
      '192.0.2.7;received=224.0.0.1',
      '192.0.2.7;maddr=224.0.1.75',
    ]) {
      const r = checkResponse(res([`Via: SIP/2.0/UDP ${hop};branch=z9hG4bK2`]), 'proxy');
      assert.ok(!r.ok && r.error.details.sipStatus === 'drop', hop);
    }
  });
});
