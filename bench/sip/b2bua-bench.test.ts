import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCallBench } from './b2bua.bench.ts';

test('the call benchmark measures the B2BUA and Kamailio with the same sipp scenarios', async () => {
  const summary = (await runCallBench({
    rates: [20],
    kamailioRates: [20],
    seconds: 2,
    talkMs: 200,
    agents: 10,
  })) as {
    rows: { peer: string; failed: number; successful: number; callsPerSecond: number }[];
    b2buaSustainedCps: number;
    kamailioSustainedCps: number;
  };
  assert.deepEqual(
    summary.rows.map((r) => r.peer),
    ['switchboard b2bua', 'kamailio (stateful proxy)'],
  );
  for (const r of summary.rows) {
    assert.equal(r.failed, 0, `${r.peer}: no failed call`);
    assert.equal(r.successful, 40);
  }
  assert.ok(summary.b2buaSustainedCps > 0);
  assert.ok(summary.kamailioSustainedCps > 0);
});
