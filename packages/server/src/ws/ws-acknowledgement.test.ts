import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACK_AFTER_MS, ACK_EVERY_FRAMES, ACK_LEAST_FRAMES } from './ws-connection.ts';
import { inProcessHub } from './ws-fake-socket.ts';
import { ADMIN, agentPrincipal, createTestContext } from './ws-test-app.ts';

/** Pauses and readies agent a1 `times` times: two agent.state events each. */
function toggle(t: ReturnType<typeof createTestContext>, times: number): void {
  for (let i = 0; i < times; i++) {
    assert.equal(t.engine.pause('a1', t.engine.pauseReasons.defaultCode).ok, true);
    assert.equal(t.engine.ready('a1').ok, true);
  }
}

test('after enough frames the server pings, and the pong releases them from the replay buffer', () => {
  const t = createTestContext();
  t.engine.login('a1', null);
  const { hub, open, flush } = inProcessHub(t);
  const { socket, connection } = open(agentPrincipal('a1'));
  hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agent:me'] }));
  flush();
  socket.clear();
  toggle(t, ACK_EVERY_FRAMES / 2);
  flush();
  const session = connection.session;
  const last = session.buffer.lastSeq;
  assert.equal(socket.log.at(-2), `ping ${last}`, 'the ping follows the frames, in the same write');
  assert.equal(session.buffer.firstSeq, 1, 'nothing released before the pong');
  hub.ponged(connection, String(last - 1)); // a pong to some other ping acknowledges nothing
  assert.equal(session.buffer.firstSeq, 1);
  hub.ponged(connection, String(last));
  assert.equal(session.buffer.firstSeq, last + 1);
  // What the client acknowledged is gone; resuming from before it falls back to a full snapshot.
  const other = open(agentPrincipal('a1'));
  hub.receive(
    other.connection,
    JSON.stringify({ type: 'resume', id: 'r', sessionId: session.id, lastSeq: last - 5 }),
  );
  flush();
  const answer = other.socket.frames().find((f) => f.id === 'r');
  assert.deepEqual(answer?.result, { sessionId: session.id, mode: 'snapshot', replayed: 0 });
});

test('a few frames waiting longer than the ack delay are acknowledged without waiting for the count', async () => {
  const t = createTestContext();
  t.engine.login('a1', null);
  const { hub, open, flush } = inProcessHub(t);
  const { socket, connection } = open(ADMIN);
  hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agent:a1'] }));
  flush();
  toggle(t, ACK_LEAST_FRAMES / 2);
  flush();
  assert.ok(!socket.log.some((l) => l.startsWith('ping')), 'not yet: the frames are fresh');
  await sleep(ACK_AFTER_MS + 20);
  toggle(t, 1);
  flush();
  assert.equal(socket.log.at(-2), `ping ${connection.session.buffer.lastSeq}`);
});
