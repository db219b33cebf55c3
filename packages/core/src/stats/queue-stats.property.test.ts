// Property tests over random but valid queue logs: contacts with random lifecycles (refused,
// still waiting, answered and finished, abandoned, timed out, ...) interleaved in time order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { unwrap } from '../result.ts';
import { closedEntries, type QueueStats } from './queue-counters.ts';
import { QueueIntervalStatsAccumulator } from './queue-interval-stats.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { QueueStatsAccumulator } from './queue-stats-accumulator.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);
const OUTCOMES = [
  'refused',
  'waiting',
  'completed',
  'transferred',
  'talking',
  'abandoned',
  'timeout',
  'overflowed',
  'leftEmpty',
  'cutOffWaiting', // the system stopped while it waited: an `interrupted` line without agent
  'cutOffTalking', // the system stopped while it talked: an `interrupted` line naming the agent
] as const;
type Outcome = (typeof OUTCOMES)[number];

const agentArb = fc.constantFrom('a1', 'a2', 'a3');
const contactArb = fc.record({
  start: fc.integer({ min: 0, max: 7_200_000 }),
  outcome: fc.constantFrom(...OUTCOMES),
  rings: fc.array(fc.record({ agent: agentArb, gapMs: fc.nat(60_000), ringMs: fc.nat(30_000) }), {
    maxLength: 2,
  }),
  extraWaitMs: fc.nat(180_000),
  agent: agentArb,
  talkMs: fc.nat(600_000),
  holdMs: fc.nat(120_000),
  wrapupMs: fc.option(fc.nat(120_000)), // null: still in wrap-up when the log ends
  priority: fc.nat(5),
  position: fc.integer({ min: 1, max: 20 }),
});
type ContactPlan = (typeof contactArb extends fc.Arbitrary<infer T> ? T : never) & { readonly id: string };

/** The events one contact produces, in its own time order. */
function lifecycle(plan: ContactPlan): QueueLogEvent[] {
  const base = { queueId: 'q1', contactId: plan.id };
  const { start } = plan;
  if (plan.outcome === 'refused') return [{ ...base, at: start, type: 'refused', reason: 'full' }];
  const events: QueueLogEvent[] = [{ ...base, at: start, type: 'entered', priority: plan.priority }];
  let t = start;
  for (const ring of plan.rings) {
    t += ring.gapMs;
    events.push({ ...base, at: t, type: 'offered', agentId: ring.agent });
    t += ring.ringMs;
    events.push({ ...base, at: t, type: 'ringNoAnswer', agentId: ring.agent });
  }
  t += plan.extraWaitMs;
  const waitMs = t - start;
  const agentId = plan.agent;
  switch (plan.outcome) {
    case 'waiting':
      return events;
    case 'abandoned':
      return [...events, { ...base, at: t, type: 'abandoned', waitMs, position: plan.position }];
    case 'timeout':
      return [...events, { ...base, at: t, type: 'timeout', waitMs }];
    case 'overflowed':
      return [...events, { ...base, at: t, type: 'overflowed', waitMs, destination: 'queue:q2' }];
    case 'leftEmpty':
      return [...events, { ...base, at: t, type: 'leftEmpty', waitMs }];
    case 'cutOffWaiting':
      return [...events, { ...base, at: t, type: 'interrupted', waitMs }];
    default: {
      events.push({ ...base, at: t, type: 'offered', agentId });
      events.push({ ...base, at: t, type: 'connected', agentId, waitMs });
      if (plan.outcome === 'talking') return events;
      if (plan.outcome === 'cutOffTalking')
        return [...events, { ...base, at: t + plan.talkMs, type: 'interrupted', waitMs, agentId }];
      t += plan.talkMs + plan.holdMs;
      events.push(
        plan.outcome === 'completed'
          ? {
              ...base,
              at: t,
              type: 'completed',
              agentId,
              talkMs: plan.talkMs,
              holdMs: plan.holdMs,
              endedBy: 'caller',
            }
          : { ...base, at: t, type: 'transferred', agentId, talkMs: plan.talkMs, target: 'ext:2001' },
      );
      if (plan.wrapupMs !== null) {
        events.push({
          ...base,
          at: t + plan.wrapupMs,
          type: 'wrapupEnded',
          agentId,
          wrapupMs: plan.wrapupMs,
        });
      }
      return events;
    }
  }
}

const logArb = fc
  .record({ contacts: fc.array(contactArb, { maxLength: 40, size: 'medium' }), thresholdMs: fc.nat(60_000) })
  .map(({ contacts, thresholdMs }) => {
    const plans = contacts.map((c, i) => ({ ...c, id: `c${i}` }));
    // Array.prototype.sort is stable, so each contact's own events keep their order on equal times.
    const events = plans.flatMap(lifecycle).sort((a, b) => a.at - b.at);
    return { plans, events, thresholdMs };
  });

function fold(events: readonly QueueLogEvent[], serviceLevelMs: number): QueueStatsAccumulator {
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs }));
  for (const event of events) unwrap(acc.add(event));
  return acc;
}

function inUnitOrNull(x: number | null): boolean {
  return x === null || (x >= 0 && x <= 1);
}

function sumOf(list: readonly QueueStats[], key: keyof QueueStats): number {
  return list.reduce((sum, stats) => sum + (stats[key] as number), 0);
}

describe('queue statistics over random valid logs', () => {
  test('no statistic is negative, outcomes close every entry but the waiting, ratios are in [0, 1] or null', () => {
    fc.assert(
      fc.property(logArb, ({ plans, events, thresholdMs }) => {
        const stats = fold(events, thresholdMs).stats();
        for (const [key, value] of Object.entries(stats)) {
          if (typeof value === 'number') assert.ok(value >= 0, `${key} = ${value}`);
        }
        const outcomes = closedEntries(stats);
        assert.ok(outcomes <= stats.entered);
        assert.ok(stats.answeredWithinThreshold <= stats.answered);
        assert.ok(stats.abandonedWithinThreshold <= stats.abandoned);
        assert.ok(stats.handled <= stats.answered);
        assert.ok(inUnitOrNull(stats.serviceLevel));
        assert.ok(inUnitOrNull(stats.abandonRate));
        // The counts match the plans the log was made from (refused counted apart from entered).
        const count = (...kinds: Outcome[]) => plans.filter((p) => kinds.includes(p.outcome)).length;
        assert.equal(stats.refused, count('refused'));
        assert.equal(stats.entered, plans.length - count('refused'));
        assert.equal(stats.answered, count('completed', 'transferred', 'talking', 'cutOffTalking'));
        assert.equal(stats.interrupted, count('cutOffWaiting', 'cutOffTalking'));
        assert.equal(stats.interruptedWaiting, count('cutOffWaiting'));
        // Every entry has its one outcome except the contacts still waiting when the log ends.
        assert.equal(stats.entered - outcomes, count('waiting'));
        assert.equal(stats.abandoned, count('abandoned'));
        assert.equal(
          stats.timedOut + stats.overflowed + stats.leftEmpty,
          count('timeout', 'overflowed', 'leftEmpty'),
        );
        if (stats.asaMs !== null) assert.ok(stats.asaMs <= (stats.maxWaitAnsweredMs ?? 0));
      }),
      { numRuns },
    );
  });

  test('merging the folds of two halves of a log equals folding the whole log', () => {
    fc.assert(
      fc.property(logArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ events, thresholdMs }, cutAt) => {
        const cut = Math.floor(cutAt * events.length);
        const first = fold(events.slice(0, cut), thresholdMs);
        const second = fold(events.slice(cut), thresholdMs);
        assert.deepEqual(unwrap(first.merge(second)).stats(), fold(events, thresholdMs).stats());
      }),
      { numRuns },
    );
  });

  test('interval buckets sum to the whole-period figures', () => {
    fc.assert(
      fc.property(
        logArb,
        fc.constantFrom(60_000, 900_000, 1_800_000),
        ({ events, thresholdMs }, intervalMs) => {
          const intervals = unwrap(
            QueueIntervalStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: thresholdMs, intervalMs }),
          );
          for (const event of events) unwrap(intervals.add(event));
          const whole = fold(events, thresholdMs).stats();
          const buckets = intervals.intervals().map((i) => i.stats);
          for (const key of [
            'entered',
            'answered',
            'abandoned',
            'answeredWithinThreshold',
            'totalTalkMs',
          ] as const) {
            assert.equal(sumOf(buckets, key), whole[key], key);
          }
          assert.deepEqual(intervals.total(), whole);
          for (const { start, end } of intervals.intervals()) {
            assert.equal(end - start, intervalMs);
            assert.equal(start % intervalMs, 0);
          }
        },
      ),
      { numRuns },
    );
  });
});
