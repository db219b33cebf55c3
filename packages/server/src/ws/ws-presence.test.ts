import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { agentPrincipal, NORTH_SUPERVISOR, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { TestClient } from './ws-test-client.ts';

describe('heartbeat and the disconnect grace period', () => {
  let app: WsTestApp;
  afterEach(() => app.close());

  test('a client silent for two heartbeat intervals is dropped with 4408; one that answers pings stays', async () => {
    app = await startWsTestApp({ ws: { heartbeatMs: 100 } });
    const silent = await TestClient.connect(app.url, {
      token: app.token(agentPrincipal('a1')),
      autoPong: false,
    });
    const alive = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a2')) });
    assert.equal(silent.hello.heartbeatMs, 100);
    const started = Date.now();
    const { code } = await silent.closed;
    assert.equal(code, 4408);
    assert.ok(Date.now() - started >= 150, 'not before two intervals');
    await sleep(250);
    await alive.settle();
    assert.equal(app.api.connectionCount(), 1);
    await alive.close();
  });

  test('a Ready agent without a connection for the grace period goes Paused("disconnected"), and its supervisor is told', async () => {
    app = await startWsTestApp();
    const supervisor = await TestClient.connect(app.url, { token: app.token(NORTH_SUPERVISOR) });
    await supervisor.subscribe('s', ['agents']);
    const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    await agent.command('in', 'login');
    await agent.close();
    await app.connections(1);
    app.clock.advanceBy(59_999);
    assert.equal(app.engine.agentState('a1')?.name, 'Ready');
    app.clock.advanceBy(1);
    const state = app.engine.agentState('a1')!;
    assert.deepEqual([state.name, state.reason], ['Paused', 'disconnected']);
    const told = await supervisor.next(
      (f) =>
        f.type === 'event' &&
        (f.event as { state: { name: string; reason: string } }).state?.reason === 'disconnected',
    );
    assert.equal((told.event as { agentId: string }).agentId, 'a1');
    assert.ok(app.logLines.some((l) => l.includes('grace period') && l.includes('"agentId":"a1"')));
    await supervisor.close();
  });

  test('an agent that reconnects within the grace period, or keeps another connection, stays Ready', async () => {
    app = await startWsTestApp();
    const first = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    const second = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    await first.command('in', 'login');
    await first.close();
    await app.connections(1);
    app.clock.advanceBy(120_000);
    assert.equal(app.engine.agentState('a1')?.name, 'Ready', 'the second connection is still open');
    await second.close();
    await app.connections(0);
    app.clock.advanceBy(30_000);
    const back = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    app.clock.advanceBy(120_000);
    assert.equal(app.engine.agentState('a1')?.name, 'Ready');
    await back.close();
  });

  test('a dropped socket never touches the call: the agent talks on and pauses only after the call', async () => {
    app = await startWsTestApp({ ws: { graceMs: 10_000 } });
    const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    await agent.command('in', 'login');
    const contactId = app.telephony.arrive('5550100', '1000')!;
    app.clock.advanceBy(1500);
    assert.equal(app.engine.agentState('a1')?.name, 'OnCall');
    agent.ws.terminate(); // the network goes away, no close handshake
    await app.connections(0);
    app.clock.advanceBy(15_000);
    const during = app.engine.agentState('a1')!;
    assert.equal(during.name, 'OnCall');
    assert.equal(during.contactId, contactId);
    assert.deepEqual(during.pending, { kind: 'pause', reason: 'disconnected' });
    assert.equal(app.engine.contact(contactId)?.phase, 'connected');
    app.clock.advanceBy(60_000); // the 30 s call and its 5 s wrap-up end
    const after = app.engine.agentState('a1')!;
    assert.deepEqual([after.name, after.reason], ['Paused', 'disconnected']);
    const ended = app.events.find((e) => e.type === 'contact.ended');
    assert.equal(ended?.type === 'contact.ended' && ended.record.outcome, 'answered');
  });
});
