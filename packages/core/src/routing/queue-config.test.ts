import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type QueueConfig, validateQueueConfig } from './queue-config.ts';
import { queueConfig } from './routing-fixtures.ts';

function refusedField(overrides: Partial<QueueConfig>): unknown {
  const result = validateQueueConfig(queueConfig('q', overrides));
  if (result.ok) assert.fail(`accepted ${JSON.stringify(overrides)}`);
  assert.equal(result.error.code, 'invalid_argument');
  return result.error.details.field;
}

test('a well-formed queue config is accepted as it is', () => {
  const config = queueConfig('q', {
    strategy: 'ring-all',
    maxWaitMs: 300_000,
    maxLength: 20,
    joinEmpty: 'no-unpaused',
    leaveWhenEmpty: 'no-logged-in',
    overflow: {
      onTimeout: { kind: 'queue', queueId: 'backup' },
      onFull: { kind: 'external', number: '+3312' },
      onEmpty: { kind: 'hangup' },
    },
    requirements: [{ skill: 'fr', minLevel: 2 }],
    maxPenalty: 1,
    relaxation: [
      { afterMs: 30_000, maxPenalty: 2 },
      { afterMs: 60_000, maxPenalty: 2, minLevelDrop: 1 },
      { afterMs: 90_000, maxPenalty: 4 },
    ],
    weight: -3,
  });
  assert.deepEqual(validateQueueConfig(config), { ok: true, value: config });
});

test('ranges, names and rules out of bounds are refused naming the field', () => {
  const cases: [Partial<QueueConfig>, string][] = [
    [{ id: '' }, 'id'],
    [{ strategy: 'fastest' as never }, 'strategy'],
    [{ maxWaitMs: 0 }, 'maxWaitMs'],
    [{ maxLength: 0 }, 'maxLength'],
    [{ maxLength: 2.5 }, 'maxLength'],
    [{ joinEmpty: 'sometimes' as never }, 'joinEmpty'],
    [{ leaveWhenEmpty: 'paused' as never }, 'leaveWhenEmpty'],
    [{ wrapupMs: -1 }, 'wrapupMs'],
    [{ serviceLevelMs: Number.NaN }, 'serviceLevelMs'],
    [{ ringTimeoutMs: 0 }, 'ringTimeoutMs'],
    [{ maxPenalty: -1 }, 'maxPenalty'],
    [{ weight: Number.POSITIVE_INFINITY }, 'weight'],
    [{ requirements: [{ skill: '', minLevel: 1 }] }, 'requirements[0].skill'],
    [{ requirements: [{ skill: 'fr', minLevel: -1 }] }, 'requirements[0].minLevel'],
    [
      {
        requirements: [
          { skill: 'fr', minLevel: 1 },
          { skill: 'fr', minLevel: 2 },
        ],
      },
      'requirements[1].skill',
    ],
  ];
  for (const [overrides, field] of cases)
    assert.equal(refusedField(overrides), field, JSON.stringify(overrides));
});

test('overflow destinations must be well formed and not loop back into the queue', () => {
  const overflow = (onTimeout: unknown) => ({
    overflow: { onTimeout, onFull: null, onEmpty: null } as never,
  });
  assert.equal(refusedField(overflow({ kind: 'queue', queueId: 'q' })), 'overflow.onTimeout');
  assert.equal(refusedField(overflow({ kind: 'extension', extension: '' })), 'overflow.onTimeout');
  assert.equal(refusedField(overflow({ kind: 'voicemail' })), 'overflow.onTimeout');
  assert.equal(refusedField(overflow({ kind: 'agent', agentId: '' })), 'overflow.onTimeout');
});

test('relaxation steps must be sorted by afterMs and may only widen eligibility', () => {
  const relaxation = (...steps: QueueConfig['relaxation']) => ({ maxPenalty: 1, relaxation: steps });
  assert.equal(refusedField(relaxation({ afterMs: 0, maxPenalty: 1 })), 'relaxation[0].afterMs');
  assert.equal(
    refusedField(relaxation({ afterMs: 20, maxPenalty: 2 }, { afterMs: 10, maxPenalty: 3 })),
    'relaxation[1].afterMs',
  );
  assert.equal(
    refusedField(relaxation({ afterMs: 10, maxPenalty: 2 }, { afterMs: 10, maxPenalty: 3 })),
    'relaxation[1].afterMs',
  );
  assert.equal(refusedField(relaxation({ afterMs: 10, maxPenalty: 0 })), 'relaxation[0].maxPenalty');
  assert.equal(
    refusedField(relaxation({ afterMs: 10, maxPenalty: 3 }, { afterMs: 20, maxPenalty: 2 })),
    'relaxation[1].maxPenalty',
  );
  assert.equal(
    refusedField(
      relaxation(
        { afterMs: 10, maxPenalty: 1, minLevelDrop: 2 },
        { afterMs: 20, maxPenalty: 1, minLevelDrop: 1 },
      ),
    ),
    'relaxation[1].minLevelDrop',
  );
  assert.equal(
    refusedField(relaxation({ afterMs: 10, maxPenalty: 1, minLevelDrop: -1 })),
    'relaxation[0].minLevelDrop',
  );
});
