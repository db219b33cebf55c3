import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WireEvent } from '@switchboard/protocol';
import fc from 'fast-check';
import type { ScopeDirectory, Viewer } from '../scope/viewer.ts';
import { eventScopeKeys, viewerScopeKeys } from './scope-keys.ts';
import { canSeeWire } from './wire-events.ts';

const QUEUES = ['q1', 'q2', 'q3'];
const AGENTS = ['a1', 'a2', 'a3', 'a4'];
const GROUPS = ['g1', 'g2', 'g3'];
const runs = Number(process.env.FC_RUNS ?? 10000);

const queue = fc.constantFrom(...QUEUES);
const agent = fc.constantFrom(...AGENTS);
const maybeAgent = fc.option(agent, { nil: null });

const eventArb: fc.Arbitrary<WireEvent> = fc.oneof(
  agent.map((agentId) => ({ type: 'agent.state', at: 0, agentId, state: {}, actions: [] })),
  agent.map((agentId) => ({ type: 'agent.stats', at: 0, stats: { agentId } })),
  queue.map((queueId) => ({ type: 'queue.stats', at: 0, snapshot: { queueId } })),
  fc.record({ queueId: queue, agentId: maybeAgent }).map(({ queueId, agentId }) => ({
    type: 'queue.log',
    at: 0,
    entry: agentId === null ? { type: 'entered', queueId } : { type: 'offered', queueId, agentId },
  })),
  fc
    .record({
      queueId: fc.option(queue, { nil: null }),
      agentId: maybeAgent,
      offeredTo: maybeAgent,
      legs: fc.array(agent, { maxLength: 2 }),
    })
    .map(({ queueId, agentId, offeredTo, legs }) => ({
      type: 'contact.changed',
      at: 0,
      contact: {
        queueId,
        agentId,
        offeredTo,
        legs: legs.map((a) => ({ party: { kind: 'agent', agentId: a } })),
      },
      events: [],
    })),
  fc
    .record({ queueId: fc.option(queue, { nil: null }), agents: fc.array(agent, { maxLength: 3 }) })
    .map(({ queueId, agents }) => ({ type: 'contact.ended', at: 0, record: { queueId, agents } })),
) as unknown as fc.Arbitrary<WireEvent>;

const viewerArb: fc.Arbitrary<Viewer> = fc.oneof(
  fc.constant<Viewer>({ role: 'admin' }),
  agent.map((agentId): Viewer => ({ role: 'agent', agentId })),
  fc.record({ queues: fc.subarray(QUEUES), groups: fc.subarray(GROUPS) }).map(
    ({ queues, groups }): Viewer => ({
      role: 'supervisor',
      queues: new Set(queues),
      agentGroups: new Set(groups),
    }),
  ),
);

test('filing broad subscriptions by scope key never holds back an event the role filter lets through', () => {
  fc.assert(
    fc.property(viewerArb, fc.dictionary(agent, fc.subarray(GROUPS)), eventArb, (viewer, groups, event) => {
      const directory: ScopeDirectory = { groupsOf: (a) => groups[a] ?? [] };
      if (!canSeeWire(viewer, event, directory)) return;
      const eventKeys = new Set(eventScopeKeys(event, directory));
      assert.ok(
        viewerScopeKeys(viewer).some((k) => eventKeys.has(k)),
        JSON.stringify({ viewer: viewerScopeKeys(viewer), event, keys: [...eventKeys] }),
      );
    }),
    { numRuns: runs },
  );
});
