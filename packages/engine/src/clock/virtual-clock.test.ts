import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from './virtual-clock.ts';

test('timers fire in due order and same-instant timers in the order they were set', () => {
  const clock = new VirtualClock(1000);
  const fired: string[] = [];
  clock.setTimer(1300, () => fired.push('c'));
  clock.setTimer(1100, () => fired.push('a'));
  clock.setTimer(1100, () => fired.push('b'));
  clock.advanceTo(1200);
  assert.deepEqual(fired, ['a', 'b']);
  assert.equal(clock.now(), 1200);
  clock.advanceBy(100);
  assert.deepEqual(fired, ['a', 'b', 'c']);
});

test('a cancelled timer never fires and a timer set inside a callback runs in the same advance', () => {
  const clock = new VirtualClock(0);
  const fired: number[] = [];
  const h = clock.setTimer(10, () => fired.push(10));
  clock.setTimer(5, () => clock.setTimer(8, () => fired.push(8)));
  clock.cancelTimer(h);
  clock.advanceTo(20);
  assert.deepEqual(fired, [8]);
  assert.equal(clock.pending, 0);
});

test('the clock reads the due time of the timer being fired and never runs backwards', () => {
  const clock = new VirtualClock(100);
  const seen: number[] = [];
  clock.setTimer(50, () => seen.push(clock.now()));
  clock.setTimer(150, () => seen.push(clock.now()));
  clock.advanceTo(200);
  assert.deepEqual(seen, [100, 150]);
});
