import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import { estimateNewArrivalWait, estimateWaitTime } from './ewt.ts';
import { RecentHandleTimes } from './recent-handle-times.ts';

const s = (seconds: number) => seconds * 1000;
// Five finished contacts: AHT = (100 + 200 + 300 + 400 + 500) / 5 = 300 s.
const fiveSamples = [s(100), s(200), s(300), s(400), s(500)];

describe('estimateWaitTime', () => {
  test('EWT(k) = k × AHT / N: AHT 300 s, N = 3 → position 1 waits 100 s, position 4 waits 400 s', () => {
    const first = unwrap(estimateWaitTime({ position: 1, handleTimesMs: fiveSamples, servingAgents: 3 }));
    assert.deepEqual(first, {
      kind: 'estimate',
      ms: s(100),
      position: 1,
      ahtMs: s(300),
      agents: 3,
      samples: 5,
    });
    const fourth = unwrap(estimateWaitTime({ position: 4, handleTimesMs: fiveSamples, servingAgents: 3 }));
    assert.equal(fourth.kind === 'estimate' && fourth.ms, s(400));
  });

  test('fewer than 5 finished contacts is insufficient data, a value distinct from any estimate', () => {
    const estimate = unwrap(
      estimateWaitTime({ position: 1, handleTimesMs: fiveSamples.slice(1), servingAgents: 3 }),
    );
    assert.deepEqual(estimate, {
      kind: 'insufficient',
      reason: 'too_few_samples',
      position: 1,
      agents: 3,
      samples: 4,
    });
  });

  test('no agent logged in and unpaused is insufficient data, never 0 and never infinite', () => {
    const estimate = unwrap(estimateWaitTime({ position: 2, handleTimesMs: fiveSamples, servingAgents: 0 }));
    assert.deepEqual(estimate, {
      kind: 'insufficient',
      reason: 'no_agents',
      position: 2,
      agents: 0,
      samples: 5,
    });
  });

  test('only the last `window` (20) handle times count: older ones are forgotten', () => {
    // 5 very long calls, then 20 calls of 60 s → AHT 60 s; N = 2, position 3 → 3 × 60 / 2 = 90 s.
    const history = [...Array(5).fill(s(3600)), ...Array(20).fill(s(60))];
    const estimate = unwrap(estimateWaitTime({ position: 3, handleTimesMs: history, servingAgents: 2 }));
    assert.equal(estimate.kind === 'estimate' && estimate.ms, s(90));
    assert.equal(estimate.samples, 20);
  });

  test('the thresholds can be chosen: minSamples 2 of a window of 3', () => {
    // last 3 of [100, 200, 300, 400, 500] s → AHT 400 s; N = 4 → position 1: 100 s.
    const estimate = unwrap(
      estimateWaitTime({
        position: 1,
        handleTimesMs: fiveSamples,
        servingAgents: 4,
        window: 3,
        minSamples: 2,
      }),
    );
    assert.equal(estimate.kind === 'estimate' && estimate.ms, s(100));
  });

  test('bad inputs are refused: position 0, negative agents, a negative sample, minSamples above window', () => {
    const base = { position: 1, handleTimesMs: fiveSamples, servingAgents: 1 };
    assert.equal(estimateWaitTime({ ...base, position: 0 }).ok, false);
    assert.equal(estimateWaitTime({ ...base, servingAgents: -1 }).ok, false);
    assert.equal(estimateWaitTime({ ...base, handleTimesMs: [...fiveSamples, -1] }).ok, false);
    assert.equal(estimateWaitTime({ ...base, minSamples: 21 }).ok, false);
  });

  test('a new arrival is quoted the EWT of position waiting + 1', () => {
    // 2 waiting → position 3; AHT 300 s, N = 3 → 300 s.
    const estimate = unwrap(
      estimateNewArrivalWait({ waiting: 2, handleTimesMs: fiveSamples, servingAgents: 3 }),
    );
    assert.equal(estimate.kind === 'estimate' && estimate.ms, s(300));
    assert.equal(estimate.position, 3);
    assert.equal(estimateNewArrivalWait({ waiting: -1, handleTimesMs: [], servingAgents: 1 }).ok, false);
  });
});

describe('RecentHandleTimes', () => {
  const q = { queueId: 'q1' } as const;

  test('a handle time is talk + hold + wrap-up, taken when the wrap-up ends', () => {
    const recent = unwrap(RecentHandleTimes.create({ queueId: 'q1' }));
    unwrap(recent.add({ ...q, contactId: 'c1', at: 0, type: 'connected', agentId: 'a1', waitMs: 0 }));
    unwrap(
      recent.add({
        ...q,
        contactId: 'c1',
        at: 1,
        type: 'completed',
        agentId: 'a1',
        talkMs: 60,
        holdMs: 5,
        endedBy: 'agent',
      }),
    );
    assert.deepEqual(recent.samples(), [], 'still in wrap-up: not finished yet');
    unwrap(recent.add({ ...q, contactId: 'c1', at: 2, type: 'wrapupEnded', agentId: 'a1', wrapupMs: 15 }));
    // 60 + 5 + 15 = 80
    assert.deepEqual(recent.samples(), [80]);
  });

  test('a transferred contact counts its talk plus wrap-up; a wrap-up of an unseen call is skipped', () => {
    const recent = unwrap(RecentHandleTimes.create({ queueId: 'q1' }));
    unwrap(
      recent.add({
        ...q,
        contactId: 'c2',
        at: 0,
        type: 'transferred',
        agentId: 'a1',
        talkMs: 30,
        target: 'x',
      }),
    );
    unwrap(recent.add({ ...q, contactId: 'c2', at: 1, type: 'wrapupEnded', agentId: 'a1', wrapupMs: 0 }));
    unwrap(recent.add({ ...q, contactId: 'c0', at: 2, type: 'wrapupEnded', agentId: 'a2', wrapupMs: 40 }));
    assert.deepEqual(recent.samples(), [30]);
  });

  test('only the latest `window` samples are kept, oldest first', () => {
    const recent = unwrap(RecentHandleTimes.create({ queueId: 'q1', window: 3 }));
    for (let i = 1; i <= 5; i++) {
      const contactId = `c${i}`;
      unwrap(
        recent.add({
          ...q,
          contactId,
          at: i,
          type: 'completed',
          agentId: 'a1',
          talkMs: i,
          holdMs: 0,
          endedBy: 'caller',
        }),
      );
      unwrap(recent.add({ ...q, contactId, at: i, type: 'wrapupEnded', agentId: 'a1', wrapupMs: 0 }));
    }
    assert.deepEqual(recent.samples(), [3, 4, 5]);
  });

  test('an event of another queue and a window of 0 are refused', () => {
    const recent = unwrap(RecentHandleTimes.create({ queueId: 'q1' }));
    assert.equal(
      recent.add({ queueId: 'q2', contactId: 'c', at: 0, type: 'entered', priority: 0 }).ok,
      false,
    );
    assert.equal(RecentHandleTimes.create({ queueId: 'q1', window: 0 }).ok, false);
  });
});
