import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_INPUT_LIMITS } from '@switchboard/protocol';
import { type RestTestApp, startRestTestApp } from './rest-test-app.ts';

/** A raw request, so a test controls the bytes, the headers and how the body is sent. */
function raw(
  base: string,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; body: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${options.path}`, {
      method: options.method,
      headers: options.headers ?? {},
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, closed: res.headers.connection === 'close' }),
      );
    });
    // The server may close while the client is still sending: the answer is what counts.
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    const write = async () => {
      for (const chunk of options.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    };
    write().catch(() => {});
  });
}

describe('REST robustness: nothing a client sends brings an answer other than a typed error', () => {
  let app: RestTestApp;
  let root: string;
  let down = false;
  before(async () => {
    app = await startRestTestApp({
      health: () => ({
        status: down ? 'degraded' : 'ok',
        uptimeMs: 1,
        components: {
          database: { status: down ? 'down' : 'ok', detail: 'disk gone' },
          engine: { status: 'ok' },
        },
      }),
    });
    root = await app.login('root');
  });
  after(() => app.close());
  const post = (path: string, raw: string | Uint8Array) => app.request('POST', path, { token: root, raw });

  test('malformed JSON, bad UTF-8, wrong types, a body where none belongs: 400 with the reason', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['/api/v1/skills', '{"id": "x", ', 'bad_json'],
      ['/api/v1/skills', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'bad_utf8'],
      ['/api/v1/skills', '{"id": 7, "name": "Seven"}', 'schema'],
      ['/api/v1/skills', '[1, 2, 3]', 'schema'],
      ['/api/v1/skills', `${'['.repeat(100)}${']'.repeat(100)}`, 'too_deep'],
      ['/api/v1/skills', '{"__proto__": {"admin": true}}', 'forbidden_key'],
      ['/api/v1/agents/a1/ready', '{"extra": 1}', 'schema'],
      ['/api/v1/auth/login', '{"username": "root"}', 'schema'],
    ];
    for (const [path, body, reason] of cases) {
      const answer = await post(path, body);
      assert.equal(answer.status, 400, `${path} ${String(body).slice(0, 20)}`);
      assert.equal(answer.body.error.code, 'invalid_argument');
      assert.equal(answer.body.error.details.reason, reason);
    }
    const getWithBody = await raw(app.base, {
      method: 'GET',
      path: '/api/v1/skills',
      headers: { authorization: `Bearer ${root}`, 'content-length': '2' },
      chunks: [Buffer.from('{}')],
    });
    assert.equal(getWithBody.status, 400);
    assert.equal(JSON.parse(getWithBody.body).error.details.reason, 'unexpected_body');
    assert.equal((await app.ctx.persistence.skills.list()).length, 1, 'nothing was created');
  });

  test('a declared body over the limit is 413 at once and the connection is closed; the server stays up', async () => {
    const size = DEFAULT_INPUT_LIMITS.maxBytes + 1;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const answer = await raw(app.base, {
      method: 'POST',
      path: '/api/v1/skills',
      headers: {
        authorization: `Bearer ${root}`,
        'content-length': String(size * 40),
        'content-type': 'application/json',
      },
      chunks: Array.from({ length: 160 }, () => chunk),
    });
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.body).error.code, 'payload_too_large');
    assert.equal(answer.closed, true);
    assert.equal((await app.request('GET', '/api/v1/skills', { token: root })).status, 200);
  });

  test('a chunked body that grows past the limit is cut off with 413', async () => {
    const chunk = Buffer.alloc(32 * 1024, 0x20);
    const answer = await raw(app.base, {
      method: 'POST',
      path: '/api/v1/agents/a1/ready',
      headers: { authorization: `Bearer ${root}`, 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 64 }, () => chunk),
    });
    assert.equal(answer.status, 413);
    assert.equal(app.ctx.engine.agentState('a1')?.name, 'LoggedOut');
    assert.equal((await app.request('GET', '/health')).status, 200);
  });

  test('a bad path parameter or query value is 400, never a crash', async () => {
    const control = await app.request('GET', '/api/v1/agents/a%01b', { token: root });
    assert.equal(control.status, 400);
    assert.equal(control.body.error.details.reason, 'schema');
    const badQuery = await app.request('GET', '/api/v1/memberships?agentId=%FF%FE', { token: root });
    assert.ok(
      badQuery.status === 200 || badQuery.status === 400,
      'a replacement character is an ordinary id',
    );
    assert.equal(
      (await app.request('GET', '/api/v1/memberships?agentId=a1&agentId=a2', { token: root })).status,
      400,
    );
  });

  test('a handler that throws is a 500 internal envelope without the details, logged with its cause', async () => {
    const engine = app.ctx.engine as unknown as { agentStats: unknown };
    const original = engine.agentStats;
    engine.agentStats = () => {
      throw new Error('boom: secret internals');
    };
    try {
      const answer = await app.request('GET', '/api/v1/agents/a1/stats', {
        token: root,
        headers: { 'x-request-id': 'boom-1' },
      });
      assert.equal(answer.status, 500);
      assert.deepEqual(answer.body, { error: { code: 'internal', message: 'internal error', details: {} } });
    } finally {
      engine.agentStats = original;
    }
    const line = app.logLines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'boom-1');
    assert.equal(line.level, 'error');
    assert.match(line.cause.message, /boom/);
    assert.equal((await app.request('GET', '/api/v1/agents/a1/stats', { token: root })).status, 200);
  });

  test('GET /health is 503 while a component is down', async () => {
    down = true;
    const answer = await app.request('GET', '/health');
    down = false;
    assert.equal(answer.status, 503);
    assert.equal(answer.body.components.database.status, 'down');
    assert.equal((await app.request('GET', '/health')).status, 200);
  });
});
