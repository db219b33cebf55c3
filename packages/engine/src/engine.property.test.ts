import { test } from 'node:test';
import fc from 'fast-check';
import { checkEnd, checkStep } from './test-support/center-invariants.ts';
import { playCenter } from './test-support/center-run.ts';
import { centerArb } from './test-support/random-center.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

test('in any small contact center every contact ends exactly once and the books always balance', () => {
  fc.assert(
    fc.property(centerArb, (center) => {
      const { h, arrived } = playCenter(center, (harness) => checkStep(harness));
      checkEnd(h, arrived);
    }),
    { numRuns },
  );
});
