import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventLog } from './event-log.ts';
import { eventFrameText } from './frame-text.ts';
import { ReplayFrames } from './replay-frames.ts';

test('a replayed event frame is the very text that was sent, with its own seq', () => {
  const log = new EventLog(1 << 16);
  const frames = new ReplayFrames(10, log);
  const sent: string[] = [];
  for (let i = 0; i < 6; i++) {
    if (i === 2) {
      const text = `{"type":"snapshot","seq":${frames.lastSeq + 1}}`;
      frames.pushText(text);
      sent.push(text);
      continue;
    }
    const event = JSON.stringify({ type: 'agent.state', n: i, name: 'Zoë 東京 🎧' });
    const seq = frames.pushEvent('"agent:me"', log.append(event));
    sent.push(eventFrameText(seq, '"agent:me"', event));
  }
  assert.deepEqual(frames.since(0), sent);
  assert.deepEqual(frames.since(3), sent.slice(3));
  assert.deepEqual(frames.since(6), []);
});

test("frames out of the session's window, or from the future, cannot be replayed", () => {
  const log = new EventLog(1 << 16);
  const frames = new ReplayFrames(4, log);
  for (let i = 0; i < 6; i++) frames.pushEvent('"agents"', log.append(`{"n":${i}}`));
  assert.equal(frames.firstSeq, 3);
  assert.equal(frames.since(1), null, 'seq 2 was overwritten by seq 6');
  assert.deepEqual(frames.since(4), [
    eventFrameText(5, '"agents"', '{"n":4}'),
    eventFrameText(6, '"agents"', '{"n":5}'),
  ]);
  assert.equal(frames.since(7), null);
  assert.equal(frames.since(-1), null);
  assert.equal(frames.since(2.5), null);
});

test('a text frame whose slot was taken over is gone; so is an event the shared log dropped', () => {
  const log = new EventLog(64);
  const frames = new ReplayFrames(3, log);
  frames.pushText('{"type":"snapshot"}');
  for (let i = 0; i < 3; i++) frames.pushEvent('"agents"', log.append(`{"n":${i}}`));
  assert.equal(frames.since(0), null, 'the snapshot (seq 1) left the window');
  assert.equal(frames.since(1)?.length, 3);
  // 64 bytes of log: a few more events push the first ones out of it while the window still names them.
  for (let i = 0; i < 5; i++) log.append(`{"other":${i}}`);
  assert.equal(frames.since(1), null);
  assert.deepEqual(frames.since(4), []);
});

test('a buffer of no capacity numbers frames but replays nothing', () => {
  const log = new EventLog(1024);
  const frames = new ReplayFrames(0, log);
  assert.equal(frames.pushEvent('"agents"', log.append('{}')), 1);
  assert.equal(frames.pushText('{}'), 2);
  assert.equal(frames.since(0), null);
  assert.deepEqual(frames.since(2), []);
});
