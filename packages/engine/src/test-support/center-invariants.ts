// Test support: what must hold in any contact center the engine runs, checked from the outside
// (engine queries, the store, what the switch was asked) after every event and at the end of a day.
import assert from 'node:assert/strict';
import {
  AGENT_STATE_NAMES,
  type AgentId,
  agentStateViolations,
  CONTACT_OUTCOMES,
  type ContactId,
  isQueueEmpty,
  type QueueId,
  QueueStatsAccumulator,
  unwrap,
} from '@switchboard/core';
import type { Harness } from './engine-harness.ts';

const BOUND_TO_LIVE = new Set(['Ringing', 'Dialing', 'OnCall']);

/** After every event: agent states, offers, calls and live statistics are consistent. */
export function checkStep(h: Harness): void {
  const { engine } = h;
  const ringing = new Map<ContactId, AgentId[]>();
  for (const agentId of engine.agentIds()) {
    const state = h.state(agentId);
    assert.ok(AGENT_STATE_NAMES.includes(state.name), `${agentId}: unknown state ${state.name}`);
    assert.deepEqual(agentStateViolations(state), [], `${agentId} in ${state.name}`);
    if (state.contactId !== null && BOUND_TO_LIVE.has(state.name)) {
      assert.ok(
        engine.contact(state.contactId) !== undefined,
        `${agentId} ${state.name} for ended ${state.contactId}`,
      );
    }
    if (state.name === 'Ringing')
      ringing.set(state.contactId!, [...(ringing.get(state.contactId!) ?? []), agentId]);
    const stats = h.agentStats(agentId);
    for (const ms of [
      stats.readyMs,
      stats.pausedMs,
      stats.ringingMs,
      stats.talkMs,
      stats.wrapupMs,
      stats.loginMs,
    ])
      assert.ok(ms >= 0, `${agentId}: negative time`);
    assert.ok(stats.callsAnswered <= stats.offered, `${agentId}: answered more than offered`);
    assert.ok(stats.ringNoAnswers <= stats.offered, `${agentId}: more ring-no-answers than offers`);
  }
  for (const [contactId, agents] of ringing) {
    const contact = engine.contact(contactId)!;
    // One contact rings one agent, except a ring-all group (all rung by one routing decision).
    if (agents.length > 1) {
      const strategy = h.config.queues.find((q) => q.id === contact.queueId)?.strategy;
      assert.equal(strategy, 'ring-all', `${contactId} rings ${agents.join(', ')} in a ${strategy} queue`);
    }
    assert.deepEqual(
      h.telephony.ringingFor(contactId),
      [...agents].sort(),
      `the switch rings ${contactId} alike`,
    );
  }
  for (const contactId of h.telephony.ringing.keys()) {
    assert.ok(ringing.has(contactId), `the switch still rings ${contactId} for nobody the engine knows`);
  }
  for (const contactId of h.liveContactIds()) {
    const contact = engine.contact(contactId)!;
    if (contact.phase === 'offered')
      assert.ok(ringing.has(contactId), `${contactId} offered but nobody rings`);
    if (contact.phase === 'connected') {
      const agent = contact.agentId === null ? undefined : h.state(contact.agentId);
      assert.equal(agent?.name, 'OnCall', `${contactId} connected without its agent on the call`);
      assert.equal(agent.contactId, contactId);
    }
    if (contact.phase === 'queued')
      assert.ok(engine.waitEstimate(contactId).ok, `${contactId} queued but not waiting`);
    // Timers that must have fired by now: max wait of a waiting contact, ring timeout of an offer.
    const queue = h.config.queues.find((q) => q.id === contact.queueId);
    const now = h.clock.now();
    if (contact.phase === 'queued' && queue?.maxWaitMs != null)
      assert.ok(contact.queuedAt! + queue.maxWaitMs > now, `${contactId} waited past max wait`);
    if (contact.phase === 'offered' && queue !== undefined)
      assert.ok(contact.offeredAt! + queue.ringTimeoutMs > now, `${contactId} rang past the ring timeout`);
  }
  for (const queueId of engine.queueIds()) checkQueueFigures(h, queueId);
}

/** Contacts that entered the queue and have no outcome there yet (waiting or ringing). */
function pendingIn(h: Harness, queueId: QueueId): number {
  const q = h.snapshot(queueId);
  return q.entered - (q.answered + q.abandoned + q.timedOut + q.overflowed + q.leftEmpty);
}

function checkQueueFigures(h: Harness, queueId: QueueId): void {
  const q = h.snapshot(queueId);
  for (const [key, value] of Object.entries(q)) {
    if (typeof value === 'number') assert.ok(value >= 0, `${queueId}.${key} = ${value}`);
  }
  // Leave-when-empty: nobody waits in a queue that is empty by that rule.
  const config = h.config.queues.find((c) => c.id === queueId)!;
  const members = h.config.memberships.filter((m) => m.queueId === queueId).length;
  const a = q.agents;
  const counts = {
    members,
    loggedIn: a.logged,
    available: a.available,
    paused: a.paused,
    busy: a.logged - a.available - a.paused,
  };
  if (isQueueEmpty(config.leaveWhenEmpty, counts))
    assert.equal(q.waiting, 0, `${queueId} is empty by its leave rule`);
  const pending = pendingIn(h, queueId);
  assert.ok(
    pending >= q.waiting,
    `${queueId}: ${q.waiting} waiting but only ${pending} entered without outcome`,
  );
  assert.ok(q.answeredWithinThreshold <= q.answered && q.abandonedWithinThreshold <= q.abandoned);
  assert.ok(q.wrapups <= q.completed + q.transferred, `${queueId}: more wrap-ups than calls`);
  for (const ratio of [q.serviceLevel, q.abandonRate])
    assert.ok(ratio === null || (ratio >= 0 && ratio <= 1));
  assert.equal(a.logged, a.available + a.ringing + a.dialing + a.talking + a.paused + a.wrapup);
}

/** At the end of the day: every contact ended exactly once, nothing is left running, the log rebuilds the figures. */
export function checkEnd(h: Harness, arrived: readonly ContactId[]): void {
  assert.equal(h.engine.liveContacts, 0, `contacts left: ${h.liveContactIds().join(', ')}`);
  assert.equal(h.clock.pending, 0, 'timers left running');
  for (const agentId of h.engine.agentIds()) {
    const state = h.state(agentId);
    assert.equal(state.contactId, null, `${agentId} still ${state.name} with ${state.contactId}`);
  }
  const records = h.store.contactRecords;
  assert.deepEqual(
    records.map((r) => r.contactId).sort(),
    [...arrived].sort(),
    'one record per contact that arrived',
  );
  for (const r of records) {
    assert.ok(CONTACT_OUTCOMES.includes(r.outcome), `${r.contactId}: outcome ${r.outcome}`);
    for (const ms of [r.waitMs, r.talkMs, r.holdMs, r.wrapupMs])
      assert.ok(ms >= 0, `${r.contactId}: negative time`);
    assert.ok(r.endedAt >= r.arrivedAt);
    assert.equal(
      r.connectedAt !== null,
      r.outcome === 'answered',
      `${r.contactId}: ${r.outcome}, connected ${r.connectedAt}`,
    );
    assert.equal(
      r.agentId !== null,
      r.outcome === 'answered',
      `${r.contactId}: ${r.outcome} by ${r.agentId}`,
    );
  }
  for (const queue of h.config.queues) {
    assert.equal(pendingIn(h, queue.id), 0, `${queue.id}: contacts entered without an outcome`);
    const rebuilt = unwrap(
      QueueStatsAccumulator.create({ queueId: queue.id, serviceLevelMs: queue.serviceLevelMs }),
    );
    for (const entry of h.store.queueLog) if (entry.queueId === queue.id) unwrap(rebuilt.add(entry));
    const stats = rebuilt.stats();
    const live = h.snapshot(queue.id) as unknown as Record<string, unknown>;
    assert.deepEqual(
      Object.fromEntries(Object.keys(stats).map((k) => [k, live[k]])),
      stats,
      `${queue.id}: figures rebuilt from the stored log equal the live ones`,
    );
  }
}
