import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EventLog } from './event-log.ts';

const runs = Number(process.env.FC_RUNS ?? 10000);

test('an event reads back exactly as appended, any text, until newer events overwrite its bytes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 16, max: 4096 }),
      fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { minLength: 1, maxLength: 60 }),
      (size, texts) => {
        const log = new EventLog(size);
        const numbers = texts.map((t) => log.append(JSON.stringify(t)));
        assert.deepEqual(
          numbers,
          texts.map((_, i) => i),
        );
        // Reading back: an event is either intact or gone, never another's bytes; one too big for
        // the block is never kept; of the others, once one is gone every older one is gone too.
        let gone = false;
        for (let i = texts.length - 1; i >= 0; i--) {
          const json = log.read(i);
          const fits = JSON.stringify(texts[i]).length * 3 <= size;
          if (!fits) assert.equal(json, null);
          else if (json === null) gone = true;
          else {
            assert.equal(gone, false, `event ${i} readable after a newer one was dropped`);
            assert.equal(JSON.parse(json), texts[i]);
          }
        }
        const last = JSON.stringify(texts.at(-1));
        if (last.length * 3 <= size)
          assert.equal(log.read(texts.length - 1), last, 'the newest fits, so it is kept');
      },
    ),
    { numRuns: runs },
  );
});

test('numbers that were never given, or are not whole, read as null', () => {
  const log = new EventLog(1024);
  log.append('{"a":1}');
  assert.equal(log.read(0), '{"a":1}');
  for (const n of [-1, 1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) assert.equal(log.read(n), null);
  const none = new EventLog(0);
  assert.equal(none.append('{}'), 0);
  assert.equal(none.read(0), null);
});

test('bytes, not event count, bound what is kept', () => {
  const log = new EventLog(1000);
  const event = JSON.stringify({ type: 'agent.state', pad: 'x'.repeat(80) });
  for (let i = 0; i < 100; i++) log.append(event);
  let kept = 0;
  for (let i = 0; i < 100; i++) if (log.read(i) !== null) kept++;
  assert.ok(kept >= 3 && kept <= Math.floor(1000 / event.length), `kept ${kept}`);
});
