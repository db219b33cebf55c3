import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SIMULATION_DEFAULTS } from '../../packages/server/src/simulate/simulation-options.ts';
import { benchSimulate } from './simulate.bench.ts';

test('the simulate benchmark measures both routers on the same day', () => {
  const rows = benchSimulate(
    { ...SIMULATION_DEFAULTS, agents: 5, queues: 2, arrivalsPerMinute: 4, durationMs: 600_000 },
    1,
  );
  assert.deepEqual(
    rows.map((r) => r.router),
    ['indexed', 'naive'],
  );
  for (const r of rows) {
    assert.ok(r.contacts > 0 && r.medianSeconds > 0 && r.contactsPerSecond > 0);
  }
  assert.equal(rows[0]!.contacts, rows[1]!.contacts);
});
