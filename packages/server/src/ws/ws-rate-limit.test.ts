import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseServerFrame, WS_CLOSE } from '@switchboard/protocol';
import { inProcessHub } from './ws-fake-socket.ts';
import { agentPrincipal, createTestContext, startWsTestApp } from './ws-test-app.ts';
import { type Frame, TestClient } from './ws-test-client.ts';

const command = (id: string, name: string) => JSON.stringify({ type: 'command', id, command: name });
/** pause, ready, pause, … : each one a real state change. */
const toggle = (i: number) => (i % 2 === 0 ? 'pause' : 'ready');
const results = (frames: readonly Frame[]) => frames.filter((f) => f.type === 'result');

/** An agent logged in on an in-process hub whose clock the test moves (`at.now`). */
function loggedInAgent(limits: {
  frameRatePerSecond?: number;
  frameBurst?: number;
  frameRefusalsBeforeClose?: number;
}) {
  const t = createTestContext();
  const at = { now: 0 };
  const hub = inProcessHub(t, { ...limits, now: () => at.now });
  const { socket, connection } = hub.open(agentPrincipal('a1'));
  hub.hub.receive(connection, command('in', 'login'));
  hub.flush();
  assert.equal(socket.frames().at(-1)?.ok, true);
  socket.clear();
  return { t, at, ...hub, socket, connection };
}

describe('the frame-rate limit', () => {
  test('under the default limit nothing changes: a 500-frame burst at start, then 50 frames/s for a minute', () => {
    const { t, at, hub, flush, socket, connection } = loggedInAgent({});
    const events = t.events.length;
    // The burst: the login took one frame, 499 commands in one turn.
    let n = 0;
    for (let i = 0; i < 499; i++) hub.receive(connection, command(`b${i}`, toggle(n++)));
    flush();
    // Then one frame every 20 ms: commands, with a JSON ping and a subscribe among them.
    for (let i = 0; i < 3000; i++) {
      at.now += 20;
      if (i % 100 === 0) hub.receive(connection, JSON.stringify({ type: 'ping', id: `p${i}` }));
      else if (i === 1234)
        hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agent:me'] }));
      else hub.receive(connection, command(`s${i}`, toggle(n++)));
      flush();
    }
    const answers = socket.frames().filter((f) => f.type === 'result' || f.type === 'pong');
    assert.equal(answers.length, 3499);
    assert.deepEqual(
      answers.filter((f) => f.type === 'result' && f.ok !== true),
      [],
    );
    assert.equal(hub.metrics.framesRefused.get(), 0);
    assert.equal(hub.metrics.rateLimitCloses.get(), 0);
    assert.equal(socket.closeCode, null);
    assert.ok(t.events.length - events >= 3400, 'every command changed the agent state');
  });

  test('frames over the limit are answered rate_limited under their own ids, and nothing they asked for happens', () => {
    const limits = { frameRatePerSecond: 10, frameBurst: 20, frameRefusalsBeforeClose: 5 };
    const { t, at, hub, flush, socket, connection } = loggedInAgent(limits);
    for (let i = 0; i < 19; i++) hub.receive(connection, command(`b${i}`, toggle(i)));
    flush();
    assert.ok(results(socket.frames()).every((f) => f.ok === true));
    socket.clear();
    const events = t.events.length;
    const state = JSON.stringify(t.engine.agentState('a1'));
    // The bucket is empty: a command, a subscribe, a ping, a frame that does not parse and one
    // without a readable id (five refusals: the most before a close).
    hub.receive(connection, command('x1', 'logout'));
    hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 'x2', topics: ['agent:me'] }));
    hub.receive(connection, JSON.stringify({ type: 'ping', id: 'x3' }));
    hub.receive(connection, command('x4', 'fly'));
    hub.receive(connection, 'not json');
    flush();
    for (const text of socket.sent) assert.ok(parseServerFrame(text).ok, 'well-formed server frames');
    const refused = socket.frames();
    assert.deepEqual(
      refused.map((f) => [f.type, f.id, f.ok, f.error?.code]),
      [
        ['result', 'x1', false, 'rate_limited'],
        ['result', 'x2', false, 'rate_limited'],
        ['result', 'x3', false, 'rate_limited'],
        ['result', 'x4', false, 'rate_limited'],
        ['result', null, false, 'rate_limited'],
      ],
    );
    // One token comes back every 100 ms at 10 frames/s.
    assert.deepEqual(refused[0]!.error!.details, { retryAfterMs: 100, ratePerSecond: 10, burst: 20 });
    assert.equal(t.events.length, events, 'no engine event');
    assert.equal(JSON.stringify(t.engine.agentState('a1')), state);
    assert.equal(connection.session.topics.size, 0, 'the subscribe did not subscribe');
    assert.equal(socket.closeCode, null);
    assert.equal(hub.metrics.framesRefused.get(), 5);
    assert.equal(hub.metrics.framesIn.get(), 25);
    // The client that waits as told is served.
    at.now += 100;
    socket.clear();
    hub.receive(connection, command('later', 'logout'));
    flush();
    assert.deepEqual(
      socket.frames().map((f) => [f.id, f.ok]),
      [['later', true]],
    );
    assert.equal(t.engine.agentState('a1')?.name, 'LoggedOut');
  });

  test('a flood is closed with 4429: the answers so far leave first, and nothing sent after the close runs', () => {
    const limits = { frameRatePerSecond: 10, frameBurst: 20, frameRefusalsBeforeClose: 5 };
    const { t, hub, flush, socket, connection } = loggedInAgent(limits);
    const events = t.events.length;
    // A runaway loop: 100 commands in one turn.
    for (let i = 0; i < 100; i++) hub.receive(connection, command(`f${i}`, toggle(i)));
    flush();
    assert.deepEqual(socket.log, ['cork', 'send', 'uncork', `close ${WS_CLOSE.rateLimited}`]);
    const answered = results(socket.frames());
    assert.deepEqual(
      answered.map((f) => f.error?.code ?? 'ok'),
      [...Array(19).fill('ok'), ...Array(5).fill('rate_limited')],
    );
    assert.deepEqual(
      answered.map((f) => f.id),
      Array.from({ length: 24 }, (_, i) => `f${i}`),
    );
    const afterFlood = t.events.length;
    assert.ok(afterFlood > events);
    assert.equal(t.engine.agentState('a1')?.name, 'Paused', 'the 19 admitted commands ran, the last a pause');
    assert.equal(connection.open, false);
    assert.equal(hub.connections.size, 0);
    assert.equal(hub.metrics.framesRefused.get(), 5);
    assert.equal(hub.metrics.rateLimitCloses.get(), 1);
    assert.ok(t.logLines.some((line) => line.includes('frame-rate limit')));
    // What the socket still delivers after the close does nothing.
    hub.receive(connection, command('late', 'ready'));
    flush();
    assert.equal(t.events.length, afterFlood);
    assert.equal(t.engine.agentState('a1')?.name, 'Paused');
    assert.equal(socket.sent.length, 1);
  });

  test('over a real socket a flooding client is closed with 4429 and resumes its session like after any drop', async () => {
    const app = await startWsTestApp({
      // 1 frame/s: the refill while the flood crosses the socket is at most a frame or two.
      ws: { frameRatePerSecond: 1, frameBurst: 30, frameRefusalsBeforeClose: 10 },
    });
    const client = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    await client.subscribe('s', ['agent:me']);
    await client.command('in', 'login');
    const sessionId = client.hello.sessionId as string;
    for (let i = 0; i < 200; i++) client.send({ type: 'command', id: `f${i}`, command: toggle(i) });
    assert.equal((await client.closed).code, WS_CLOSE.rateLimited);
    const answered = results(client.frames).filter((f) => String(f.id).startsWith('f'));
    const ok = answered.filter((f) => f.ok === true);
    // The admitted commands first, in order, then exactly ten refusals, then nothing.
    assert.ok(ok.length >= 28 && ok.length <= 31, `${ok.length} admitted`);
    assert.deepEqual(
      answered.map((f) => f.id),
      Array.from({ length: ok.length + 10 }, (_, i) => `f${i}`),
    );
    assert.ok(answered.slice(ok.length).every((f) => f.error?.code === 'rate_limited'));
    const commanded = app.events.filter((e) => e.type === 'agent.state' && e.agentId === 'a1');
    assert.equal(commanded.length, 1 + ok.length, 'the login and each admitted command, nothing refused');
    const expected = toggle(ok.length - 1) === 'pause' ? 'Paused' : 'Ready';
    assert.equal(app.engine.agentState('a1')?.name, expected);
    const metrics = app.ctx.metrics.render();
    assert.match(metrics, /^switchboard_ws_frames_refused_total 10$/m);
    assert.match(metrics, /^switchboard_ws_rate_limit_closes_total 1$/m);
    await app.connections(0);

    // Reconnect and resume: a new connection has its own bucket, the session its seq numbering.
    const lastSeq = client.frames.filter((f) => f.seq !== undefined).at(-1)!.seq!;
    const back = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    back.send({ type: 'resume', id: 'r', sessionId, lastSeq });
    const resumed = await back.result('r');
    assert.equal(resumed.ok, true);
    assert.equal((resumed.result as { mode: string }).mode, 'replay');
    const next = expected === 'Paused' ? 'ready' : 'pause';
    assert.equal((await back.command('again', next)).ok, true);
    await back.settle();
    const seqs = back.frames.filter((f) => f.seq !== undefined).map((f) => f.seq!);
    assert.ok(seqs.length >= 1);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => lastSeq + 1 + i),
    );
    await back.close();
    await app.close();
  });
});
