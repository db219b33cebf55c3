import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { QueueStatsAccumulator } from './queue-stats-accumulator.ts';

const T = 20_000; // service-level threshold of queue q1
const q = { queueId: 'q1' } as const;
const s = (seconds: number) => seconds * 1000;

// A hand-built day of queue q1 (T = 20 s). Expected figures, worked out by hand:
//   entered   = c1..c8, c10, c11                         = 10  (c9 was refused: no `entered`)
//   answered  = c1 (5 s), c2 (20 s), c3 (45 s)           = 3
//   answeredWithinThreshold (wait <= 20 s): c1, c2        = 2   (exactly T still counts)
//   abandoned = c4 (8 s), c5 (20 s), c6 (50 s)           = 3
//   abandonedWithinThreshold (wait < 20 s): c4            = 1   → after T = 2 (c5 at exactly T, c6)
//   timedOut = 1 (c7), overflowed = 1 (c8), refused = 1 (c9), leftEmpty = 1 (c10); c11 still waits
//   serviceLevel = 2 / (3 + 2)                           = 0.4
//   abandonRate  = 3 / (3 + 3)                           = 0.5
//   ASA          = (5 + 20 + 45) / 3 s                   = 23 333.33 ms
//   maxWaitAnswered                                      = 45 000 ms
//   handled = 2 completed (c1, c3) + 1 transferred (c2) = 3
//   talk = 60 + 30 + 90 = 180 s → average talk 60 s; hold = 10 s; wrap-up = 15 + 0 + 30 = 45 s
//   average handle = (180 + 10 + 45) / 3 s               = 78 333.33 ms
//   average abandon wait = (8 + 20 + 50) / 3 s           = 26 000 ms
const day: readonly QueueLogEvent[] = [
  { ...q, contactId: 'c1', at: s(0), type: 'entered', priority: 0 },
  { ...q, contactId: 'c1', at: s(1), type: 'offered', agentId: 'a1' },
  { ...q, contactId: 'c1', at: s(5), type: 'connected', agentId: 'a1', waitMs: s(5) },
  { ...q, contactId: 'c2', at: s(10), type: 'entered', priority: 0 },
  { ...q, contactId: 'c2', at: s(30), type: 'connected', agentId: 'a2', waitMs: s(20) },
  { ...q, contactId: 'c3', at: s(40), type: 'entered', priority: 1 },
  { ...q, contactId: 'c3', at: s(50), type: 'offered', agentId: 'a3' },
  { ...q, contactId: 'c3', at: s(65), type: 'ringNoAnswer', agentId: 'a3' },
  {
    ...q,
    contactId: 'c1',
    at: s(75),
    type: 'completed',
    agentId: 'a1',
    talkMs: s(60),
    holdMs: s(10),
    endedBy: 'caller',
  },
  { ...q, contactId: 'c3', at: s(85), type: 'connected', agentId: 'a1', waitMs: s(45) },
  { ...q, contactId: 'c1', at: s(90), type: 'wrapupEnded', agentId: 'a1', wrapupMs: s(15) },
  { ...q, contactId: 'c2', at: s(60), type: 'transferred', agentId: 'a2', talkMs: s(30), target: 'ext:2001' },
  { ...q, contactId: 'c2', at: s(60), type: 'wrapupEnded', agentId: 'a2', wrapupMs: 0 },
  { ...q, contactId: 'c4', at: s(100), type: 'entered', priority: 0 },
  { ...q, contactId: 'c4', at: s(108), type: 'abandoned', waitMs: s(8), position: 1 },
  { ...q, contactId: 'c5', at: s(110), type: 'entered', priority: 0 },
  { ...q, contactId: 'c5', at: s(130), type: 'abandoned', waitMs: s(20), position: 1 },
  { ...q, contactId: 'c6', at: s(120), type: 'entered', priority: 0 },
  { ...q, contactId: 'c6', at: s(170), type: 'abandoned', waitMs: s(50), position: 1 },
  { ...q, contactId: 'c7', at: s(200), type: 'entered', priority: 0 },
  { ...q, contactId: 'c7', at: s(320), type: 'timeout', waitMs: s(120) },
  { ...q, contactId: 'c8', at: s(210), type: 'entered', priority: 0 },
  { ...q, contactId: 'c8', at: s(240), type: 'overflowed', waitMs: s(30), destination: 'queue:q2' },
  { ...q, contactId: 'c9', at: s(250), type: 'refused', reason: 'full' },
  { ...q, contactId: 'c10', at: s(260), type: 'entered', priority: 0 },
  { ...q, contactId: 'c10', at: s(270), type: 'leftEmpty', waitMs: s(10) },
  {
    ...q,
    contactId: 'c3',
    at: s(175),
    type: 'completed',
    agentId: 'a1',
    talkMs: s(90),
    holdMs: 0,
    endedBy: 'agent',
  },
  { ...q, contactId: 'c3', at: s(205), type: 'wrapupEnded', agentId: 'a1', wrapupMs: s(30) },
  { ...q, contactId: 'c11', at: s(300), type: 'entered', priority: 0 },
];

function fold(events: readonly QueueLogEvent[]): QueueStatsAccumulator {
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: T }));
  for (const event of events) unwrap(acc.add(event));
  return acc;
}

describe('QueueStatsAccumulator', () => {
  test('the hand-computed day gives the figures worked out in the comment', () => {
    const stats = fold(day).stats();
    assert.equal(stats.entered, 10);
    assert.equal(stats.offered, 2);
    assert.equal(stats.ringNoAnswers, 1);
    assert.equal(stats.answered, 3);
    assert.equal(stats.answeredWithinThreshold, 2);
    assert.equal(stats.abandoned, 3);
    assert.equal(stats.abandonedWithinThreshold, 1);
    assert.equal(stats.abandonedAfterThreshold, 2);
    assert.equal(stats.timedOut, 1);
    assert.equal(stats.overflowed, 1);
    assert.equal(stats.refused, 1);
    assert.equal(stats.leftEmpty, 1);
    assert.equal(stats.serviceLevel, 0.4);
    assert.equal(stats.abandonRate, 0.5);
    assert.equal(stats.asaMs, 70_000 / 3);
    assert.equal(stats.maxWaitAnsweredMs, 45_000);
    assert.equal(stats.handled, 3);
    assert.equal(stats.totalTalkMs, 180_000);
    assert.equal(stats.averageTalkMs, 60_000);
    assert.equal(stats.totalHoldMs, 10_000);
    assert.equal(stats.totalWrapupMs, 45_000);
    assert.equal(stats.averageHandleMs, 235_000 / 3);
    assert.equal(stats.averageAbandonWaitMs, 26_000);
    assert.equal(stats.serviceLevelMs, T);
  });

  test('a queue with no answered or abandoned contact has null ratios, not 0', () => {
    const stats = fold([{ ...q, contactId: 'c1', at: 0, type: 'entered', priority: 0 }]).stats();
    assert.equal(stats.entered, 1);
    assert.equal(stats.serviceLevel, null);
    assert.equal(stats.abandonRate, null);
    assert.equal(stats.asaMs, null);
    assert.equal(stats.averageTalkMs, null);
    assert.equal(stats.averageHandleMs, null);
    assert.equal(stats.maxWaitAnsweredMs, null);
  });

  test('only short abandons: service level stays null because no one was owed an answer yet', () => {
    const stats = fold([
      { ...q, contactId: 'c1', at: 0, type: 'entered', priority: 0 },
      { ...q, contactId: 'c1', at: s(3), type: 'abandoned', waitMs: s(3), position: 1 },
    ]).stats();
    assert.equal(stats.serviceLevel, null);
    assert.equal(stats.abandonRate, 1);
  });

  test('timeouts and overflows are not abandons', () => {
    const stats = fold(day.filter((e) => e.contactId === 'c7' || e.contactId === 'c8')).stats();
    assert.equal(stats.abandoned, 0);
    assert.equal(stats.abandonRate, null);
    assert.equal(stats.timedOut + stats.overflowed, 2);
  });

  test('merging the folds of two halves gives the fold of the whole day', () => {
    for (const cut of [0, 7, 13, day.length]) {
      const merged = unwrap(fold(day.slice(0, cut)).merge(fold(day.slice(cut))));
      assert.deepEqual(merged.stats(), fold(day).stats());
    }
  });

  test('an event of another queue is refused and changes nothing', () => {
    const acc = fold(day);
    const before = acc.stats();
    const result = acc.add({ queueId: 'q2', contactId: 'x', at: 0, type: 'entered', priority: 0 });
    assert.equal(result.ok, false);
    assert.deepEqual(acc.stats(), before);
  });

  test('a malformed event (negative wait) is refused and changes nothing', () => {
    const acc = fold(day);
    const before = acc.stats();
    const result = acc.add({ ...q, contactId: 'x', at: 0, type: 'connected', agentId: 'a1', waitMs: -5 });
    assert.equal(result.ok, false);
    assert.deepEqual(acc.stats(), before);
  });

  test('folds of different thresholds do not merge', () => {
    const other = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: 30_000 }));
    assert.equal(fold(day).merge(other).ok, false);
  });

  test('a bad threshold is refused at creation', () => {
    assert.equal(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: -1 }).ok, false);
    assert.equal(QueueStatsAccumulator.create({ queueId: '', serviceLevelMs: 1 }).ok, false);
  });

  test('a new threshold judges the answers and abandons folded after it; earlier ones keep their judgement', () => {
    // Before the change (T = 20 s): answered at 15 s and 25 s, abandoned at 12 s. After (T = 10 s):
    // answered at 8 s and 15 s, abandoned at 12 s. Within: 15 s (old T), 8 s (new T) = 2 of 4 answers;
    // short abandons: 12 s under the old T only → abandoned after T = 1 → service level 2 / (4 + 1).
    const before = fold([
      { ...q, contactId: 'x1', at: s(15), type: 'connected', agentId: 'a1', waitMs: s(15) },
      { ...q, contactId: 'x2', at: s(25), type: 'connected', agentId: 'a1', waitMs: s(25) },
      { ...q, contactId: 'x3', at: s(12), type: 'abandoned', waitMs: s(12), position: 1 },
    ]);
    const after = unwrap(before.withServiceLevel(s(10)));
    for (const event of [
      { ...q, contactId: 'y1', at: s(40), type: 'connected', agentId: 'a1', waitMs: s(8) },
      { ...q, contactId: 'y2', at: s(45), type: 'connected', agentId: 'a1', waitMs: s(15) },
      { ...q, contactId: 'y3', at: s(50), type: 'abandoned', waitMs: s(12), position: 1 },
    ] as const satisfies readonly QueueLogEvent[])
      unwrap(after.add(event));
    const stats = after.stats();
    assert.equal(stats.serviceLevelMs, s(10));
    assert.equal(stats.answered, 4);
    assert.equal(stats.answeredWithinThreshold, 2);
    assert.equal(stats.abandonedWithinThreshold, 1);
    assert.equal(stats.serviceLevel, 2 / 5);
    // The old fold is untouched, and the two no longer merge (different T).
    assert.equal(before.stats().answered, 2);
    assert.equal(before.serviceLevelMs, T);
    assert.equal(before.merge(after).ok, false);
    assert.equal(before.withServiceLevel(-1).ok, false);
  });

  test('counters saved and restored give the same figures; inconsistent counters are refused', () => {
    const acc = fold(day);
    const restored = unwrap(
      QueueStatsAccumulator.fromCounters({ queueId: 'q1', serviceLevelMs: T }, acc.counters()),
    );
    assert.deepEqual(restored.stats(), acc.stats());
    const bad = { ...acc.counters(), answeredWithinThreshold: 99 };
    assert.equal(QueueStatsAccumulator.fromCounters({ queueId: 'q1', serviceLevelMs: T }, bad).ok, false);
    const negative = { ...acc.counters(), totalTalkMs: -1 };
    assert.equal(
      QueueStatsAccumulator.fromCounters({ queueId: 'q1', serviceLevelMs: T }, negative).ok,
      false,
    );
  });
});
