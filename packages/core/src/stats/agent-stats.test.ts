import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import { AgentStatsAccumulator, NO_PAUSE_REASON } from './agent-stats.ts';
import type { AgentLogState } from './queue-log-event.ts';

const s = (seconds: number) => seconds * 1000;
const t0 = 1_700_000_000_000;

function feed(acc: AgentStatsAccumulator, steps: readonly [number, AgentLogState, string | null][]): void {
  for (const [sec, state, reason] of steps)
    unwrap(acc.addState({ at: t0 + s(sec), agentId: 'a1', state, reason }));
}

// Agent a1's shift, times in seconds from t0, looked at with now = 1000 s:
//   0 Ready → 60 Ringing → 70 OnCall → 190 Wrapup → 220 Paused(lunch) → 820 Ready → 880 Paused(null) …
//   ready   = 60 + 60 = 120 s       ringing = 10 s     talk = 120 s     wrap-up = 30 s
//   paused  = lunch 600 s + (no reason) 880→1000 = 120 s (open state, counted up to now) = 720 s
//   login   = 120 + 10 + 120 + 30 + 720 = 1000 s
//   occupancy = (120 + 30) / (120 + 30 + 120) = 150 / 270 = 0.5556
const shift: readonly [number, AgentLogState, string | null][] = [
  [0, 'Ready', 'login'],
  [60, 'Ringing', null],
  [70, 'OnCall', null],
  [190, 'Wrapup', null],
  [220, 'Paused', 'lunch'],
  [820, 'Ready', null],
  [880, 'Paused', null],
];

describe('AgentStatsAccumulator', () => {
  test('the hand-computed shift gives the times worked out in the comment', () => {
    const acc = new AgentStatsAccumulator('a1');
    feed(acc, shift);
    const stats = acc.stats(t0 + s(1000));
    assert.equal(stats.readyMs, s(120));
    assert.equal(stats.ringingMs, s(10));
    assert.equal(stats.talkMs, s(120));
    assert.equal(stats.wrapupMs, s(30));
    assert.equal(stats.pausedMs, s(720));
    assert.deepEqual(stats.pausedByReasonMs, { lunch: s(600), [NO_PAUSE_REASON]: s(120) });
    assert.equal(stats.loginMs, s(1000));
    assert.equal(stats.occupancy, 150 / 270);
    assert.equal(stats.state, 'Paused');
    assert.equal(stats.stateSince, t0 + s(880));
    assert.equal(stats.logins, 1);
    assert.equal(stats.lastLoginAt, t0);
    assert.equal(stats.lastLogoutAt, null);
  });

  test('the open state grows with now; a now before the state began counts 0, never negative', () => {
    const acc = new AgentStatsAccumulator('a1');
    feed(acc, shift);
    assert.equal(acc.stats(t0 + s(1100)).pausedMs, s(820));
    assert.equal(acc.stats(t0 + s(800)).pausedMs, s(600));
  });

  test('after logout the logged-out time is not login time and the logout time is kept', () => {
    const acc = new AgentStatsAccumulator('a1');
    feed(acc, [...shift, [1000, 'LoggedOut', null], [2000, 'Ready', 'login']]);
    const stats = acc.stats(t0 + s(2010));
    // 1000 s of the first session + 10 s of the second; the 1000 s logged out are not counted.
    assert.equal(stats.loginMs, s(1010));
    assert.equal(stats.logins, 2);
    assert.equal(stats.firstLoginAt, t0);
    assert.equal(stats.lastLoginAt, t0 + s(2000));
    assert.equal(stats.lastLogoutAt, t0 + s(1000));
  });

  test('occupancy is null until the agent was ready or working: a paused-only agent has no occupancy', () => {
    const acc = new AgentStatsAccumulator('a1');
    assert.equal(acc.stats(t0).occupancy, null);
    feed(acc, [[0, 'Paused', 'training']]);
    assert.equal(acc.stats(t0 + s(3600)).occupancy, null);
  });

  test('paused time does not lower occupancy', () => {
    // 60 s talk, 60 s ready; then a 1 h break → still (60) / (60 + 60) = 0.5.
    const acc = new AgentStatsAccumulator('a1');
    feed(acc, [
      [0, 'Ready', null],
      [60, 'OnCall', null],
      [120, 'Paused', 'break'],
    ]);
    assert.equal(acc.stats(t0 + s(3720)).occupancy, 0.5);
  });

  test('calls answered and ring-no-answers come from the queue events that name this agent', () => {
    const acc = new AgentStatsAccumulator('a1');
    const q = { queueId: 'q1', at: t0 } as const;
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c1', type: 'entered', priority: 0 }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c1', type: 'offered', agentId: 'a1' }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c1', type: 'ringNoAnswer', agentId: 'a1' }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c1', type: 'offered', agentId: 'a2' }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c1', type: 'connected', agentId: 'a2', waitMs: 9 }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c2', type: 'offered', agentId: 'a1' }));
    unwrap(acc.addQueueEvent({ ...q, contactId: 'c2', type: 'connected', agentId: 'a1', waitMs: 3 }));
    unwrap(
      acc.addQueueEvent({
        ...q,
        contactId: 'c2',
        type: 'transferred',
        agentId: 'a1',
        talkMs: 5,
        target: 'x',
      }),
    );
    const stats = acc.stats(t0);
    assert.equal(stats.offered, 2);
    assert.equal(stats.ringNoAnswers, 1);
    assert.equal(stats.callsAnswered, 1);
    assert.equal(stats.transferred, 1);
    assert.equal(stats.completed, 0);
    assert.equal(stats.queueTalkMs, 5);
  });

  test('an event out of time order or of another agent is refused and changes nothing', () => {
    const acc = new AgentStatsAccumulator('a1');
    feed(acc, shift);
    const before = acc.stats(t0 + s(1000));
    assert.equal(acc.addState({ at: t0 + s(500), agentId: 'a1', state: 'Ready', reason: null }).ok, false);
    assert.equal(acc.addState({ at: t0 + s(900), agentId: 'a2', state: 'Ready', reason: null }).ok, false);
    assert.deepEqual(acc.stats(t0 + s(1000)), before);
  });
});
