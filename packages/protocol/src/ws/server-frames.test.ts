import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wireError } from '../wire/wire-error.ts';
import { parseServerFrame } from './parse-server-frame.ts';
import {
  batchFrame,
  batchFrameText,
  eventFrame,
  helloFrame,
  PROTOCOL_VERSION,
  pongFrame,
  resultError,
  resultOk,
  snapshotFrame,
  unbatch,
} from './server-frames.ts';

const state = { topics: ['agent:me' as const], agents: [], contacts: [], queues: [], agentStats: [] };

describe('server frames', () => {
  test('each builder makes a frame the client-side parser accepts as it is', () => {
    const frames = [
      helloFrame({ sessionId: 's1', heartbeatMs: 15_000, resumeBufferSize: 1000, serverTime: 1 }),
      resultOk('c1', { topics: ['agent:me'] }),
      resultError(null, wireError('invalid_argument', 'bad', { reason: 'bad_json' })),
      eventFrame(7, 'agent:me', {
        type: 'queue.log',
        at: 5,
        entry: { type: 'refused', at: 5, contactId: 'c1', queueId: 'q', reason: 'full' },
      }),
      snapshotFrame(8, true, state),
      pongFrame('p1', 9),
      pongFrame(undefined, 9),
    ];
    for (const frame of frames) {
      assert.deepEqual(parseServerFrame(JSON.stringify(frame)), { ok: true, value: frame });
    }
  });

  test('hello names the protocol version', () => {
    const hello = helloFrame({ sessionId: 's', heartbeatMs: 1, resumeBufferSize: 1, serverTime: 0 });
    assert.equal(hello.protocol, PROTOCOL_VERSION);
  });

  test('a server may add fields: the client accepts a frame with one more', () => {
    const frame = { ...pongFrame('p', 1), region: 'eu' };
    assert.equal(parseServerFrame(JSON.stringify(frame)).ok, true);
  });

  test('an event frame without seq, or with an event of an unknown type, is refused with a path', () => {
    const noSeq = parseServerFrame('{"type":"event","topic":"agents","event":{"type":"agent.state"}}');
    assert.equal(noSeq.ok, false);
    const bad = parseServerFrame(
      JSON.stringify({ type: 'event', seq: 1, topic: 'agents', event: { type: 'x', at: 1 } }),
    );
    assert.equal(!bad.ok && bad.error.details.path, '/event/type');
  });

  test('a batch spliced from serialised frames is the JSON of the batch of those frames, in order', () => {
    const frames = [
      resultOk('c1', { topics: ['agent:me'] }),
      snapshotFrame(1, false, state),
      eventFrame(2, 'agent:me', {
        type: 'queue.log',
        at: 5,
        entry: { type: 'refused', at: 5, contactId: 'c1', queueId: 'q', reason: 'full' },
      }),
    ];
    const texts = frames.map((f) => JSON.stringify(f));
    const text = batchFrameText(texts);
    assert.equal(text, JSON.stringify(batchFrame(frames)));
    assert.deepEqual(
      texts,
      frames.map((f) => JSON.stringify(f)),
      'the frames given are left as they were',
    );
    for (const n of [0, 2])
      assert.equal(batchFrameText(texts.slice(0, n)), JSON.stringify(batchFrame(frames.slice(0, n))));
    const parsed = parseServerFrame(text);
    assert.deepEqual(parsed, { ok: true, value: batchFrame(frames) });
    assert.deepEqual(parsed.ok && unbatch(parsed.value), frames);
  });

  test('one frame is sent as itself, not as a batch of one', () => {
    const text = JSON.stringify(pongFrame('p', 1));
    assert.equal(batchFrameText([text]), text);
    const parsed = parseServerFrame(text);
    assert.deepEqual(parsed.ok && unbatch(parsed.value), [pongFrame('p', 1)]);
  });

  test('a batch inside a batch, or a batch of fewer than two frames, is refused', () => {
    const inner = JSON.stringify(batchFrame([pongFrame('a', 1), pongFrame('b', 2)]));
    assert.equal(parseServerFrame(`{"type":"batch","frames":[${inner},${inner}]}`).ok, false);
    assert.equal(parseServerFrame(JSON.stringify({ type: 'batch', frames: [pongFrame('a', 1)] })).ok, false);
  });
});
