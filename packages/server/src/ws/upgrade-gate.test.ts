import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { accessTokenOf, originAllowed, selectProtocol } from './upgrade-gate.ts';

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

test('an origin is allowed when absent, the server own, or listed; anything else is refused', () => {
  assert.equal(originAllowed(undefined, 'cc.example:8080', []), true);
  assert.equal(originAllowed('http://cc.example:8080', 'cc.example:8080', []), true);
  assert.equal(originAllowed('https://CC.example:8080', 'cc.example:8080', []), true);
  assert.equal(originAllowed('http://cc.example:9090', 'cc.example:8080', []), false);
  assert.equal(originAllowed('https://desk.example', 'cc.example:8080', []), false);
  assert.equal(originAllowed('https://desk.example', 'cc.example:8080', ['https://desk.example/']), true);
  assert.equal(originAllowed('http://desk.example', 'cc.example:8080', ['https://desk.example']), false);
  assert.equal(originAllowed('null', 'cc.example:8080', []), false);
  assert.equal(originAllowed('null', 'cc.example:8080', ['null']), true);
  assert.equal(originAllowed('not a url', 'cc.example:8080', ['*']), false);
  assert.equal(originAllowed('https://any.example', 'cc.example:8080', ['*']), true);
});

test('the access token comes from the query, else the Authorization header, else a bearer subprotocol', () => {
  assert.equal(accessTokenOf(request('/api/v1/ws?access_token=q.t.k')), 'q.t.k');
  assert.equal(
    accessTokenOf(
      request('/api/v1/ws?access_token=q', {
        authorization: 'Bearer h',
        'sec-websocket-protocol': 'bearer.p',
      }),
    ),
    'q',
  );
  assert.equal(accessTokenOf(request('/api/v1/ws', { authorization: 'bearer  h.1 ' })), 'h.1');
  assert.equal(accessTokenOf(request('/api/v1/ws', { authorization: 'Basic abc' })), null);
  assert.equal(
    accessTokenOf(request('/api/v1/ws', { 'sec-websocket-protocol': 'switchboard.v1, bearer.p.q.r' })),
    'p.q.r',
  );
  assert.equal(accessTokenOf(request('/api/v1/ws', { 'sec-websocket-protocol': 'bearer.' })), null);
  assert.equal(accessTokenOf(request('/api/v1/ws?access_token=')), null);
});

test('the 101 names switchboard.v1 when offered, else another offered protocol, never none when some were offered', () => {
  assert.equal(selectProtocol(new Set(['bearer.x', 'switchboard.v1'])), 'switchboard.v1');
  assert.equal(selectProtocol(new Set(['bearer.x', 'other'])), 'other');
  assert.equal(selectProtocol(new Set(['bearer.x'])), 'bearer.x');
  assert.equal(selectProtocol(new Set()), false);
});
