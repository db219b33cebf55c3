import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRoutingBench } from './routing.bench.ts';

test('the routing benchmark measures both routers on the same decisions and they agree', () => {
  const result = runRoutingBench({
    size: { agents: 60, queues: 12, queuesPerAgent: 3, contacts: 300, seed: 7 },
    warmup: 100,
    decisions: 2_000,
    naiveWarmup: 10,
    naiveDecisions: 150,
  });
  assert.deepEqual(
    result.rows.map((row) => [row.router, row.decisions]),
    [
      ['Router', 2_000],
      ['NaiveRouter', 150],
    ],
  );
  for (const row of result.rows) {
    assert.ok(row.decisionsPerSecond > 0 && Number.isFinite(row.decisionsPerSecond), row.router);
    assert.ok(row.cpuDecisionsPerSecond > 0 && Number.isFinite(row.cpuDecisionsPerSecond), row.router);
    assert.ok(row.p50Micros > 0 && row.p50Micros <= row.p99Micros, row.router);
    assert.ok(row.p99Micros <= row.p999Micros && row.p999Micros <= row.maxMicros, row.router);
    assert.ok(row.assignments > 0, `${row.router} assigned nothing`);
    // About half the decisions are arrivals: the backlog neither drains nor explodes.
    assert.ok(
      row.waitingAtEnd > 100 && row.waitingAtEnd < 1_500,
      `${row.router} waiting ${row.waitingAtEnd}`,
    );
  }
  assert.deepEqual(result.agreement, { decisions: 160, identical: true });
});
