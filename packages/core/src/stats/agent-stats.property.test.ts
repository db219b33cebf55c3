// Property tests over random agent state histories and random EWT inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { unwrap } from '../result.ts';
import { AgentStatsAccumulator } from './agent-stats.ts';
import { estimateWaitTime } from './ewt.ts';
import { AGENT_LOG_STATES } from './queue-log-event.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

const historyArb = fc.record({
  start: fc.nat(1_000_000_000),
  steps: fc.array(
    fc.record({
      gapMs: fc.nat(3_600_000),
      state: fc.constantFrom(...AGENT_LOG_STATES),
      reason: fc.constantFrom(null, 'lunch', 'break', 'training'),
    }),
    { maxLength: 30, size: 'medium' },
  ),
  // `now` may even fall before the last event: the open state then counts 0.
  nowOffsetMs: fc.integer({ min: -60_000, max: 3_600_000 }),
});

describe('agent statistics over random state histories', () => {
  test('durations are never negative, add up to the logged-in time, and occupancy is in [0, 1] or null', () => {
    fc.assert(
      fc.property(historyArb, ({ start, steps, nowOffsetMs }) => {
        const acc = new AgentStatsAccumulator('a1');
        let at = start;
        const timeline: { at: number; state: string }[] = [];
        for (const step of steps) {
          at += step.gapMs;
          unwrap(acc.addState({ at, agentId: 'a1', state: step.state, reason: step.reason }));
          timeline.push({ at, state: step.state });
        }
        const now = at + nowOffsetMs;
        const stats = acc.stats(now);
        const parts = [
          stats.readyMs,
          stats.pausedMs,
          stats.ringingMs,
          stats.dialingMs,
          stats.talkMs,
          stats.wrapupMs,
        ];
        assert.ok(parts.every((ms) => ms >= 0));
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          stats.loginMs,
        );
        const byReason = Object.values(stats.pausedByReasonMs);
        assert.ok(byReason.every((ms) => ms >= 0));
        assert.equal(
          byReason.reduce((a, b) => a + b, 0),
          stats.pausedMs,
        );
        assert.ok(stats.occupancy === null || (stats.occupancy >= 0 && stats.occupancy <= 1));
        // Oracle: logged-in time is the length of every segment not spent LoggedOut, the last one up to now.
        let expectedLogin = 0;
        timeline.forEach((seg, i) => {
          const end = timeline[i + 1]?.at ?? Math.max(now, seg.at);
          if (seg.state !== 'LoggedOut') expectedLogin += end - seg.at;
        });
        assert.equal(stats.loginMs, expectedLogin);
      }),
      { numRuns },
    );
  });
});

describe('EWT over random inputs', () => {
  test('insufficient exactly when fewer than minSamples or N = 0; otherwise k × AHT / N, growing with k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1_800_000), { maxLength: 30 }),
        fc.integer({ min: 1, max: 200 }),
        fc.nat(50),
        fc.integer({ min: 1, max: 20 }),
        (handleTimesMs, position, servingAgents, minSamples) => {
          const estimate = unwrap(estimateWaitTime({ position, handleTimesMs, servingAgents, minSamples }));
          const samples = Math.min(20, handleTimesMs.length);
          const insufficient = servingAgents === 0 || samples < minSamples;
          assert.equal(estimate.kind, insufficient ? 'insufficient' : 'estimate');
          if (estimate.kind === 'estimate') {
            const aht = handleTimesMs.slice(-20).reduce((a, b) => a + b, 0) / samples;
            assert.equal(estimate.ms, Math.round((position * aht) / servingAgents));
            const next = unwrap(
              estimateWaitTime({ position: position + 1, handleTimesMs, servingAgents, minSamples }),
            );
            assert.ok(next.kind === 'estimate' && next.ms >= estimate.ms);
          }
        },
      ),
      { numRuns },
    );
  });
});
