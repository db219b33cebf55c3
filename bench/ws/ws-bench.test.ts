import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge, runWsBench, WS_BENCH_DEFAULTS } from './ws.bench.ts';

test('the WebSocket benchmark measures Switchboard and the bare baseline on the same traffic', async () => {
  const { rows, deliveriesPerEvent } = await runWsBench({
    ...WS_BENCH_DEFAULTS,
    agents: 40,
    supervisors: 4,
    events: 3000,
    rates: [2000],
    seconds: 0.5,
  });
  assert.ok(deliveriesPerEvent > 1);
  assert.deepEqual(
    rows.map((r) => `${r.server} ${r.phase}`),
    ['switchboard 2000', 'switchboard max', 'bare ws (baseline) 2000', 'bare ws (baseline) max'],
  );
  for (const r of rows) {
    assert.ok(r.frames > 0 && r.deliveredPerSecond > 0, `${r.server} ${r.phase} delivered`);
    assert.ok(r.p50Ms <= r.p99Ms && r.p99Ms <= r.maxMs, 'percentiles in order');
    assert.ok(r.serverCpuSeconds > 0 && r.deliveredPerServerCpuSecond > 0);
  }
  // Paced phases offer the same events to both servers: the same frames arrive.
  const paced = rows.filter((r) => r.phase === '2000');
  assert.equal(paced[0]!.frames, paced[1]!.frames);
  const verdict = judge(rows);
  assert.ok(verdict.throughputRatio !== null && verdict.throughputRatio > 0);
});
