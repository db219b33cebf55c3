import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventFrameText } from './frame-text.ts';
import { ReplayFrames } from './replay-frames.ts';

test('a replayed event frame is the very text that was sent, with its own seq', () => {
  const frames = new ReplayFrames(10);
  const sent: string[] = [];
  for (let i = 0; i < 6; i++) {
    if (i === 2) {
      const text = `{"type":"snapshot","seq":${frames.lastSeq + 1}}`;
      frames.pushText(text);
      sent.push(text);
      continue;
    }
    const event = JSON.stringify({ type: 'agent.state', n: i });
    const seq = frames.pushEvent('"agent:me"', event);
    sent.push(eventFrameText(seq, '"agent:me"', event));
  }
  assert.deepEqual(frames.since(0), sent);
  assert.deepEqual(frames.since(3), sent.slice(3));
  assert.deepEqual(frames.since(6), []);
});

test('released or overwritten frames cannot be replayed', () => {
  const frames = new ReplayFrames(4);
  for (let i = 0; i < 6; i++) frames.pushEvent('"agents"', `{"n":${i}}`);
  assert.equal(frames.since(1), null, 'seq 2 was overwritten by seq 6');
  assert.equal(frames.since(2)?.length, 4);
  frames.release(4);
  assert.equal(frames.firstSeq, 5);
  assert.equal(frames.since(3), null);
  assert.deepEqual(frames.since(4), [
    eventFrameText(5, '"agents"', '{"n":4}'),
    eventFrameText(6, '"agents"', '{"n":5}'),
  ]);
});

test('a buffer of no capacity numbers frames but replays nothing', () => {
  const frames = new ReplayFrames(0);
  assert.equal(frames.pushEvent('"agents"', '{}'), 1);
  assert.equal(frames.pushText('{}'), 2);
  assert.equal(frames.since(0), null);
  assert.deepEqual(frames.since(2), []);
});
