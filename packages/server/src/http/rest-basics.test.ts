import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { openApiProblems, ROUTE_IDS, ROUTES } from '@switchboard/protocol';
import { PUBLIC_HANDLERS, ROUTE_HANDLERS } from './handler-table.ts';
import { createUcsSsoToken } from '../auth/ucs-sso-token.ts';
import { PASSWORD, type RestTestApp, SSO_SECRET, startRestTestApp } from './rest-test-app.ts';

describe('REST basics: health, metrics, docs, auth flow, errors and logs', () => {
  let app: RestTestApp;
  before(async () => {
    app = await startRestTestApp();
  });
  after(() => app.close());

  test('every route of the catalogue has a handler, and the public ones are exactly the routes of role public', () => {
    for (const id of ROUTE_IDS) {
      const isPublic = Object.hasOwn(PUBLIC_HANDLERS, id);
      assert.equal(isPublic, ROUTES[id].role === 'public', id);
      const handlers: Readonly<Record<string, unknown>> = isPublic ? PUBLIC_HANDLERS : ROUTE_HANDLERS;
      assert.equal(typeof handlers[id], 'function', id);
    }
    assert.equal(Object.keys(PUBLIC_HANDLERS).length + Object.keys(ROUTE_HANDLERS).length, ROUTE_IDS.length);
  });

  test('GET /health answers 200 with the component report', async () => {
    const answer = await app.request('GET', '/health');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'ok');
    assert.deepEqual(Object.keys(answer.body.components).sort(), ['database', 'engine', 'telephony']);
  });

  test('GET /openapi.json is the catalogue as OpenAPI 3.1, and /docs a self-contained page', async () => {
    const doc = await app.request('GET', '/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    assert.deepEqual(openApiProblems(doc.body), []);
    assert.ok(doc.body.paths['/api/v1/auth/login'].post);
    const docs = await app.request('GET', '/docs');
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    assert.match(docs.body, /\/api\/v1\/agents\/\{agentId\}\/login/);
    assert.doesNotMatch(
      docs.body,
      /<script|https?:\/\/(?!spec\.openapis|json-schema)/,
      'nothing loaded from elsewhere',
    );
    assert.match(docs.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });

  test('login gives a token pair; the access token opens /me; refresh rotates; logout ends the session', async () => {
    const login = await app.request('POST', '/api/v1/auth/login', {
      body: { username: 'sam', password: PASSWORD },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.tokenType, 'Bearer');
    assert.equal(login.body.role, 'supervisor');
    const me = await app.request('GET', '/api/v1/me', { token: login.body.accessToken });
    assert.equal(me.status, 200);
    assert.equal('passwordHash' in me.body, false);
    assert.deepEqual(me.body, {
      id: 'sam',
      username: 'sam',
      role: 'supervisor',
      scope: { queues: ['sales'], agentGroups: ['north'] },
      disabled: false,
    });
    const refreshed = await app.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, login.body.refreshToken);
    const reused = await app.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    assert.equal(reused.status, 401, 'a spent refresh token is refused');
    assert.deepEqual(reused.body.error.details, {}, 'the client is not told why');
    const out = await app.request('POST', '/api/v1/auth/logout', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    assert.equal(out.status, 204);
    const afterLogout = await app.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    assert.equal(afterLogout.status, 401);
  });

  test('a wrong password is 401 unauthorized with WWW-Authenticate, and repeated failures are 429 with Retry-After', async () => {
    const wrong = await app.request('POST', '/api/v1/auth/login', {
      body: { username: 'a4', password: 'nope-nope' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
    let last = wrong;
    for (let i = 0; i < 6 && last.status !== 429; i++) {
      last = await app.request('POST', '/api/v1/auth/login', {
        body: { username: 'a4', password: 'nope-nope' },
      });
    }
    assert.equal(last.status, 429);
    assert.equal(last.body.error.code, 'rate_limited');
    assert.ok(Number(last.headers.get('retry-after')) >= 1);
    assert.deepEqual(Object.keys(last.body.error.details), ['retryAfterMs']);
  });

  test('a UCS SSO token logs its user in once; the same token again is refused', async () => {
    const token = unwrap(createUcsSsoToken({ secret: SSO_SECRET, username: 'a2', now: app.clock.now() }));
    const first = await app.request('POST', '/api/v1/auth/ucs-sso', { body: { username: 'a2', token } });
    assert.equal(first.status, 200);
    assert.equal(first.body.userId, 'a2');
    const again = await app.request('POST', '/api/v1/auth/ucs-sso', { body: { username: 'a2', token } });
    assert.equal(again.status, 401);
  });

  test('no token, a bad token or a malformed header is 401; an unknown path is a 404 envelope', async () => {
    assert.equal((await app.request('GET', '/api/v1/me')).status, 401);
    assert.equal((await app.request('GET', '/api/v1/me', { token: 'x.y.z' })).status, 401);
    const basic = await app.request('GET', '/api/v1/me', {
      headers: { authorization: 'Basic cm9vdDpwdw==' },
    });
    assert.equal(basic.status, 401);
    for (const [method, path] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/nope'],
      ['PATCH', '/api/v1/agents/a1/hold'],
      ['POST', '/health'],
      ['GET', '/api/v1/agents/%E0%A4%A'],
    ] as const) {
      const answer = await app.request(method, path);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.body.error.code, 'not_found');
    }
  });

  test('a route above the caller role is 403 forbidden', async () => {
    const agent = await app.login('a1');
    const answer = await app.request('GET', '/api/v1/users', { token: agent });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, 'forbidden');
  });

  test('each request gets a request id (the client one when sane) and one JSON log line with route, status and duration', async () => {
    const token = await app.login('root');
    const given = await app.request('GET', '/api/v1/contacts/c-404', {
      token,
      headers: { 'x-request-id': 'req-42' },
    });
    assert.equal(given.headers.get('x-request-id'), 'req-42');
    const fresh = await app.request('GET', '/api/v1/me', {
      token,
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    const id = fresh.headers.get('x-request-id') ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/);
    const lines = app.logLines.map((l) => JSON.parse(l));
    const line = lines.find((l) => l.requestId === 'req-42');
    assert.equal(line.route, 'getContact');
    assert.equal(line.status, 404);
    assert.equal(line.contactId, 'c-404');
    assert.equal(line.userId, 'root');
    assert.equal(typeof line.durationMs, 'number');
    assert.ok(lines.some((l) => l.requestId === id && l.route === 'getMe' && l.status === 200));
  });

  test('GET /metrics is Prometheus text with the HTTP requests by route and status and the duration histogram', async () => {
    const answer = await app.request('GET', '/metrics');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
    assert.match(answer.body, /^# TYPE switchboard_http_requests_total counter$/m);
    assert.match(
      answer.body,
      /^switchboard_http_requests_total\{route="getMe",method="GET",status="200"\} \d+$/m,
    );
    assert.match(
      answer.body,
      /^switchboard_http_requests_total\{route="unmatched",method="GET",status="404"\} \d+$/m,
    );
    assert.match(answer.body, /^switchboard_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
  });
});
