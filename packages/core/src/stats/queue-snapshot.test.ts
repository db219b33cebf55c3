import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import type { AgentLogState } from './queue-log-event.ts';
import { countQueueAgents, snapshotQueue } from './queue-snapshot.ts';
import { QueueStatsAccumulator } from './queue-stats-accumulator.ts';

const now = 1_000_000;
const members: readonly AgentLogState[] = [
  'Ready',
  'Ready',
  'Ringing',
  'OnCall',
  'OnCall',
  'OnCall',
  'Paused',
  'Wrapup',
  'Dialing',
  'LoggedOut',
];

function accumulator() {
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'q1', serviceLevelMs: 20_000 }));
  unwrap(acc.add({ queueId: 'q1', contactId: 'c1', at: 0, type: 'entered', priority: 0 }));
  return acc;
}

describe('snapshotQueue', () => {
  test('member states are counted per state; N for the EWT is logged minus paused', () => {
    // 10 members, 1 logged out → logged 9; paused 1 → serving 8.
    assert.deepEqual(countQueueAgents(members), {
      logged: 9,
      available: 2,
      ringing: 1,
      dialing: 1,
      talking: 3,
      paused: 1,
      wrapup: 1,
      serving: 8,
    });
  });

  test('waiting and longest wait come from the enqueue times of the waiting contacts and now', () => {
    // Waiting since now − 30 s, now − 95 s and now − 2 s → 3 waiting, longest 95 s.
    const snapshot = unwrap(
      snapshotQueue(
        accumulator(),
        { waitingSince: [now - 30_000, now - 95_000, now - 2_000], members, recentHandleTimesMs: [] },
        now,
      ),
    );
    assert.equal(snapshot.waiting, 3);
    assert.equal(snapshot.longestWaitMs, 95_000);
    assert.equal(snapshot.entered, 1, 'the folded history is part of the snapshot');
    assert.equal(snapshot.at, now);
  });

  test('an empty queue has 0 waiting and a longest wait of 0', () => {
    const snapshot = unwrap(
      snapshotQueue(accumulator(), { waitingSince: [], members, recentHandleTimesMs: [] }, now),
    );
    assert.equal(snapshot.waiting, 0);
    assert.equal(snapshot.longestWaitMs, 0);
  });

  test('an enqueue time slightly after now (clock skew) is a wait of 0, never negative', () => {
    const snapshot = unwrap(
      snapshotQueue(accumulator(), { waitingSince: [now + 50], members, recentHandleTimesMs: [] }, now),
    );
    assert.equal(snapshot.longestWaitMs, 0);
  });

  test('the snapshot quotes a new arrival the EWT of position waiting + 1', () => {
    // 3 waiting → position 4; AHT = 240 s over 6 samples; N = 8 → 4 × 240 / 8 = 120 s.
    const handle = [200_000, 280_000, 240_000, 240_000, 200_000, 280_000];
    const snapshot = unwrap(
      snapshotQueue(
        accumulator(),
        { waitingSince: [now - 1, now - 2, now - 3], members, recentHandleTimesMs: handle },
        now,
      ),
    );
    assert.equal(snapshot.ewt.kind, 'estimate');
    assert.equal(snapshot.ewt.kind === 'estimate' && snapshot.ewt.ms, 120_000);
  });

  test('with too little history the snapshot EWT is insufficient, not 0', () => {
    const snapshot = unwrap(
      snapshotQueue(accumulator(), { waitingSince: [], members, recentHandleTimesMs: [1000] }, now),
    );
    assert.deepEqual(snapshot.ewt, {
      kind: 'insufficient',
      reason: 'too_few_samples',
      position: 1,
      agents: 8,
      samples: 1,
    });
  });

  test('a member state that is not an agent state is refused', () => {
    const result = snapshotQueue(
      accumulator(),
      { waitingSince: [], members: ['Ready', 'Busy' as AgentLogState], recentHandleTimesMs: [] },
      now,
    );
    assert.equal(result.ok, false);
  });
});
