import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Contact, ContactRecord } from '../wire/contact-schemas.ts';
import type { WireEvent } from './events.ts';
import { eventTopics, parseTopic } from './topics.ts';

const contact: Contact = {
  id: 'c1',
  direction: 'inbound',
  phase: 'connected',
  queueId: 'sales',
  priority: 0,
  customerNumber: '+15550100',
  dialedNumber: '100',
  arrivedAt: 1,
  queuedAt: 1,
  offeredAt: 2,
  offeredTo: null,
  connectedAt: 3,
  agentId: 'a1',
  wrapupAt: null,
  endedAt: null,
  outcome: null,
  legs: [
    {
      id: 'c1.L1',
      role: 'caller',
      party: { kind: 'customer', number: '+15550100' },
      state: 'held',
      muted: false,
      startedAt: 1,
      endedAt: null,
    },
    {
      id: 'c1.L2',
      role: 'consulting',
      party: { kind: 'agent', agentId: 'a1' },
      state: 'up',
      muted: false,
      startedAt: 2,
      endedAt: null,
    },
    {
      id: 'c1.L3',
      role: 'consulted',
      party: { kind: 'agent', agentId: 'b2' },
      state: 'up',
      muted: false,
      startedAt: 4,
      endedAt: null,
    },
  ],
  attached: [['order', '42']],
  disposition: null,
  onHold: true,
  recording: 'off',
  consult: null,
  conference: false,
  updatedAt: 4,
};

describe('topics', () => {
  test('parseTopic reads each form; agent:me is always the own agent', () => {
    assert.deepEqual(parseTopic('agent:me'), { ok: true, value: { kind: 'agent-self' } });
    assert.deepEqual(parseTopic('agent:a:1'), { ok: true, value: { kind: 'agent', agentId: 'a:1' } });
    assert.deepEqual(parseTopic('queue:sales'), { ok: true, value: { kind: 'queue', queueId: 'sales' } });
    for (const kind of ['agents', 'queues', 'stats', 'contacts'] as const) {
      assert.deepEqual(parseTopic(kind), { ok: true, value: { kind } });
    }
  });

  test('parseTopic refuses anything else with invalid_argument', () => {
    for (const topic of [
      '',
      'agent',
      'agent:',
      'queue:',
      'Agents',
      'stats ',
      `queue:${'q'.repeat(129)}`,
      'agent:\n',
    ]) {
      const parsed = parseTopic(topic);
      assert.equal(parsed.ok, false, JSON.stringify(topic));
      assert.equal(!parsed.ok && parsed.error.code, 'invalid_argument');
    }
  });

  test('an agent state is published on the agent and on agents', () => {
    const event = { type: 'agent.state', at: 1, agentId: 'a1' } as WireEvent;
    assert.deepEqual(eventTopics(event), ['agent:a1', 'agents']);
  });

  test('a contact change reaches every agent on it (handling, offered, on a leg) and contacts', () => {
    const event: WireEvent = { type: 'contact.changed', at: 4, contact, events: [] };
    assert.deepEqual(eventTopics(event), ['agent:a1', 'agent:b2', 'contacts']);
  });

  test('a contact record reaches each agent who talked once, and contacts', () => {
    const record = { agents: ['a1', 'b2', 'a1'] } as unknown as ContactRecord;
    assert.deepEqual(eventTopics({ type: 'contact.ended', at: 9, record }), [
      'agent:a1',
      'agent:b2',
      'contacts',
    ]);
  });

  test('queue log entries go to the queue and queues; live statistics also to stats', () => {
    const entry = { type: 'entered', at: 1, contactId: 'c1', queueId: 'sales', priority: 0 } as const;
    assert.deepEqual(eventTopics({ type: 'queue.log', at: 1, entry }), ['queue:sales', 'queues']);
    const snapshot = { queueId: 'sales' } as never;
    assert.deepEqual(eventTopics({ type: 'queue.stats', at: 1, snapshot }), [
      'queue:sales',
      'queues',
      'stats',
    ]);
    const stats = { agentId: 'a1' } as never;
    assert.deepEqual(eventTopics({ type: 'agent.stats', at: 1, stats }), ['agent:a1', 'stats']);
  });
});
