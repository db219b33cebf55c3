import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { Harness, queueConfig, T0 } from './test-support/engine-harness.ts';

function center() {
  const h = new Harness({
    queues: [queueConfig('sales', { wrapupMs: 8000 })],
    agents: ['a1', 'a2'],
    members: [['a1', 'sales']],
  });
  h.ready('a1');
  return h;
}

describe('outbound dial', () => {
  test('the agent dials, the callee answers, they talk, and the record says outbound', () => {
    const h = center();
    const c = unwrap(h.engine.commands.dial('a1', '+15551234', { callerId: '+15550000' }));
    assert.equal(h.show('a1'), 'Dialing');
    assert.equal(h.state('a1').contactId, c);
    assert.deepEqual(h.telephony.requestsOf('dial'), [
      {
        kind: 'dial',
        request: {
          contactId: c,
          agentId: 'a1',
          extension: 'ext-a1',
          number: '+15551234',
          callerId: '+15550000',
        },
      },
    ]);
    const contact = h.engine.contact(c)!;
    assert.deepEqual([contact.direction, contact.phase, contact.agentId], ['outbound', 'offered', 'a1']);

    h.advance(7000);
    h.engine.dialAnswered(c);
    assert.equal(h.show('a1'), 'OnCall');
    assert.equal(h.phase(c), 'connected');
    h.advance(30_000);
    unwrap(h.engine.commands.hangup('a1'));
    assert.equal(h.show('a1'), 'Ready', 'a call of no queue has no wrap-up');
    const record = h.record(c);
    assert.deepEqual(
      [record.direction, record.outcome, record.queueId, record.agentId, record.customerNumber],
      ['outbound', 'answered', null, 'a1', '+15551234'],
    );
    assert.deepEqual([record.waitMs, record.talkMs, record.wrapupMs], [7000, 30_000, 0]);
    assert.deepEqual([record.arrivedAt, record.connectedAt], [T0 + 1, T0 + 7001]);
    assert.equal(h.store.queueLog.length, 0, 'an outbound call of no queue writes no queue log');
    assert.equal(h.agentStats('a1').dialingMs, 7000);
  });

  test('a dial counted for a queue wraps up for that queue and logs the call there', () => {
    const h = center();
    const c = unwrap(h.engine.commands.dial('a1', '+15551234', { queueId: 'sales' }));
    h.engine.dialAnswered(c);
    h.advance(10_000);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('a1'), 'Wrapup');
    h.advance(8000);
    assert.deepEqual([h.record(c).queueId, h.record(c).wrapupMs], ['sales', 8000]);
    assert.deepEqual(h.logTypes('sales', c), ['completed', 'wrapupEnded']);
  });

  test('a failed dial ends the contact failed and returns the agent to where it dialed from', () => {
    const h = center();
    unwrap(h.engine.pause('a1', 'break'));
    const c = unwrap(h.engine.commands.dial('a1', '+15551234'));
    assert.equal(h.show('a1'), 'Dialing');
    h.advance(20_000);
    h.engine.dialFailed(c, 'no_answer');
    assert.equal(h.show('a1'), 'Paused(break)');
    const record = h.record(c);
    assert.deepEqual([record.outcome, record.waitMs, record.connectedAt], ['failed', 20_000, null]);
    assert.deepEqual([record.agentId, record.agents], [null, []], 'no agent of ours talked with the callee');
  });

  test('the callee declining ends it refused; the agent cancelling ends it abandoned', () => {
    const h = center();
    const declined = unwrap(h.engine.commands.dial('a1', '+15551234'));
    h.telephony.sink.customerHangup(declined);
    assert.equal(h.show('a1'), 'Ready');
    assert.equal(h.record(declined).outcome, 'refused');
    const cancelled = unwrap(h.engine.commands.dial('a1', '+15551234'));
    unwrap(h.engine.commands.hangup('a1'));
    assert.equal(h.show('a1'), 'Ready');
    assert.equal(h.record(cancelled).outcome, 'abandoned');
    assert.deepEqual(h.telephony.requestsOf('hangup').at(-1), {
      kind: 'hangup',
      contactId: cancelled,
      reason: 'normal',
    });
  });

  test('the switch reporting the agent hung up while dialing cancels the dial as well', () => {
    const h = center();
    const c = unwrap(h.engine.commands.dial('a1', '+15551234'));
    h.telephony.sink.agentHangup(c, 'a1');
    assert.equal(h.show('a1'), 'Ready');
    assert.equal(h.record(c).outcome, 'abandoned');
  });

  test('a Dialing agent is not offered inbound calls and a pause asked while dialing applies after', () => {
    const h = center();
    const c = unwrap(h.engine.commands.dial('a1', '+15551234'));
    const inbound = h.call('sales');
    assert.equal(h.phase(inbound), 'queued');
    unwrap(h.engine.pause('a1', 'meal'));
    h.engine.dialAnswered(c);
    h.telephony.sink.agentHangup(c, 'a1');
    assert.equal(h.show('a1'), 'Paused(meal)');
    assert.equal(h.phase(inbound), 'queued');
  });

  test('a dial is refused for an agent that cannot dial, an unknown queue or a bad number', () => {
    const h = center();
    h.refused('invalid_argument', () => h.engine.commands.dial('a1', 'not a number'));
    h.refused('unknown_queue', () => h.engine.commands.dial('a1', '+15551234', { queueId: 'nowhere' }));
    h.refused('unknown_agent', () => h.engine.commands.dial('ghost', '+15551234'));
    h.refused('transition_not_allowed', () => h.engine.commands.dial('a2', '+15551234'));
    h.call('sales');
    assert.equal(h.show('a1'), 'Ringing');
    h.refused('transition_not_allowed', () => h.engine.commands.dial('a1', '+15551234'));
  });
});
