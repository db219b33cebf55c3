import { test } from 'node:test';
import fc from 'fast-check';
import { checkEnd, checkStep } from './test-support/center-invariants.ts';
import { playCenter } from './test-support/center-run.ts';
import { type Center, centerArb, centerWithCommandsArb } from './test-support/random-center.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

function runsClean(center: Center): void {
  const { h, created } = playCenter(center, (harness) => checkStep(harness));
  checkEnd(h, created);
}

test('in any small contact center every contact ends exactly once and the books always balance', () => {
  fc.assert(fc.property(centerArb, runsClean), { numRuns });
});

test('the same holds with holds, transfers, consultations and outbound dials mixed in', () => {
  fc.assert(fc.property(centerWithCommandsArb, runsClean), { numRuns });
});
