import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueueLogEvent } from '@switchboard/core';
import { journaledContact, T0 } from './contract-fixtures.ts';
import { contactQueueLinesQuery, interruptedLineOf } from './interrupted-line.ts';

const c = { contactId: 'c1', queueId: 'sales' } as const;
const RESTART = T0 + 3_600_000;
const entered = (at: number): QueueLogEvent => ({ ...c, at, type: 'entered', priority: 0 });
const connected = (at: number, waitMs: number, agentId = 'a1'): QueueLogEvent => ({
  ...c,
  at,
  type: 'connected',
  agentId,
  waitMs,
});
const entry = journaledContact('c1');

describe('the closing line of a contact the crash cut off', () => {
  test('one that waited or rang gets a line without agent, its wait running from its entry to the restart', () => {
    const lines: QueueLogEvent[] = [
      entered(T0 + 2000),
      { ...c, at: T0 + 3000, type: 'offered', agentId: 'a1' },
      { ...c, at: T0 + 18_000, type: 'ringNoAnswer', agentId: 'a1' },
    ];
    assert.deepEqual(interruptedLineOf(entry, lines, RESTART), {
      ...c,
      type: 'interrupted',
      at: RESTART,
      waitMs: RESTART - (T0 + 2000),
    });
  });

  test('one answered from the queue names the agent who answered and the wait of that answer', () => {
    const talking = [entered(T0), connected(T0 + 7000, 7000)];
    const expected = { ...c, type: 'interrupted', at: RESTART, waitMs: 7000, agentId: 'a1' };
    assert.deepEqual(interruptedLineOf(entry, talking, RESTART), expected);
    const inWrapup: QueueLogEvent[] = [
      ...talking,
      {
        ...c,
        at: T0 + 60_000,
        type: 'completed',
        agentId: 'a1',
        talkMs: 53_000,
        holdMs: 0,
        endedBy: 'caller',
      },
    ];
    assert.deepEqual(interruptedLineOf(entry, inWrapup, RESTART), expected);
  });

  test('a contact sent back into the same queue is judged by its last entry', () => {
    const lines: QueueLogEvent[] = [
      entered(T0),
      connected(T0 + 5000, 5000),
      { ...c, at: T0 + 20_000, type: 'transferred', agentId: 'a1', talkMs: 15_000, target: 'queue:sales' },
      { ...c, at: T0 + 20_000, type: 'wrapupEnded', agentId: 'a1', wrapupMs: 0 },
      entered(T0 + 20_000),
    ];
    assert.deepEqual(interruptedLineOf(entry, lines, RESTART), {
      ...c,
      type: 'interrupted',
      at: RESTART,
      waitMs: RESTART - (T0 + 20_000),
    });
  });

  test('nothing is owed when the log holds no open entry for the contact', () => {
    const none = (lines: QueueLogEvent[], e = entry) =>
      assert.equal(interruptedLineOf(e, lines, RESTART), null);
    none([]); // in the IVR, or a direct offer: no `entered`
    none([{ ...c, at: T0, type: 'offered', agentId: 'a1' }, connected(T0 + 1000, 0)]);
    none([
      entered(T0),
      { ...c, at: T0 + 30_000, type: 'overflowed', waitMs: 30_000, destination: 'agent:a2' },
    ]);
    none([entered(T0), { ...c, at: T0 + 9000, type: 'abandoned', waitMs: 9000, position: 1 }]);
    none([entered(T0), { ...c, at: RESTART, type: 'interrupted', waitMs: RESTART - T0 }]); // closed once already
    none([
      { ...entered(T0), queueId: 'support' },
      { ...entered(T0), contactId: 'c2' },
    ]); // not its lines
    none([entered(T0)], journaledContact('c1', { queueId: null }));
  });

  test('a restart clock earlier than the entry gives a wait of 0, never negative', () => {
    const line = interruptedLineOf(entry, [entered(RESTART + 5000)], RESTART);
    assert.equal(line?.type === 'interrupted' ? line.waitMs : null, 0);
  });

  test("the log is read only for a contact with a queue, and only that queue's lines since the arrival", () => {
    assert.equal(contactQueueLinesQuery(journaledContact('c1', { queueId: null })), null);
    const query = contactQueueLinesQuery(journaledContact('c1', { arrivedAt: T0 + 5 }));
    assert.deepEqual(query?.params, ['sales', T0 + 5, 'c1']);
  });
});
