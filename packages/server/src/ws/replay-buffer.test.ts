import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayBuffer } from './replay-buffer.ts';

test('resume replays exactly the events after the last one the client saw', () => {
  const b = new ReplayBuffer<string>(3);
  assert.deepEqual(b.since(0), []);
  for (const e of ['a', 'b', 'c', 'd']) b.push(e);
  assert.equal(b.lastSeq, 4);
  assert.equal(b.firstSeq, 2);
  assert.deepEqual(b.since(1), ['b', 'c', 'd']);
  assert.deepEqual(b.since(3), ['d']);
  assert.deepEqual(b.since(4), []);
});

test('a gap that fell out of the buffer, or a sequence from the future, asks for a full snapshot', () => {
  const b = new ReplayBuffer<number>(2);
  for (let i = 1; i <= 5; i++) b.push(i);
  assert.equal(b.since(2), null);
  assert.equal(b.since(6), null);
  assert.equal(b.since(-1), null);
  assert.equal(b.since(1.5), null);
  const none = new ReplayBuffer<number>(0);
  none.push(1);
  assert.deepEqual(none.since(1), []);
  assert.equal(none.since(0), null);
});
