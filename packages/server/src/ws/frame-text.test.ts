import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventFrame, parseServerFrame, type WireEvent } from '@switchboard/protocol';
import fc from 'fast-check';
import { eventFrameText } from './frame-text.ts';

test('a spliced event frame is exactly the JSON of the event frame, and a valid server frame', () => {
  const event: WireEvent = {
    type: 'queue.log',
    at: 1_767_600_000_000,
    entry: { type: 'entered', at: 1_767_600_000_000, contactId: 'c-1', queueId: 'sales "east"', priority: 0 },
  } as unknown as WireEvent;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.stringMatching(/^[a-z0-9"\\ é]{1,20}$/),
      (seq, id) => {
        const topic = `queue:${id}` as const;
        const text = eventFrameText(seq, JSON.stringify(topic), JSON.stringify(event));
        assert.equal(text, JSON.stringify(eventFrame(seq, topic, event)));
        assert.ok(parseServerFrame(text).ok);
      },
    ),
    { numRuns: 500 },
  );
});
