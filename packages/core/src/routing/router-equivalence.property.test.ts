import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { NaiveRouter } from './naive-router.ts';
import { Router } from './router.ts';
import { scenarioArb, seededRandom } from './router-scenario.ts';
import { playScenario } from './router-scenario-driver.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

test('Router answers every call exactly as the brute-force NaiveRouter does (all strategies, same random sequence)', () => {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      const fast = playScenario(new Router({ random: seededRandom(scenario.seed) }), scenario);
      const naive = playScenario(new NaiveRouter({ random: seededRandom(scenario.seed) }), scenario);
      assert.deepEqual(fast, naive);
    }),
    { numRuns },
  );
});
