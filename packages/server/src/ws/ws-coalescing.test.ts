import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inProcessHub } from './ws-fake-socket.ts';
import { ADMIN, agentPrincipal, createTestContext, startWsTestApp } from './ws-test-app.ts';
import { TestClient } from './ws-test-client.ts';

test('frames produced in one loop turn leave as one batch message in one corked write, in the order they were produced', () => {
  const t = createTestContext();
  const { hub, open, flush } = inProcessHub(t);
  const { socket, connection } = open(ADMIN);
  socket.clear();
  // One turn: a subscription, then a burst of engine activity.
  hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agents', 'queues'] }));
  for (const agentId of ['a1', 'a2', 'a3']) t.engine.login(agentId, null);
  assert.equal(t.engine.pause('a1', t.engine.pauseReasons.defaultCode).ok, true);
  assert.deepEqual(socket.sent, [], 'nothing is written before the turn ends');
  flush();
  const frames = socket.frames();
  assert.deepEqual(socket.log, ['cork', 'send', 'uncork']);
  assert.ok(frames.length > 2);
  assert.equal((JSON.parse(socket.sent[0]!) as { type: string }).type, 'batch');
  assert.deepEqual(
    frames.map((f) => f.type),
    ['result', 'snapshot', ...frames.slice(2).map(() => 'event')],
  );
  assert.deepEqual(
    frames.slice(2).map((f) => (f.event as { type: string; agentId?: string }).agentId ?? 'queue'),
    t.events
      .filter((e) => e.type !== 'agent.log')
      .map((e) => (e.type === 'agent.state' ? e.agentId : 'queue')),
    'the engine order',
  );
  const seqs = frames.filter((f) => f.seq !== undefined).map((f) => f.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i + 1),
  );
  // The next turn is a message of its own; a single frame goes as itself, not as a batch of one.
  socket.clear();
  assert.equal(t.engine.ready('a1').ok, true);
  flush();
  assert.deepEqual(socket.log, ['cork', 'send', 'uncork']);
  assert.equal((JSON.parse(socket.sent[0]!) as { type: string }).type, 'event');
});

test('over a real socket a burst of commands is answered in order and its events keep their seq order', async () => {
  const app = await startWsTestApp();
  const client = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
  await client.subscribe('s', ['agent:me']);
  await client.command('in', 'login');
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    ids.push(`p${i}`, `r${i}`);
    client.send({ type: 'command', id: `p${i}`, command: 'pause' });
    client.send({ type: 'command', id: `r${i}`, command: 'ready' });
  }
  await client.result('r49');
  await client.settle();
  const results = client.frames.filter((f) => f.type === 'result' && ids.includes(f.id as string));
  assert.deepEqual(
    results.map((f) => f.id),
    ids,
  );
  assert.ok(results.every((f) => f.ok === true));
  const events = client.events();
  const seqs = events.map((f) => f.seq as number);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => seqs[0]! + i),
  );
  const states = events.map((f) => (f.event as { state?: { name: string } }).state?.name).filter(Boolean);
  assert.deepEqual(
    states.slice(-100),
    ids.map((id) => (id.startsWith('p') ? 'Paused' : 'Ready')),
  );
  const metrics = app.ctx.metrics.render();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
  assert.equal(value('switchboard_ws_connections'), 1);
  assert.ok(value('switchboard_ws_frames_in_total') >= 103);
  assert.ok(value('switchboard_ws_frames_out_total') >= 203);
  assert.ok(value('switchboard_ws_events_delivered_total') >= 100);
  // Observed once per message written (a batch), not per frame.
  const latencies = value('switchboard_ws_send_latency_seconds_count');
  assert.ok(latencies >= 1 && latencies <= value('switchboard_ws_frames_out_total'));
  await client.close();
  await app.close();
});
