import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { ADMIN, agentPrincipal, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { type Frame, TestClient } from './ws-test-client.ts';

const seqOf = (f: Frame) => f.seq as number;
const numbered = (c: TestClient) => c.frames.filter((f) => f.type === 'event' || f.type === 'snapshot');

/** An agent on agent:me that logged in, and an admin that moves it around. */
async function scene(app: WsTestApp) {
  const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
  await agent.subscribe('s', ['agent:me']);
  await agent.command('in', 'login');
  await agent.settle();
  const admin = await TestClient.connect(app.url, { token: app.token(ADMIN) });
  return { agent, admin, sessionId: agent.hello.sessionId as string };
}

async function toggle(admin: TestClient, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    assert.equal((await admin.command(`p${i}`, 'pause', { agentId: 'a1' })).ok, true);
    assert.equal((await admin.command(`r${i}`, 'ready', { agentId: 'a1' })).ok, true);
  }
}

describe('resume after a reconnect', () => {
  let app: WsTestApp;
  afterEach(() => app.close());

  test('a client that comes back within the grace period gets what it missed replayed with the original seq', async () => {
    app = await startWsTestApp();
    const { agent, admin, sessionId } = await scene(app);
    const lastSeq = seqOf(numbered(agent).at(-1)!);
    await agent.close();
    await app.connections(1);
    await toggle(admin, 2); // four agent.state events while nobody listens
    app.clock.advanceBy(30_000);
    const back = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    back.send({ type: 'resume', id: 'r', sessionId, lastSeq });
    const result = await back.result('r');
    await back.settle();
    const replayed = numbered(back);
    // The agent's four state changes, and the statistics push the session took meanwhile.
    assert.deepEqual(result.result, { sessionId, mode: 'replay', replayed: replayed.length });
    assert.deepEqual(
      replayed.map(seqOf),
      replayed.map((_, i) => lastSeq + 1 + i),
    );
    const states = replayed.map((f) => f.event as { type: string; state?: { name: string } });
    assert.deepEqual(
      states.filter((e) => e.type === 'agent.state').map((e) => e.state!.name),
      ['Paused', 'Ready', 'Paused', 'Ready'],
    );
    assert.deepEqual(
      states.filter((e) => e.type !== 'agent.state').map((e) => e.type),
      ['agent.stats'],
    );
    assert.ok(replayed.every((f) => f.topic === 'agent:me'));
    // The session continues: its subscriptions and its numbering.
    await toggle(admin, 1);
    await back.settle();
    const all = numbered(back).map(seqOf);
    assert.deepEqual(
      all,
      all.map((_, i) => lastSeq + 1 + i),
    );
    assert.equal(all.length, replayed.length + 2);
    await Promise.all([back.close(), admin.close()]);
  });

  test('a client that missed more than the buffer holds gets one full snapshot with the next seq', async () => {
    app = await startWsTestApp({ ws: { resumeBufferSize: 3 } });
    const { agent, admin, sessionId } = await scene(app);
    const lastSeq = seqOf(numbered(agent).at(-1)!);
    await agent.close();
    await app.connections(1);
    await toggle(admin, 3);
    const back = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    back.send({ type: 'resume', id: 'r', sessionId, lastSeq });
    assert.deepEqual((await back.result('r')).result, { sessionId, mode: 'snapshot', replayed: 0 });
    const snapshot = await back.next((f) => f.type === 'snapshot');
    assert.equal(snapshot.full, true);
    assert.equal(snapshot.seq, lastSeq + 7);
    const state = snapshot.state as {
      topics: string[];
      agents: { state: { agentId: string; name: string } }[];
    };
    assert.deepEqual(state.topics, ['agent:me']);
    assert.deepEqual(
      state.agents.map((a) => [a.state.agentId, a.state.name]),
      [['a1', 'Ready']],
    );
    // A seq the session never reached is answered the same way.
    back.send({ type: 'resume', id: 'r2', sessionId, lastSeq: lastSeq + 100 });
    assert.deepEqual((await back.result('r2')).result, { sessionId, mode: 'snapshot', replayed: 0 });
    const second = await back.next((f) => f.type === 'snapshot' && f.seq === lastSeq + 8);
    assert.equal(second.full, true);
    await Promise.all([back.close(), admin.close()]);
  });

  test("a client whose missed events the server's shared log has dropped gets a full snapshot, though its window still names them", async () => {
    // 2 KiB of log: a few dozen events of other agents push a1's out of it, well within a1's window.
    app = await startWsTestApp({ ws: { resumeLogBytes: 2048 } });
    const { agent, admin, sessionId } = await scene(app);
    const lastSeq = seqOf(numbered(agent).at(-1)!);
    await agent.close();
    await app.connections(1);
    await toggle(admin, 1);
    const watcher = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    await watcher.subscribe('w', ['agents']);
    for (const other of ['a2', 'a3', 'a4']) {
      assert.equal((await admin.command(`in-${other}`, 'login', { agentId: other })).ok, true);
      for (let i = 0; i < 5; i++) {
        assert.equal((await admin.command(`p-${other}-${i}`, 'pause', { agentId: other })).ok, true);
        assert.equal((await admin.command(`r-${other}-${i}`, 'ready', { agentId: other })).ok, true);
      }
    }
    await watcher.settle();
    const back = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    back.send({ type: 'resume', id: 'r', sessionId, lastSeq });
    assert.deepEqual((await back.result('r')).result, { sessionId, mode: 'snapshot', replayed: 0 });
    const snapshot = await back.next((f) => f.type === 'snapshot');
    assert.equal(snapshot.full, true);
    assert.ok(seqOf(snapshot) > lastSeq + 2, 'numbered after the frames the session kept counting');
    await Promise.all([back.close(), admin.close(), watcher.close()]);
  });

  test('an unknown, expired or foreign session cannot be resumed', async () => {
    app = await startWsTestApp({ ws: { graceMs: 10_000 } });
    const { agent, admin, sessionId } = await scene(app);
    const thief = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a2')) });
    thief.send({ type: 'resume', id: 'steal', sessionId, lastSeq: 0 });
    assert.equal((await thief.result('steal')).error?.code, 'not_found');
    await agent.close();
    await app.connections(2);
    app.clock.advanceBy(10_001);
    const late = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    late.send({ type: 'resume', id: 'late', sessionId, lastSeq: 0 });
    assert.equal((await late.result('late')).error?.code, 'not_found');
    await Promise.all([late.close(), thief.close(), admin.close()]);
  });

  test('resuming a session that still has a connection takes it over (the old one is closed with 4409)', async () => {
    app = await startWsTestApp();
    const { agent, admin, sessionId } = await scene(app);
    const lastSeq = seqOf(numbered(agent).at(-1)!);
    const second = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    second.send({ type: 'resume', id: 'r', sessionId, lastSeq });
    assert.deepEqual((await second.result('r')).result, { sessionId, mode: 'replay', replayed: 0 });
    assert.equal((await agent.closed).code, 4409);
    await toggle(admin, 1);
    await second.settle();
    assert.deepEqual(numbered(second).map(seqOf), [lastSeq + 1, lastSeq + 2]);
    await Promise.all([second.close(), admin.close()]);
  });
});
