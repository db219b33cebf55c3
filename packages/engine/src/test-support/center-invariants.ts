// Test support: what must hold in any contact center the engine runs, checked from the outside
// (engine queries, the store, what the switch was asked) after every event and at the end of a day.
import assert from 'node:assert/strict';
import {
  AGENT_STATE_NAMES,
  type AgentId,
  agentStateViolations,
  CONTACT_OUTCOMES,
  closedEntries,
  type ContactId,
  isQueueEmpty,
  type QueueId,
  QueueStatsAccumulator,
  unwrap,
} from '@switchboard/core';
import type { Harness } from './engine-harness.ts';

const BOUND_TO_LIVE = new Set(['Ringing', 'Dialing', 'OnCall']);
/** Legs on which an agent of ours who is not the handler may ring or talk. */
const PARTY_ROLES = new Set(['consulted', 'transferred-to', 'conference']);

interface Bound {
  readonly ringing: AgentId[];
  readonly onCall: AgentId[];
}

/** After every event: agent states, offers, calls and live statistics are consistent. */
export function checkStep(h: Harness): void {
  const bound = new Map<ContactId, Bound>();
  for (const agentId of h.engine.agentIds()) {
    const state = checkAgent(h, agentId);
    if (state.contactId === null) continue;
    const of = bound.get(state.contactId) ?? { ringing: [], onCall: [] };
    bound.set(state.contactId, of);
    if (state.name === 'Ringing') of.ringing.push(agentId);
    if (state.name === 'OnCall') of.onCall.push(agentId);
  }
  for (const contactId of h.telephony.ringing.keys()) {
    assert.ok(h.engine.contact(contactId) !== undefined, `the switch still rings for ended ${contactId}`);
  }
  // No agent holds two contacts: an agent of ours is on (or rung for) at most one live contact.
  const holding = new Map<AgentId, ContactId>();
  for (const contactId of h.liveContactIds()) {
    checkContact(h, contactId, bound.get(contactId) ?? { ringing: [], onCall: [] });
    for (const leg of h.engine.contact(contactId)!.legs) {
      if (leg.state === 'ended' || leg.party.kind !== 'agent') continue;
      // A live leg of an agent of ours: that agent rings (ringing leg) or talks (up/held) for this contact.
      const state = h.state(leg.party.agentId);
      const contact = h.engine.contact(contactId)!;
      const dialing = contact.direction === 'outbound' && contact.legs[0]?.state === 'ringing';
      const expected = leg.state === 'ringing' ? 'Ringing' : dialing ? 'Dialing' : 'OnCall';
      assert.deepEqual([state.name, state.contactId], [expected, contactId], `${leg.id} ${leg.state}`);
      const other = holding.get(leg.party.agentId);
      assert.ok(
        other === undefined || other === contactId,
        `${leg.party.agentId} on ${other} and ${contactId}`,
      );
      holding.set(leg.party.agentId, contactId);
    }
  }
  for (const queueId of h.engine.queueIds()) checkQueueFigures(h, queueId);
}

function checkAgent(h: Harness, agentId: AgentId) {
  const state = h.state(agentId);
  assert.ok(AGENT_STATE_NAMES.includes(state.name), `${agentId}: unknown state ${state.name}`);
  assert.deepEqual(agentStateViolations(state), [], `${agentId} in ${state.name}`);
  if (state.contactId !== null && BOUND_TO_LIVE.has(state.name)) {
    assert.ok(
      h.engine.contact(state.contactId) !== undefined,
      `${agentId} ${state.name} for ended ${state.contactId}`,
    );
  }
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
  return state;
}

function checkContact(h: Harness, contactId: ContactId, bound: Bound): void {
  const contact = h.engine.contact(contactId)!;
  const offers = h.telephony.ringingFor(contactId);
  const hasPartyLeg = (agentId: AgentId) =>
    contact.legs.some(
      (l) =>
        l.state !== 'ended' &&
        PARTY_ROLES.has(l.role) &&
        l.party.kind === 'agent' &&
        l.party.agentId === agentId,
    );
  // Every phone the switch rings for the contact is an agent the engine has Ringing for it, and an
  // engine-Ringing agent the switch does not ring is a consulted (or consult-transfer) party.
  for (const agentId of offers)
    assert.ok(bound.ringing.includes(agentId), `the switch rings ${agentId} for ${contactId}`);
  for (const agentId of bound.ringing) {
    assert.ok(
      offers.includes(agentId) || hasPartyLeg(agentId),
      `${agentId} Ringing for ${contactId} without a phone`,
    );
  }
  // One contact rings one agent, except a ring-all group (all rung by one routing decision).
  if (offers.length > 1) {
    const strategy = h.config.queues.find((q) => q.id === contact.queueId)?.strategy;
    assert.equal(strategy, 'ring-all', `${contactId} rings ${offers.join(', ')} in a ${strategy} queue`);
    assert.equal(contact.phase, 'offered');
  }
  // Nobody but the handler and the parties it brought in is on the call.
  for (const agentId of bound.onCall) {
    assert.ok(
      agentId === contact.agentId || hasPartyLeg(agentId),
      `${agentId} OnCall for ${contactId} without a leg`,
    );
  }
  const dialing = contact.direction === 'outbound' && contact.legs[0]?.state === 'ringing';
  if (contact.phase === 'offered' && !dialing)
    assert.ok(offers.length > 0, `${contactId} offered but nobody rings`);
  if (contact.phase === 'connected') {
    if (contact.agentId !== null) {
      const agent = h.state(contact.agentId);
      assert.deepEqual(
        [agent.name, agent.contactId],
        ['OnCall', contactId],
        `${contactId}: its handler is on the call`,
      );
    } else {
      const handedOver = contact.legs.some((l) => l.role === 'transferred-to' && l.state !== 'ended');
      assert.ok(handedOver, `${contactId} connected with nobody`);
    }
  }
  if (contact.phase === 'wrapup') {
    const agent = contact.agentId === null ? undefined : h.state(contact.agentId);
    assert.deepEqual(
      [agent?.name, agent?.contactId],
      ['Wrapup', contactId],
      `${contactId}: its handler wraps up`,
    );
  }
  if (contact.phase === 'queued')
    assert.ok(h.engine.waitEstimate(contactId).ok, `${contactId} queued but not waiting`);
  // Timers that must have fired by now: max wait of a waiting contact, ring timeout of an offer.
  const queue = h.config.queues.find((q) => q.id === contact.queueId);
  const now = h.clock.now();
  if (contact.phase === 'queued' && queue?.maxWaitMs != null)
    assert.ok(contact.queuedAt! + queue.maxWaitMs > now, `${contactId} waited past max wait`);
  if (contact.phase === 'offered' && !dialing && queue !== undefined)
    assert.ok(contact.offeredAt! + queue.ringTimeoutMs > now, `${contactId} rang past the ring timeout`);
}

/** Contacts that entered the queue and have no outcome there yet (waiting or ringing). */
function pendingIn(h: Harness, queueId: QueueId): number {
  const q = h.snapshot(queueId);
  return q.entered - closedEntries(q);
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
  const outcomes = closedEntries(q);
  assert.ok(outcomes <= q.entered, `${queueId}: ${outcomes} outcomes for ${q.entered} entered`);
  assert.ok(q.answered <= q.offered && q.ringNoAnswers <= q.offered, `${queueId}: more answers than offers`);
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
export function checkEnd(h: Harness, created: readonly ContactId[]): void {
  assert.equal(h.engine.liveContacts, 0, `contacts left: ${h.liveContactIds().join(', ')}`);
  assert.equal(h.clock.pending, 0, 'timers left running');
  for (const agentId of h.engine.agentIds()) {
    const state = h.state(agentId);
    assert.equal(state.contactId, null, `${agentId} still ${state.name} with ${state.contactId}`);
  }
  const records = h.store.contactRecords;
  assert.deepEqual(
    records.map((r) => r.contactId).sort(),
    [...created].sort(),
    'one record per contact that arrived or was dialed',
  );
  for (const r of records) {
    assert.ok(CONTACT_OUTCOMES.includes(r.outcome), `${r.contactId}: outcome ${r.outcome}`);
    for (const ms of [r.waitMs, r.talkMs, r.holdMs, r.wrapupMs])
      assert.ok(ms >= 0, `${r.contactId}: negative time`);
    assert.ok(r.endedAt >= r.arrivedAt);
    // Answered: an agent of ours talked. Any outcome: an agent of ours talked exactly when the
    // contact was ever connected (an answered call may still end abandoned after a transfer).
    if (r.outcome === 'answered') assert.ok(r.agentId !== null, `${r.contactId} answered by nobody`);
    assert.equal(
      r.connectedAt !== null,
      r.agents.length > 0,
      `${r.contactId}: connected ${r.connectedAt}, agents ${r.agents}`,
    );
    assert.equal(r.agentId, r.agents.at(-1) ?? null);
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
