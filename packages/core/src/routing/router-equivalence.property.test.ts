import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mergeRequirements, nextStepTime, requirementKey, stepAt, stepTable } from './eligibility.ts';
import { NaiveRouter } from './naive-router.ts';
import { Router } from './router.ts';
import type { RouterPort } from './router-port.ts';
import { type ScenarioModel, scenarioArb, seededRandom } from './router-scenario.ts';
import { playScenario } from './router-scenario-driver.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

/**
 * The earliest step time after now of a contact that leads its group (same queue, priority and
 * merged requirements): the latest nextRelaxationAt may answer, since a contact behind its group's
 * leader never waited longer and so never widens routing.
 */
function leadersNextStep(router: RouterPort, model: ScenarioModel): number {
  let next = Number.POSITIVE_INFINITY;
  for (const [queueId, config] of model.configs) {
    const steps = stepTable(config);
    const led = new Set<string>();
    for (const contact of router.waiting(queueId)) {
      const group = `${contact.priority}|${requirementKey(mergeRequirements(config.requirements, contact.requirements))}`;
      if (led.has(group)) continue;
      led.add(group);
      const at = nextStepTime(steps, contact.enqueuedAt, stepAt(steps, contact.enqueuedAt, model.now));
      if (at !== null && at < next) next = at;
    }
  }
  return next;
}

test('Router answers every call exactly as the brute-force NaiveRouter does (all strategies, same random sequence)', () => {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      const fast = playScenario(new Router({ random: seededRandom(scenario.seed) }), scenario) as {
        op: string;
        output: unknown;
      }[];
      const naiveRouter = new NaiveRouter({ random: seededRandom(scenario.seed) });
      const leaders: number[] = [];
      const naive = playScenario(naiveRouter, scenario, {
        afterOp(op, _output, model) {
          if (op.kind === 'nextRelaxation') leaders.push(leadersNextStep(naiveRouter, model));
        },
      }) as { op: string; output: unknown }[];
      // nextRelaxationAt may differ: Router watches group leaders only, NaiveRouter every contact.
      for (const [i, step] of fast.entries()) {
        if (step.op !== 'nextRelaxation') continue;
        const fastAt = (step.output as number | null) ?? Number.POSITIVE_INFINITY;
        const naiveAt = (naive[i]!.output as number | null) ?? Number.POSITIVE_INFINITY;
        assert.ok(
          naiveAt <= fastAt && fastAt <= leaders.shift()!,
          `nextRelaxationAt ${fastAt} vs ${naiveAt}`,
        );
        step.output = null;
        naive[i]!.output = null;
      }
      assert.deepEqual(fast, naive);
    }),
    { numRuns },
  );
});
