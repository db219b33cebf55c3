import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualWrites } from '../app/manual-writes.ts';
import { ReportGate } from '../app/report-gate.ts';
import { inProcessHub } from './ws-fake-socket.ts';
import { agentPrincipal, createTestContext } from './ws-test-app.ts';

test("while events wait for the database, a command's answer waits behind the events it caused", async () => {
  const t = createTestContext();
  const writes = new ManualWrites();
  const gate = new ReportGate(t.ctx.bus, writes, (error) => {
    throw error;
  });
  const ctx = { ...t.ctx, bus: gate, whenReported: (fn: () => void) => gate.whenReported(fn) };
  const { hub, open, flush } = inProcessHub({ ...t, ctx });
  t.engine.login('a1', null);
  const { socket, connection } = open(agentPrincipal('a1'));
  hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agent:me'] }));
  flush();
  socket.clear();
  writes.queue(); // something of the engine's is still on its way to the database
  hub.receive(connection, JSON.stringify({ type: 'command', id: 'p', command: 'pause' }));
  flush();
  assert.deepEqual(socket.frames(), [], 'neither the event nor the answer before the write is durable');
  writes.commitAll();
  await new Promise((resolve) => setImmediate(resolve));
  flush();
  const frames = socket.frames();
  assert.deepEqual(
    frames.map((f) =>
      f.type === 'event' ? `event ${(f.event as { type: string }).type}` : `${f.type} ${f.id}`,
    ),
    ['event agent.state', 'result p'],
  );
  assert.equal(frames[1]!.ok, true);
});
