// The `interrupted` line (a contact the system cut off, written by crash recovery) through every
// fold of the queue log: counters, intervals, the EWT's handle times, agent statistics.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import { AgentStatsAccumulator } from './agent-stats.ts';
import { closedEntries } from './queue-counters.ts';
import { QueueIntervalStatsAccumulator } from './queue-interval-stats.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { QueueStatsAccumulator } from './queue-stats-accumulator.ts';
import { RecentHandleTimes } from './recent-handle-times.ts';

const T = 20_000;
const q = { queueId: 'q1' } as const;
const s = (seconds: number) => seconds * 1000;
const RESTART = s(3600);

// Queue q1 (T = 20 s) when the process is killed, then the lines recovery writes at the restart:
//   w1 rang a1 without answer, then waited: interrupted, never answered, wait 0 → restart = 3600 s
//   w2 waited:                              interrupted, never answered, wait 3590 s
//   t1 talked with a1 (answered at 10 s):   interrupted, agentId a1, wait 10 s (its answer's)
//   u1 in wrap-up with a2 (answered 30 s):  interrupted, agentId a2, wait 30 s
//   n1 answered by a3 at 5 s, talked 60 s, wrapped up 10 s: ended before the crash
// Expected: entered 5, answered 3 (t1, u1, n1), within T 2 (t1 10 s, n1 5 s) → service level 2/3;
// interrupted 4, of which waiting 2; completed 2 (u1, n1) = handled; nothing left waiting:
// 5 entered − (3 answered + 2 interrupted while waiting) = 0.
const beforeCrash: readonly QueueLogEvent[] = [
  { ...q, contactId: 'w1', at: 0, type: 'entered', priority: 0 },
  { ...q, contactId: 'w1', at: s(2), type: 'offered', agentId: 'a1' },
  { ...q, contactId: 'w1', at: s(17), type: 'ringNoAnswer', agentId: 'a1' },
  { ...q, contactId: 'w2', at: s(10), type: 'entered', priority: 0 },
  { ...q, contactId: 't1', at: s(20), type: 'entered', priority: 0 },
  { ...q, contactId: 't1', at: s(30), type: 'connected', agentId: 'a1', waitMs: s(10) },
  { ...q, contactId: 'u1', at: s(40), type: 'entered', priority: 0 },
  { ...q, contactId: 'u1', at: s(70), type: 'connected', agentId: 'a2', waitMs: s(30) },
  {
    ...q,
    contactId: 'u1',
    at: s(130),
    type: 'completed',
    agentId: 'a2',
    talkMs: s(50),
    holdMs: s(10),
    endedBy: 'caller',
  },
  { ...q, contactId: 'n1', at: s(100), type: 'entered', priority: 0 },
  { ...q, contactId: 'n1', at: s(105), type: 'connected', agentId: 'a3', waitMs: s(5) },
  {
    ...q,
    contactId: 'n1',
    at: s(165),
    type: 'completed',
    agentId: 'a3',
    talkMs: s(60),
    holdMs: 0,
    endedBy: 'agent',
  },
  { ...q, contactId: 'n1', at: s(175), type: 'wrapupEnded', agentId: 'a3', wrapupMs: s(10) },
];
const recovered: readonly QueueLogEvent[] = [
  { ...q, contactId: 'w1', at: RESTART, type: 'interrupted', waitMs: RESTART },
  { ...q, contactId: 'w2', at: RESTART, type: 'interrupted', waitMs: RESTART - s(10) },
  { ...q, contactId: 't1', at: RESTART, type: 'interrupted', waitMs: s(10), agentId: 'a1' },
  { ...q, contactId: 'u1', at: RESTART, type: 'interrupted', waitMs: s(30), agentId: 'a2' },
];
const log = [...beforeCrash, ...recovered];

function fold(events: readonly QueueLogEvent[]): QueueStatsAccumulator {
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: T }));
  for (const event of events) unwrap(acc.add(event));
  return acc;
}

describe('the interrupted line in the queue statistics', () => {
  test('a log spanning a crash leaves no contact waiting: every entry has its outcome', () => {
    const stats = fold(log).stats();
    assert.equal(stats.entered, 5);
    assert.equal(stats.answered, 3);
    assert.equal(stats.interrupted, 4);
    assert.equal(stats.interruptedWaiting, 2);
    assert.equal(stats.entered - closedEntries(stats), 0);
    // Without the recovery lines the two never-answered contacts would wait forever.
    const before = fold(beforeCrash).stats();
    assert.equal(before.entered - (before.answered + before.interruptedWaiting), 2);
  });

  test('an interruption is neither an abandon nor an answer: every other figure is unchanged', () => {
    const stats = fold(log).stats();
    assert.equal(stats.answeredWithinThreshold, 2);
    assert.equal(stats.serviceLevel, 2 / 3);
    assert.equal(stats.abandoned, 0);
    assert.equal(stats.abandonRate, 0);
    assert.equal(stats.asaMs, s(15));
    assert.equal(stats.handled, 2);
    assert.equal(stats.averageHandleMs, (s(110) + s(10) + s(10)) / 2);
    const { interrupted: _i, interruptedWaiting: _w, ...rest } = stats;
    const { interrupted: _bi, interruptedWaiting: _bw, ...restBefore } = fold(beforeCrash).stats();
    assert.deepEqual(rest, restBefore);
  });

  test('interrupted lines count in the interval of the restart and merge like any other line', () => {
    const intervals = unwrap(
      QueueIntervalStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: T, intervalMs: s(900) }),
    );
    for (const event of log) unwrap(intervals.add(event));
    const last = intervals.intervals().at(-1)!;
    assert.equal(last.start, RESTART);
    assert.equal(last.stats.interrupted, 4);
    assert.equal(last.stats.interruptedWaiting, 2);
    assert.deepEqual(intervals.total(), fold(log).stats());
    const merged = unwrap(fold(beforeCrash).merge(fold(recovered)));
    assert.deepEqual(merged.stats(), fold(log).stats());
  });

  test('saved counters with more interrupted-while-waiting than interrupted are refused', () => {
    const counters = { ...fold(log).counters(), interruptedWaiting: 5 };
    const restored = QueueStatsAccumulator.fromCounters({ queueId: 'q1', serviceLevelMs: T }, counters);
    assert.equal(restored.ok, false);
  });
});

describe('the interrupted line in the EWT and agent statistics', () => {
  test('a contact cut off in wrap-up gives no handle-time sample, even if its wrap-up end shows up later', () => {
    const recent = unwrap(RecentHandleTimes.create({ queueId: 'q1' }));
    for (const event of log) unwrap(recent.add(event));
    assert.deepEqual(recent.samples(), [s(70)]); // n1 only: talk 60 + hold 0 + wrap-up 10
    unwrap(
      recent.add({ ...q, contactId: 'u1', at: RESTART, type: 'wrapupEnded', agentId: 'a2', wrapupMs: 0 }),
    );
    assert.deepEqual(recent.samples(), [s(70)]);
  });

  test("an agent's cut-off call stays one answered call and adds no completed call or talk", () => {
    const agent = new AgentStatsAccumulator('a1');
    for (const event of log) unwrap(agent.addQueueEvent(event));
    const stats = agent.stats(RESTART);
    assert.equal(stats.callsAnswered, 1);
    assert.equal(stats.completed, 0);
    assert.equal(stats.queueTalkMs, 0);
  });
});
