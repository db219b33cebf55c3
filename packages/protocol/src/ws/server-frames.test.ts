import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wireError } from '../wire/wire-error.ts';
import { parseServerFrame } from './parse-server-frame.ts';
import {
  eventFrame,
  helloFrame,
  PROTOCOL_VERSION,
  pongFrame,
  resultError,
  resultOk,
  snapshotFrame,
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
});
