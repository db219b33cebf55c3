// fast-check generators of wire events and viewers over a small contact center (test support for
// the fan-out property tests). Events carry only the fields the topics and the role filter read.
import type { WireEvent } from '@switchboard/protocol';
import fc from 'fast-check';
import type { Viewer } from '../scope/viewer.ts';

export const QUEUES = ['q1', 'q2', 'q3'];
export const AGENTS = ['a1', 'a2', 'a3', 'a4'];
export const GROUPS = ['g1', 'g2', 'g3'];

const queue = fc.constantFrom(...QUEUES);
export const agentArb = fc.constantFrom(...AGENTS);
const agent = agentArb;
const maybeAgent = fc.option(agent, { nil: null });

export const wireEventArb: fc.Arbitrary<WireEvent> = fc.oneof(
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
      legs: fc.array(fc.option(agent, { nil: null }), { maxLength: 3 }),
    })
    .map(({ queueId, agentId, offeredTo, legs }) => ({
      type: 'contact.changed',
      at: 0,
      contact: {
        queueId,
        agentId,
        offeredTo,
        legs: legs.map((a) => ({ party: a === null ? { kind: 'customer' } : { kind: 'agent', agentId: a } })),
      },
      events: [],
    })),
  fc
    .record({ queueId: fc.option(queue, { nil: null }), agents: fc.array(agent, { maxLength: 3 }) })
    .map(({ queueId, agents }) => ({ type: 'contact.ended', at: 0, record: { queueId, agents } })),
) as unknown as fc.Arbitrary<WireEvent>;

export const viewerArb: fc.Arbitrary<Viewer> = fc.oneof(
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
