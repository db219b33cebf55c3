import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type QueueConfig, queueWithDefaults, unwrap } from '@switchboard/core';
import { Engine, InMemoryEventBus, InMemoryStore, SequentialIds, VirtualClock } from '@switchboard/engine';
import type { Distribution } from './distributions.ts';
import { seededRandom } from './seeded-random.ts';
import { type SimBehaviour, SimTelephony } from './sim-telephony.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const fixed = (ms: number): Distribution => ({ kind: 'fixed', ms });
const NEVER: Distribution = { kind: 'never' };

function queue(overrides: Partial<QueueConfig> = {}): QueueConfig {
  return queueWithDefaults('sales', { name: 'Sales', wrapupMs: 5000, ringTimeoutMs: 10_000, ...overrides });
}

/** An engine on the simulated switch, agents a1 and a2 in `sales` (dialed as 100). */
function simCenter(behaviour: Partial<SimBehaviour>, q: Partial<QueueConfig> = {}) {
  const clock = new VirtualClock(T0);
  const store = new InMemoryStore();
  const sim = new SimTelephony({
    clock,
    random: seededRandom(1),
    recordRequests: true,
    behaviour: {
      answerDelay: fixed(3000),
      talk: fixed(60_000),
      patience: NEVER,
      callerEndsShare: 1,
      remoteAnswerDelay: fixed(4000),
      ...behaviour,
    },
  });
  const engine = unwrap(
    Engine.create(
      {
        clock,
        ids: new SequentialIds(),
        bus: new InMemoryEventBus(),
        store,
        telephony: sim,
        random: () => 0,
      },
      {
        queues: [queue(q)],
        agents: [
          { id: 'a1', name: 'A1' },
          { id: 'a2', name: 'A2' },
        ],
        memberships: [
          { agentId: 'a1', queueId: 'sales', penalty: 0 },
          { agentId: 'a2', queueId: 'sales', penalty: 0 },
        ],
        dialPlan: [{ number: '100', destination: { kind: 'queue', queueId: 'sales' } }],
      },
    ),
  );
  return { clock, store, sim, engine };
}

describe('the engine on the simulated switch', () => {
  test('a call is offered, answered after the answer delay, talked, ended by the caller and wrapped up', () => {
    const { clock, store, sim, engine } = simCenter({});
    unwrap(engine.login('a1', '201'));
    const c = sim.arrive('+15550100', '100');
    assert.ok(c !== null);
    clock.advanceBy(0);
    assert.equal(engine.agentState('a1')?.name, 'Ringing');
    clock.advanceBy(3000);
    assert.equal(engine.agentState('a1')?.name, 'OnCall');
    clock.advanceBy(60_000);
    assert.equal(engine.agentState('a1')?.name, 'Wrapup');
    clock.advanceBy(5000);
    assert.equal(engine.agentState('a1')?.name, 'Ready');
    const [record] = store.contactRecords;
    assert.deepEqual(
      [record?.outcome, record?.waitMs, record?.talkMs, record?.wrapupMs],
      ['answered', 3000, 60_000, 5000],
    );
    assert.deepEqual(sim.requests, [`${T0} offer ${c} a1`]);
    assert.equal(sim.activeCalls, 0);
  });

  test('an agent who never answers rings out and a caller out of patience abandons', () => {
    const { clock, store, sim, engine } = simCenter({ answerDelay: NEVER, patience: fixed(25_000) });
    unwrap(engine.login('a1', '201'));
    const c = sim.arrive('+15550100', '100');
    clock.advanceBy(10_000);
    assert.equal(engine.agentState('a1')?.name, 'Paused');
    assert.equal(engine.agentState('a1')?.reason, 'no_answer');
    clock.advanceBy(15_000);
    assert.deepEqual(
      [store.contactRecords[0]?.outcome, store.contactRecords[0]?.waitMs],
      ['abandoned', 25_000],
    );
    assert.deepEqual(sim.requests, [`${T0} offer ${c} a1`, `${T0 + 10_000} cancelOffer ${c} a1`]);
  });

  test('ring-all: the first phone to answer takes the call and the other stops ringing', () => {
    const { clock, store, sim, engine } = simCenter({}, { strategy: 'ring-all' });
    unwrap(engine.login('a1', '201'));
    unwrap(engine.login('a2', '202'));
    const c = sim.arrive('+15550100', '100');
    clock.advanceBy(3000);
    const states = [engine.agentState('a1')?.name, engine.agentState('a2')?.name];
    assert.deepEqual(states, ['OnCall', 'Ready']);
    assert.ok(sim.requests.includes(`${T0 + 3000} cancelOffer ${c} a2`));
    clock.advanceBy(65_000);
    assert.equal(store.contactRecords.length, 1);
    assert.equal(store.contactRecords[0]?.agentId, 'a1');
  });

  test('a call transferred to an outside number ends when the customer hangs up there', () => {
    const { clock, store, sim, engine } = simCenter({});
    unwrap(engine.login('a1', '201'));
    const c = sim.arrive('+15550100', '100')!;
    clock.advanceBy(3000 + 10_000);
    unwrap(engine.commands.transfer('a1', { kind: 'external', number: '+15559999' }));
    assert.ok(sim.requests.includes(`${T0 + 13_000} redirect ${c} external:+15559999`));
    clock.advanceBy(60_000);
    assert.equal(engine.liveContacts, 0);
    assert.deepEqual(
      [store.contactRecords[0]?.outcome, store.contactRecords[0]?.talkMs],
      ['transferred', 10_000],
    );
  });

  test('a consultation answered by the other agent and completed as a transfer goes on to its end', () => {
    const { clock, store, sim, engine } = simCenter({});
    unwrap(engine.login('a1', '201'));
    sim.arrive('+15550100', '100');
    clock.advanceBy(3000 + 10_000);
    unwrap(engine.login('a2', '202'));
    unwrap(engine.commands.startConsult('a1', { kind: 'agent', agentId: 'a2' }));
    clock.advanceBy(4000);
    assert.equal(engine.agentState('a2')?.name, 'OnCall');
    unwrap(engine.commands.completeConsultTransfer('a1'));
    clock.advanceBy(10 * 60_000);
    assert.equal(engine.liveContacts, 0);
    assert.deepEqual(store.contactRecords[0]?.agents, ['a1', 'a2']);
    assert.equal(engine.agentState('a2')?.name, 'Ready');
  });

  test('an outbound call is answered after the remote delay and ended by the talk timer', () => {
    const { clock, store, engine } = simCenter({ callerEndsShare: 0 });
    unwrap(engine.login('a1', '201'));
    unwrap(engine.commands.dial('a1', '+15551234'));
    clock.advanceBy(4000);
    assert.equal(engine.agentState('a1')?.name, 'OnCall');
    clock.advanceBy(60_000);
    assert.equal(engine.agentState('a1')?.name, 'Ready');
    assert.deepEqual(
      [store.contactRecords[0]?.direction, store.contactRecords[0]?.talkMs],
      ['outbound', 60_000],
    );
  });

  test('a contact the engine refuses at once is not kept by the switch', () => {
    const { sim, store } = simCenter({ patience: fixed(1000) }, { joinEmpty: 'no-logged-in' });
    const c = sim.arrive('+15550100', '100');
    assert.ok(c !== null);
    assert.equal(store.contactRecords[0]?.outcome, 'refused');
    assert.equal(sim.activeCalls, 0);
    assert.equal(sim.arrive('+15550100', '999'), null, 'a number the dial plan does not know');
  });
});

describe('the simulated switch records why the engine released a call', () => {
  test('a timeout, a full queue and a graceful stop each leave their reason, per contact and counted', () => {
    const { clock, sim, engine } = simCenter({}, { maxWaitMs: 30_000, maxLength: 1 });
    const timedOut = sim.arrive('+15550100', '100');
    const refused = sim.arrive('+15550101', '100');
    assert.ok(timedOut !== null && refused !== null);
    assert.equal(sim.hangupReasons.get(refused), 'queue-full');
    clock.advanceBy(30_000);
    assert.equal(sim.hangupReasons.get(timedOut), 'timeout');
    assert.ok(sim.requests.includes(`${T0 + 30_000} hangup ${timedOut} timeout`));
    const stopped = sim.arrive('+15550102', '100');
    assert.ok(stopped !== null);
    engine.shutdown();
    assert.equal(sim.hangupReasons.get(stopped), 'interrupted');
    assert.deepEqual(
      [
        sim.hangupCounts.timeout,
        sim.hangupCounts['queue-full'],
        sim.hangupCounts.interrupted,
        sim.hangupCounts.normal,
      ],
      [1, 1, 1, 0],
    );
  });
});
