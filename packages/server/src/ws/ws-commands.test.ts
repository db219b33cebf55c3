import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, agentPrincipal, NORTH_SUPERVISOR, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { type Frame, TestClient } from './ws-test-client.ts';

const errorOf = (frame: Frame) =>
  (frame as { error: { code: string; details: Record<string, unknown> } }).error;

describe('WebSocket commands', () => {
  let app: WsTestApp;
  before(async () => {
    app = await startWsTestApp();
  });
  after(() => app.close());

  test('every frame with an id gets exactly one result, and a frame without a readable id one with id null', async () => {
    const client = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    const withId = [
      { type: 'command', id: 'c1', command: 'login', args: {} },
      { type: 'command', id: 'c2', command: 'ready' },
      { type: 'command', id: 'c3', command: 'pause', args: { reason: 'lunch?' } },
      { type: 'command', id: 'c4', command: 'fly', args: {} },
      { type: 'command', id: 'c5', command: 'ready', args: { agentId: 'a2' } },
      { type: 'command', id: 'c6', command: 'extendWrapup', args: { seconds: 'ten' } },
      { type: 'subscribe', id: 's1', topics: ['agent:me'] },
      { type: 'unsubscribe', id: 's2', topics: ['agent:me'] },
      { type: 'resume', id: 'r1', sessionId: 'nope', lastSeq: 0 },
      { type: 'teleport', id: 't1' },
      { type: 'command', id: 'c7', command: 'logout', args: {}, extra: 1 },
    ];
    for (const frame of withId) client.send(frame);
    const unreadable = ['{not json', '[]', '{"type":"command","id":7}', '{"type":"ping","id":""}'];
    for (const text of unreadable) client.send(text);
    client.send({ type: 'ping', id: 'p1' });
    await client.next((f) => f.type === 'pong' && f.id === 'p1');
    const results = client.frames.filter((f) => f.type === 'result');
    for (const { id } of withId) {
      assert.equal(results.filter((r) => r.id === id).length, 1, `one result for ${id}`);
    }
    assert.equal(results.filter((r) => r.id === null).length, unreadable.length);
    assert.equal(results.length, withId.length + unreadable.length);
    // The answers come in the order the frames were sent.
    assert.deepEqual(
      results.filter((r) => r.id !== null).map((r) => r.id),
      withId.map((f) => f.id),
    );
    await client.close();
  });

  test('refusals are typed errors naming what was wrong, and the connection stays', async () => {
    const client = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a3')) });
    const unknown = errorOf(await client.command('u', 'fly'));
    assert.equal(unknown.code, 'invalid_argument');
    assert.equal(unknown.details.reason, 'unknown_command');
    const schema = errorOf(await client.command('s', 'extendWrapup', { seconds: 'ten' }));
    assert.equal(schema.code, 'invalid_argument');
    assert.equal(schema.details.reason, 'schema');
    assert.match(String(schema.details.path), /^\/args\/seconds/);
    assert.equal(errorOf(await client.command('f', 'login', { agentId: 'a1' })).code, 'forbidden');
    assert.equal(errorOf(await client.command('t', 'ready')).code, 'transition_not_allowed');
    client.send('{"type":"command","id":"j",');
    const nullResult = await client.next((f) => f.type === 'result' && f.id === null);
    assert.equal(errorOf(nullResult).details.reason, 'bad_json');
    client.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), true);
    const badUtf8 = await client.next(
      (f) => f.type === 'result' && errorOf(f)?.details.reason === 'bad_utf8',
    );
    assert.equal(errorOf(badUtf8).code, 'invalid_argument');
    client.send({ type: 'ping', id: 'alive' });
    const pong = await client.next((f) => f.id === 'alive');
    assert.equal(pong.type, 'pong');
    assert.equal(pong.serverTime, app.clock.now());
    await client.close();
  });

  test('a command without agentId acts on the own agent; an admin or supervisor names the agent', async () => {
    const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a2')) });
    const login = await agent.command('l', 'login', { extension: '202' });
    assert.equal(login.ok, true);
    assert.equal((login.result as { state: { name: string; agentId: string } }).state.agentId, 'a2');
    assert.equal(app.engine.agentState('a2')?.name, 'Ready');
    const supervisor = await TestClient.connect(app.url, { token: app.token(NORTH_SUPERVISOR) });
    const paused = await supervisor.command('r', 'pause', { agentId: 'a2' });
    assert.deepEqual((paused.result as { state: { name: string } }).state.name, 'Paused');
    assert.ok((paused.result as { actions: string[] }).actions.includes('ready'));
    assert.equal(app.engine.agentState('a2')?.name, 'Paused');
    assert.equal(errorOf(await supervisor.command('r2', 'login', { agentId: 'a4' })).code, 'forbidden');
    const admin = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    assert.equal(errorOf(await admin.command('x', 'login', { agentId: 'nobody' })).code, 'unknown_agent');
    assert.equal((await admin.command('y', 'login', { agentId: 'a4' })).ok, true);
    await Promise.all([agent.close(), supervisor.close(), admin.close()]);
  });
});
