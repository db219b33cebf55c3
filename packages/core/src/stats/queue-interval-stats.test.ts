import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import { QueueIntervalStatsAccumulator } from './queue-interval-stats.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { QueueStatsAccumulator } from './queue-stats-accumulator.ts';

const q = { queueId: 'q1' } as const;
const day = Date.UTC(2024, 2, 4); // 2024-03-04T00:00Z
const at = (hh: number, mm: number, ss = 0) => day + ((hh * 60 + mm) * 60 + ss) * 1000;

// c1 enters 10:14:00 and is answered 10:16:00 (wait 120 s, T = 20 s → not within threshold);
// c2 enters exactly 10:15:00 (belongs to the 10:15 interval) and abandons 10:29:59.999.
// Expected, 15-min buckets:
//   10:00 bucket: entered 1 (c1)
//   10:15 bucket: entered 1 (c2), answered 1 (c1, within T 0), abandoned 1 (c2)
//                 → service level 0 / (1 + 1) = 0, abandon rate 1 / 2 = 0.5
const events: readonly QueueLogEvent[] = [
  { ...q, contactId: 'c1', at: at(10, 14), type: 'entered', priority: 0 },
  { ...q, contactId: 'c2', at: at(10, 15), type: 'entered', priority: 0 },
  { ...q, contactId: 'c1', at: at(10, 16), type: 'connected', agentId: 'a1', waitMs: 120_000 },
  { ...q, contactId: 'c2', at: at(10, 29, 59) + 999, type: 'abandoned', waitMs: 899_999, position: 1 },
];

function fold(list: readonly QueueLogEvent[], intervalMs?: number) {
  const acc = unwrap(
    QueueIntervalStatsAccumulator.create({
      queueId: 'q1',
      serviceLevelMs: 20_000,
      ...(intervalMs === undefined ? {} : { intervalMs }),
    }),
  );
  for (const event of list) unwrap(acc.add(event));
  return acc;
}

describe('QueueIntervalStatsAccumulator', () => {
  test('each event counts in the 15-minute interval that contains its time, keyed by the interval start', () => {
    const intervals = fold(events).intervals();
    assert.deepEqual(
      intervals.map((i) => [i.start, i.end]),
      [
        [at(10, 0), at(10, 15)],
        [at(10, 15), at(10, 30)],
      ],
    );
    const [first, second] = intervals;
    assert.equal(first?.stats.entered, 1);
    assert.equal(first?.stats.answered, 0);
    assert.equal(second?.stats.entered, 1);
    assert.equal(second?.stats.answered, 1);
    assert.equal(second?.stats.abandoned, 1);
    assert.equal(second?.stats.serviceLevel, 0);
    assert.equal(second?.stats.abandonRate, 0.5);
  });

  test('the total equals the plain accumulator over the same events', () => {
    const plain = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: 20_000 }));
    for (const event of events) unwrap(plain.add(event));
    assert.deepEqual(fold(events).total(), plain.stats());
  });

  test('an origin shifts the bucket edges (e.g. half-hour intervals starting at :10)', () => {
    const acc = unwrap(
      QueueIntervalStatsAccumulator.create({
        queueId: 'q1',
        serviceLevelMs: 0,
        intervalMs: 30 * 60_000,
        originMs: 10 * 60_000,
      }),
    );
    assert.equal(acc.intervalStart(at(10, 9)), at(9, 40));
    assert.equal(acc.intervalStart(at(10, 10)), at(10, 10));
    assert.equal(acc.intervalStart(at(10, 39, 59)), at(10, 10));
  });

  test('merging interval folds adds them bucket by bucket', () => {
    const merged = unwrap(fold(events.slice(0, 2)).merge(fold(events.slice(2))));
    assert.deepEqual(merged.intervals(), fold(events).intervals());
  });

  test('folds with different interval lengths do not merge', () => {
    assert.equal(fold(events).merge(fold(events, 60_000)).ok, false);
  });

  test('an interval length that is not a positive integer is refused', () => {
    for (const intervalMs of [0, -900_000, 1.5, Number.NaN]) {
      assert.equal(
        QueueIntervalStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: 0, intervalMs }).ok,
        false,
        String(intervalMs),
      );
    }
  });

  test('an event of another queue is refused and leaves every bucket as it was', () => {
    const acc = fold(events);
    const before = acc.intervals();
    assert.equal(
      acc.add({ queueId: 'q2', contactId: 'x', at: at(11, 0), type: 'entered', priority: 0 }).ok,
      false,
    );
    assert.deepEqual(acc.intervals(), before);
  });
});
