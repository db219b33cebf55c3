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

test('released items are gone, later ones replay, and a resume from before the release asks for a snapshot', () => {
  const b = new ReplayBuffer<string>(4);
  for (const e of ['a', 'b', 'c']) b.push(e);
  b.release(2);
  assert.equal(b.firstSeq, 3);
  assert.deepEqual(b.since(2), ['c']);
  assert.equal(b.since(1), null);
  b.release(1); // never backwards
  assert.equal(b.firstSeq, 3);
  for (const e of ['d', 'e', 'f', 'g']) b.push(e);
  assert.equal(b.firstSeq, 4);
  assert.deepEqual(b.since(3), ['d', 'e', 'f', 'g']);
  b.release(99); // at most what was sent
  assert.deepEqual(b.since(7), []);
  assert.equal(b.since(6), null);
  b.push('h');
  assert.deepEqual(b.since(7), ['h']);
});
