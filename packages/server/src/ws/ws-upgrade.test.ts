import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, agentPrincipal, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { TestClient } from './ws-test-client.ts';

describe('WebSocket upgrade', () => {
  let app: WsTestApp;
  before(async () => {
    app = await startWsTestApp({ ws: { allowedOrigins: ['https://desk.example.com'] } });
  });
  after(() => app.close());

  test('an upgrade without a token is refused with 401 before any socket exists', async () => {
    const { status, body } = await TestClient.refusal(app.url);
    assert.equal(status, 401);
    assert.equal(JSON.parse(body).error.code, 'unauthorized');
    assert.equal(app.api.connectionCount(), 0);
  });

  test('an upgrade with a forged or expired token is refused with 401', async () => {
    const forged = `${app.token(ADMIN).slice(0, -4)}AAAA`;
    assert.equal((await TestClient.refusal(app.url, { token: forged })).status, 401);
    const shortLived = app.token(ADMIN, 1000);
    app.clock.advanceBy(120_000);
    assert.equal((await TestClient.refusal(app.url, { token: shortLived })).status, 401);
  });

  test('a page of a foreign origin is refused with 403 even with a valid token', async () => {
    const refused = await TestClient.refusal(app.url, {
      token: app.token(ADMIN),
      origin: 'https://evil.example',
    });
    assert.equal(refused.status, 403);
    assert.equal(JSON.parse(refused.body).error.code, 'forbidden');
    assert.equal(
      app.ctx.metrics.render().includes('switchboard_ws_upgrades_refused_total{status="403"} 1'),
      true,
    );
  });

  test('the server origin, a listed origin and a client without Origin are let in', async () => {
    const host = new URL(app.url).host;
    for (const origin of [`http://${host}`, 'https://desk.example.com', undefined]) {
      const client = await TestClient.connect(app.url, {
        token: app.token(ADMIN),
        ...(origin === undefined ? {} : { origin }),
      });
      assert.equal(client.hello.protocol, 'switchboard.v1');
      await client.close();
    }
  });

  test('the token is read from the query, the Authorization header or a bearer.<token> subprotocol', async () => {
    for (const via of ['query', 'header', 'protocol'] as const) {
      const client = await TestClient.connect(app.url, {
        token: app.token(agentPrincipal('a1')),
        via,
        protocols: ['switchboard.v1'],
      });
      assert.equal(client.ws.protocol, 'switchboard.v1');
      const hello = client.hello;
      assert.equal(typeof hello.sessionId, 'string');
      assert.equal(hello.resumeBufferSize, 1000);
      assert.equal(hello.heartbeatMs, 20_000);
      await client.close();
    }
  });

  test('a browser that offered only its bearer subprotocol gets it echoed (or it would fail the socket)', async () => {
    const client = await TestClient.connect(app.url, { token: app.token(ADMIN), via: 'protocol' });
    assert.match(client.ws.protocol, /^bearer\./);
    await client.close();
  });

  test('an upgrade to another path is answered 404 when nothing else serves upgrades', async () => {
    const { status } = await TestClient.refusal(app.url.replace('/api/v1/ws', '/elsewhere'), {
      token: app.token(ADMIN),
    });
    assert.equal(status, 404);
  });

  test('a frame over the size limit closes the socket with 1009', async () => {
    const client = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    client.send(JSON.stringify({ type: 'ping', id: 'x'.repeat(300 * 1024) }));
    assert.equal((await client.closed).code, 1009);
    const again = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    assert.equal((await again.command('c1', 'ready', { agentId: 'a1' })).ok, false);
    await again.close();
  });
});
