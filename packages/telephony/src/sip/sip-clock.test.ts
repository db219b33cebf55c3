import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SystemSipClock } from './sip-clock.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

test('the system clock fires timers in due order behind one Node timer, skipping cancelled ones', async () => {
  const clock = new SystemSipClock();
  const fired: string[] = [];
  const now = clock.now();
  clock.setTimer(now + 30, () => fired.push('c'));
  clock.setTimer(now + 10, () => fired.push('a'));
  const cancelled = clock.setTimer(now + 20, () => fired.push('x'));
  clock.setTimer(now + 20, () => fired.push('b'));
  clock.cancelTimer(cancelled);
  assert.equal(clock.pending, 3);
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.deepEqual(fired, ['a', 'b', 'c']);
  assert.equal(clock.pending, 0);
});

test('the system clock survives a throwing callback and drops cancelled entries in bulk', async () => {
  const clock = new SystemSipClock();
  const now = clock.now();
  const handles = Array.from({ length: 5_000 }, () => clock.setTimer(now + 3_600_000, () => {}));
  for (const h of handles) clock.cancelTimer(h);
  assert.equal(clock.pending, 0);
  let ran = false;
  clock.setTimer(now + 5, () => {
    throw new Error('boom');
  });
  clock.setTimer(now + 6, () => {
    ran = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(ran, true);
  clock.cancelAll();
});

test('the virtual clock fires same-instant timers in the order they were set and never runs backwards', () => {
  const clock = new VirtualSipClock(100);
  const seen: string[] = [];
  clock.setTimer(50, () => seen.push(`late@${clock.now()}`));
  clock.setTimer(200, () => seen.push('b'));
  clock.setTimer(200, () => seen.push('c'));
  clock.advanceTo(200);
  assert.deepEqual(seen, ['late@100', 'b', 'c']);
  assert.equal(clock.now(), 200);
});
