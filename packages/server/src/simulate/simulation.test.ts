import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erlangC, erlangCAsa, erlangCServiceLevel, unwrap } from '@switchboard/core';
import { runSimulation } from './simulation.ts';
import { SIMULATION_DEFAULTS, type SimulationOptions } from './simulation-options.ts';

const mmc = (seed: number, overrides: Partial<SimulationOptions> = {}): SimulationOptions => ({
  ...SIMULATION_DEFAULTS,
  agents: 10,
  queues: 1,
  arrivalsPerMinute: 8,
  talk: { kind: 'exponential', meanMs: 60_000 },
  patience: { kind: 'never' },
  answerDelay: { kind: 'fixed', ms: 0 },
  wrapupMs: 0,
  durationMs: 20 * 3_600_000,
  serviceLevelMs: 20_000,
  seed,
  ...overrides,
});

function meanAndStandardError(xs: readonly number[]): { mean: number; se: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se: Math.sqrt(variance / xs.length) };
}

test('one queue with no abandons and exponential times matches Erlang C within sampling error', () => {
  // M/M/10 with A = λ·AHT = 8/min × 1 min = 8 erlangs: independent 20-hour replications.
  const agents = 10;
  const traffic = 8;
  const ahtSeconds = 60;
  const sl: number[] = [];
  const asa: number[] = [];
  const occupancy: number[] = [];
  for (let seed = 1; seed <= 8; seed++) {
    const result = runSimulation(mmc(seed));
    const total = result.total;
    assert.equal(total.abandoned, 0);
    assert.equal(total.answered, total.entered, 'every caller is eventually answered');
    sl.push(total.serviceLevel!);
    asa.push(total.asaMs! / 1000);
    let busy = 0;
    let ready = 0;
    for (const a of result.agents) {
      busy += a.talkMs;
      ready += a.readyMs;
    }
    occupancy.push(busy / (busy + ready));
  }
  const expectedSl = unwrap(erlangCServiceLevel(agents, traffic, ahtSeconds, 20));
  const expectedAsa = unwrap(erlangCAsa(agents, traffic, ahtSeconds));
  const pWait = unwrap(erlangC(agents, traffic));
  const s = meanAndStandardError(sl);
  const a = meanAndStandardError(asa);
  const o = meanAndStandardError(occupancy);
  // Four standard errors: a false alarm about once in 16,000 runs; a wrong queue model fails clearly.
  assert.ok(
    Math.abs(s.mean - expectedSl) < 4 * s.se + 0.005,
    `SL ${s.mean} ± ${s.se} vs Erlang C ${expectedSl}`,
  );
  assert.ok(
    Math.abs(a.mean - expectedAsa) < 4 * a.se + 0.2,
    `ASA ${a.mean} ± ${a.se} vs Erlang C ${expectedAsa}`,
  );
  assert.ok(
    Math.abs(o.mean - traffic / agents) < 4 * o.se + 0.005,
    `occupancy ${o.mean} vs ${traffic / agents}`,
  );
  assert.ok(pWait > 0.3 && pWait < 0.5, 'the case is one where waiting is common, so the test has power');
});

test('the same seed gives the same day and another seed another day', () => {
  const options = {
    ...SIMULATION_DEFAULTS,
    agents: 8,
    queues: 2,
    arrivalsPerMinute: 6,
    durationMs: 3_600_000,
  };
  const a = runSimulation(options);
  const b = runSimulation(options);
  const c = runSimulation({ ...options, seed: 2 });
  assert.deepEqual(a.store.contactRecords, b.store.contactRecords);
  assert.notDeepEqual(a.store.contactRecords, c.store.contactRecords);
});

test('every contact that arrived during the day is counted exactly once in the records', () => {
  const result = runSimulation({
    ...SIMULATION_DEFAULTS,
    agents: 12,
    arrivalsPerMinute: 10,
    durationMs: 2 * 3_600_000,
  });
  const records = result.store.contactRecords;
  assert.equal(records.length, result.arrivals);
  assert.equal(new Set(records.map((r) => r.contactId)).size, records.length);
  assert.equal(result.engine.liveContacts, 0);
  const answered = records.filter((r) => r.outcome === 'answered').length;
  const abandoned = records.filter((r) => r.outcome === 'abandoned').length;
  assert.equal(answered, result.total.answered);
  assert.equal(abandoned, result.total.abandoned);
  assert.equal(answered + abandoned, records.length);
});

test('the indexed and the naive router give the same day for a deterministic strategy', () => {
  const options = {
    ...SIMULATION_DEFAULTS,
    agents: 10,
    queues: 3,
    arrivalsPerMinute: 8,
    durationMs: 3_600_000,
  };
  const indexed = runSimulation(options);
  const naive = runSimulation({ ...options, router: 'naive' });
  assert.deepEqual(indexed.store.contactRecords, naive.store.contactRecords);
});
