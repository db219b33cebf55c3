import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result } from '../result.ts';
import { QUEUE_LOG_EVENT_TYPES, type QueueLogEvent } from './queue-log-event.ts';
import { parseAgentLogEvent, parseQueueLogEvent } from './queue-log-parse.ts';

const base = { at: 1_700_000_000_000, contactId: 'c1', queueId: 'q1' };

// One well-formed example of every event type.
const examples: readonly QueueLogEvent[] = [
  { ...base, type: 'entered', priority: 0 },
  { ...base, type: 'offered', agentId: 'a1' },
  { ...base, type: 'ringNoAnswer', agentId: 'a1' },
  { ...base, type: 'connected', agentId: 'a1', waitMs: 12_000 },
  { ...base, type: 'abandoned', waitMs: 8_000, position: 2 },
  { ...base, type: 'timeout', waitMs: 300_000 },
  { ...base, type: 'overflowed', waitMs: 30_000, destination: 'queue:q2' },
  { ...base, type: 'refused', reason: 'full' },
  { ...base, type: 'leftEmpty', waitMs: 4_000 },
  { ...base, type: 'completed', agentId: 'a1', talkMs: 60_000, holdMs: 5_000, endedBy: 'caller' },
  { ...base, type: 'transferred', agentId: 'a1', talkMs: 20_000, target: 'extension:2001' },
  { ...base, type: 'wrapupEnded', agentId: 'a1', wrapupMs: 15_000 },
  { ...base, type: 'interrupted', waitMs: 12_000, agentId: 'a1' },
];

/** Asserts the result is an invalid_argument refusal and returns the field it names. */
function errorField(result: Result<unknown>): unknown {
  if (result.ok) assert.fail('expected a refusal');
  assert.equal(result.error.code, 'invalid_argument');
  return result.error.details.field;
}

describe('parseQueueLogEvent', () => {
  test('every event type read back from storage parses to the same event', () => {
    assert.deepEqual(
      examples.map((e) => e.type),
      [...QUEUE_LOG_EVENT_TYPES],
    );
    for (const example of examples) {
      const parsed = parseQueueLogEvent(JSON.parse(JSON.stringify(example)));
      assert.ok(parsed.ok, example.type);
      assert.deepEqual(parsed.value, example);
    }
  });

  test('fields that do not belong to the event type are dropped', () => {
    const parsed = parseQueueLogEvent({ ...base, type: 'timeout', waitMs: 5, agentId: 'a9', extra: true });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { ...base, type: 'timeout', waitMs: 5 });
  });

  test('a missing or malformed field is refused naming the field', () => {
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'connected', agentId: 'a1' })), 'waitMs');
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, type: 'connected', agentId: '', waitMs: 1 })),
      'agentId',
    );
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'timeout', waitMs: -1 })), 'waitMs');
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'timeout', waitMs: Number.NaN })), 'waitMs');
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, type: 'abandoned', waitMs: 1, position: 0 })),
      'position',
    );
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'entered', priority: 1.5 })), 'priority');
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'refused', reason: 'busy' })), 'reason');
    assert.equal(
      errorField(
        parseQueueLogEvent({ ...base, type: 'completed', agentId: 'a', talkMs: 1, holdMs: 0, endedBy: 'x' }),
      ),
      'endedBy',
    );
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'hangup' })), 'type');
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, at: '2024-01-01', type: 'entered', priority: 0 })),
      'at',
    );
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, queueId: 7, type: 'entered', priority: 0 })),
      'queueId',
    );
  });

  test('an interrupted line names an agent only when it was answered: agentId absent, never null or empty', () => {
    const waiting = parseQueueLogEvent({ ...base, type: 'interrupted', waitMs: 3_600_000 });
    assert.ok(waiting.ok);
    assert.deepEqual(waiting.value, { ...base, type: 'interrupted', waitMs: 3_600_000 });
    assert.equal('agentId' in waiting.value, false);
    // undefined is absence (what JSON.stringify makes of it), not a value.
    const undef = parseQueueLogEvent({ ...base, type: 'interrupted', waitMs: 1, agentId: undefined });
    assert.ok(undef.ok);
    assert.equal('agentId' in undef.value, false);
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, type: 'interrupted', waitMs: 1, agentId: null })),
      'agentId',
    );
    assert.equal(
      errorField(parseQueueLogEvent({ ...base, type: 'interrupted', waitMs: 1, agentId: '' })),
      'agentId',
    );
    assert.equal(errorField(parseQueueLogEvent({ ...base, type: 'interrupted', agentId: 'a1' })), 'waitMs');
  });

  test('something that is not an object is refused, not thrown on', () => {
    for (const input of [null, undefined, 42, 'entered', [base]]) {
      assert.equal(parseQueueLogEvent(input).ok, false);
    }
  });
});

describe('parseAgentLogEvent', () => {
  test('a well-formed agent state event parses and loses unknown fields', () => {
    const parsed = parseAgentLogEvent({ at: 5, agentId: 'a1', state: 'Paused', reason: 'lunch', x: 1 });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, { at: 5, agentId: 'a1', state: 'Paused', reason: 'lunch' });
  });

  test('an unknown state, a missing reason or a negative time is refused naming the field', () => {
    assert.equal(
      errorField(parseAgentLogEvent({ at: 5, agentId: 'a1', state: 'Busy', reason: null })),
      'state',
    );
    assert.equal(errorField(parseAgentLogEvent({ at: 5, agentId: 'a1', state: 'Ready' })), 'reason');
    assert.equal(
      errorField(parseAgentLogEvent({ at: -5, agentId: 'a1', state: 'Ready', reason: null })),
      'at',
    );
    assert.equal(errorField(parseAgentLogEvent({ at: 5, state: 'Ready', reason: null })), 'agentId');
  });
});
