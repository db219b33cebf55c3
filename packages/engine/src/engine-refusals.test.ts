import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { InMemoryEventBus } from './bus/in-memory-event-bus.ts';
import { VirtualClock } from './clock/virtual-clock.ts';
import { Engine } from './engine.ts';
import type { EngineConfig } from './engine-config.ts';
import { SequentialIds } from './ids/sequential-ids.ts';
import { InMemoryStore } from './store/in-memory-store.ts';
import { Harness, queueConfig, T0 } from './test-support/engine-harness.ts';
import { ScriptedTelephony } from './test-support/scripted-telephony.ts';

/** a1 on a call in `sales`, a2 Paused, a3 logged out, one more caller waiting. */
function busyCenter() {
  const h = new Harness({
    queues: [queueConfig('sales', { wrapupMs: 10_000 })],
    agents: ['a1', 'a2', 'a3'],
    members: [
      ['a1', 'sales'],
      ['a2', 'sales'],
    ],
  });
  h.ready('a1');
  const c = h.call('sales');
  h.telephony.answer(c, 'a1');
  unwrap(h.engine.login('a2', 'ext-a2', 'break'));
  const waiting = h.call('sales');
  return { h, c, waiting };
}

describe('every refused command returns its typed error and changes nothing', () => {
  test('unknown_agent', () => {
    const { h, c } = busyCenter();
    h.refused('unknown_agent', () => h.engine.login('ghost', null));
    h.refused('unknown_agent', () => h.engine.ready('ghost'));
    h.refused('unknown_agent', () => h.engine.pause('ghost', 'break'));
    h.refused('unknown_agent', () => h.engine.logout('ghost'));
    h.refused('unknown_agent', () => h.engine.extendWrapup('ghost', 60));
    h.refused('unknown_agent', () => h.engine.endWrapup('ghost'));
    h.refused('unknown_agent', () => h.engine.disconnected('ghost'));
    h.refused('unknown_agent', () => h.engine.agentStats('ghost'));
    h.refused('unknown_agent', () => h.engine.commands.hold('ghost'));
    h.refused('unknown_agent', () => h.engine.commands.hangup('ghost'));
    h.refused('unknown_agent', () =>
      h.engine.commands.startConsult('ghost', { kind: 'external', number: '1' }),
    );
    h.refused('unknown_agent', () => h.engine.commands.transfer('a1', { kind: 'agent', agentId: 'ghost' }));
    assert.equal(h.phase(c), 'connected');
  });

  test('transition_not_allowed', () => {
    const { h } = busyCenter();
    h.refused('transition_not_allowed', () => h.engine.login('a1', 'ext-9'));
    h.refused('transition_not_allowed', () => h.engine.pause('a3', 'break'));
    h.refused('transition_not_allowed', () => h.engine.logout('a3'));
    h.refused('transition_not_allowed', () => h.engine.ready('a3'));
    h.refused('transition_not_allowed', () => h.engine.extendWrapup('a1', 60));
    h.refused('transition_not_allowed', () => h.engine.endWrapup('a1'));
    h.refused('transition_not_allowed', () => h.engine.endWrapup('a2', 'meal'));
    h.refused('transition_not_allowed', () => h.engine.disconnected('a3'));
  });

  test('unknown_pause_reason and invalid_argument', () => {
    const { h, c } = busyCenter();
    h.refused('unknown_pause_reason', () => h.engine.pause('a2', 'nap'));
    h.refused('unknown_pause_reason', () => h.engine.pause('a1', 'nap'));
    h.refused('unknown_pause_reason', () => h.engine.login('a3', null, 'nap'));
    h.refused('invalid_argument', () => h.engine.login('a3', ''));
    h.telephony.sink.customerHangup(c);
    h.refused('invalid_argument', () => h.engine.extendWrapup('a1', 29));
    h.refused('invalid_argument', () => h.engine.extendWrapup('a1', 901));
    h.refused('unknown_pause_reason', () => h.engine.endWrapup('a1', 'nap'));
    h.refused('invalid_argument', () => h.engine.commands.setAttached(c, [['', 'empty key']]));
  });

  test('no_call', () => {
    const { h, c } = busyCenter();
    for (const agentId of ['a2', 'a3']) {
      h.refused('no_call', () => h.engine.commands.hangup(agentId));
      h.refused('no_call', () => h.engine.commands.hold(agentId));
      h.refused('no_call', () => h.engine.commands.resume(agentId));
      h.refused('no_call', () => h.engine.commands.transfer(agentId, { kind: 'queue', queueId: 'sales' }));
      h.refused('no_call', () => h.engine.commands.startConsult(agentId, { kind: 'external', number: '1' }));
      h.refused('no_call', () => h.engine.commands.cancelConsult(agentId));
      h.refused('no_call', () => h.engine.commands.completeConsultTransfer(agentId));
      h.refused('no_call', () => h.engine.commands.dtmf(agentId, '1'));
      h.refused('no_call', () => h.engine.commands.recording(agentId, 'start'));
    }
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('a1'), 'Wrapup');
    h.refused('no_call', () => h.engine.commands.hangup('a1'));
    h.refused('no_call', () => h.engine.commands.hold('a1'));
    h.refused('no_call', () => h.engine.commands.dtmf('a1', '1'));
  });

  test('unknown_queue, unknown_contact and conflict', () => {
    const { h, c, waiting } = busyCenter();
    h.refused('unknown_queue', () => h.engine.queueSnapshot('nowhere'));
    h.refused('unknown_queue', () => h.engine.commands.transfer('a1', { kind: 'queue', queueId: 'nowhere' }));
    h.refused('unknown_contact', () => h.engine.commands.setAttached('c-99', [['k', 'v']]));
    h.refused('unknown_contact', () => h.engine.commands.removeAttached('c-99', ['k']));
    h.refused('unknown_contact', () => h.engine.commands.setDisposition('c-99', { level1: 'x' }, null));
    h.refused('conflict', () => h.engine.waitEstimate(c));
    h.refused('conflict', () => h.engine.commands.setDisposition(waiting, { level1: 'x' }, null));
    h.refused('conflict', () => h.engine.commands.recording('a1', 'stop'));
    h.refused('conflict', () => h.engine.commands.retrieveConsult('a1'));
  });

  test('stale facts from the switch change nothing but releasing what the switch still holds', () => {
    const { h, c, waiting } = busyCenter();
    const before = h.fingerprint();
    h.telephony.sink.customerHangup('c-99');
    h.telephony.sink.agentHangup(c, 'a2');
    h.telephony.sink.agentRejected(waiting, 'a3');
    h.engine.dialAnswered(c);
    h.engine.dialFailed(c, 'x');
    h.engine.consultAnswered(c);
    h.engine.consultFailed(waiting, 'x');
    assert.deepEqual(h.fingerprint(), before);
    h.telephony.sink.agentAnswered(waiting, 'a3');
    assert.deepEqual(h.telephony.requests.at(-1), { kind: 'cancelOffer', contactId: waiting, agentId: 'a3' });
    assert.deepEqual({ ...h.fingerprint(), requests: before.requests }, before);
    assert.equal(h.telephony.sink.inboundCall({ customerNumber: '1', dialedNumber: 'no such number' }), null);
  });
});

describe('configuration', () => {
  function create(config: Partial<EngineConfig>) {
    const base: EngineConfig = {
      queues: [queueConfig('q')],
      agents: [{ id: 'a1', name: 'A' }],
      memberships: [],
      dialPlan: [],
    };
    return Engine.create(
      {
        clock: new VirtualClock(T0),
        ids: new SequentialIds(),
        bus: new InMemoryEventBus(),
        store: new InMemoryStore(),
        telephony: new ScriptedTelephony(),
        random: () => 0,
      },
      { ...base, ...config },
    );
  }

  test('an engine is built complete or not at all, with a typed error naming what was wrong', () => {
    const code = (config: Partial<EngineConfig>) => {
      const result = create(config);
      return result.ok ? 'built' : result.error.code;
    };
    assert.equal(code({}), 'built');
    assert.equal(code({ queues: [queueConfig('q', { ringTimeoutMs: 0 })] }), 'invalid_argument');
    assert.equal(code({ memberships: [{ agentId: 'ghost', queueId: 'q', penalty: 0 }] }), 'unknown_agent');
    assert.equal(code({ memberships: [{ agentId: 'a1', queueId: 'nowhere', penalty: 0 }] }), 'unknown_queue');
    assert.equal(code({ memberships: [{ agentId: 'a1', queueId: 'q', penalty: -1 }] }), 'invalid_argument');
    assert.equal(
      code({
        agents: [
          { id: 'a1', name: 'A' },
          { id: 'a1', name: 'B' },
        ],
      }),
      'already_exists',
    );
    const toQ = { kind: 'queue', queueId: 'q' } as const;
    assert.equal(
      code({ dialPlan: [{ number: '1', destination: { kind: 'queue', queueId: 'x' } }] }),
      'unknown_queue',
    );
    assert.equal(
      code({
        dialPlan: [
          { number: '1', destination: toQ },
          { number: '1', destination: toQ },
        ],
      }),
      'already_exists',
    );
    assert.equal(
      code({ pauseReasons: [{ code: 'no spaces', name: 'Bad', category: 'break' }] }),
      'invalid_argument',
    );
  });
});
