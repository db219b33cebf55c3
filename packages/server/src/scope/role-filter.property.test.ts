import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueueLogEvent } from '@switchboard/core';
import type { ContactRecord, EngineEvent } from '@switchboard/engine';
import fc from 'fast-check';
import { agentsOfContact, canSee } from './role-filter.ts';
import type { ScopeDirectory, Viewer } from './viewer.ts';

const QUEUES = ['q1', 'q2', 'q3', 'q4'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
const GROUPS = ['g1', 'g2', 'g3'];
const runs = Number(process.env.FC_RUNS ?? 10000);

const groupsArb = fc.dictionary(fc.constantFrom(...AGENTS), fc.subarray(GROUPS), { minKeys: 0 });

function record(queueId: string | null, agents: string[]): ContactRecord {
  return {
    contactId: 'c',
    direction: 'inbound',
    queueId,
    customerNumber: '1',
    dialedNumber: '2',
    arrivedAt: 0,
    connectedAt: null,
    endedAt: 1,
    outcome: 'answered',
    agentId: agents.at(-1) ?? null,
    agents,
    waitMs: 1,
    talkMs: 0,
    holdMs: 0,
    wrapupMs: 0,
    attached: [],
    disposition: null,
  };
}

const eventArb: fc.Arbitrary<EngineEvent> = fc.oneof(
  fc.constantFrom(...AGENTS).map(
    (agentId) =>
      ({
        type: 'agent.log',
        at: 0,
        entry: { at: 0, agentId, state: 'Ready', reason: null },
      }) as EngineEvent,
  ),
  fc
    .record({ q: fc.constantFrom(...QUEUES), a: fc.option(fc.constantFrom(...AGENTS), { nil: null }) })
    .map(({ q, a }) => {
      const entry: QueueLogEvent =
        a === null
          ? { type: 'entered', at: 0, contactId: 'c', queueId: q, priority: 0 }
          : { type: 'offered', at: 0, contactId: 'c', queueId: q, agentId: a };
      return { type: 'queue.log', at: 0, entry } as EngineEvent;
    }),
  fc
    .record({
      q: fc.option(fc.constantFrom(...QUEUES), { nil: null }),
      agents: fc.subarray(AGENTS, { maxLength: 3 }),
    })
    .map(({ q, agents }) => ({ type: 'contact.ended', at: 0, record: record(q, agents) }) as EngineEvent),
);

const viewerArb: fc.Arbitrary<Viewer> = fc.oneof(
  fc
    .record({ queues: fc.subarray(QUEUES), groups: fc.subarray(GROUPS) })
    .map(
      ({ queues, groups }) =>
        ({ role: 'supervisor', queues: new Set(queues), agentGroups: new Set(groups) }) as Viewer,
    ),
  fc.constantFrom(...AGENTS).map((agentId) => ({ role: 'agent', agentId }) as Viewer),
);

/** Independent statement of what a viewer may receive: the queue and agents an event is about. */
function inScope(viewer: Viewer, event: EngineEvent, directory: ScopeDirectory): boolean {
  const subjectQueue =
    event.type === 'queue.log'
      ? event.entry.queueId
      : event.type === 'contact.ended'
        ? event.record.queueId
        : null;
  const subjectAgents =
    event.type === 'agent.log'
      ? [event.entry.agentId]
      : event.type === 'queue.log'
        ? 'agentId' in event.entry
          ? [event.entry.agentId]
          : []
        : event.type === 'contact.ended'
          ? [...event.record.agents]
          : event.type === 'contact.changed'
            ? agentsOfContact(event.contact)
            : [event.agentId];
  if (viewer.role === 'agent') return subjectAgents.includes(viewer.agentId);
  if (viewer.role !== 'supervisor') return true;
  const queueOk = subjectQueue !== null && viewer.queues.has(subjectQueue);
  const agentOk = subjectAgents.some((a) => directory.groupsOf(a).some((g) => viewer.agentGroups.has(g)));
  // A queue line without an agent is only for the queue's supervisors.
  return event.type === 'queue.log' && !('agentId' in event.entry) ? queueOk : queueOk || agentOk;
}

test('a supervisor or agent never receives an event outside its queues, groups or self', () => {
  fc.assert(
    fc.property(viewerArb, groupsArb, fc.array(eventArb, { maxLength: 20 }), (viewer, groups, events) => {
      const directory: ScopeDirectory = { groupsOf: (a) => groups[a] ?? [] };
      for (const event of events) {
        const seen = canSee(viewer, event, directory);
        if (seen)
          assert.ok(inScope(viewer, event, directory), JSON.stringify({ viewer: { ...viewer }, event }));
        // Queue lines: a supervisor sees every line of its queues, whoever they name.
        if (
          viewer.role === 'supervisor' &&
          event.type === 'queue.log' &&
          viewer.queues.has(event.entry.queueId)
        ) {
          assert.equal(seen, true);
        }
      }
    }),
    { numRuns: runs },
  );
});

test('an admin receives everything', () => {
  fc.assert(
    fc.property(eventArb, (event) => canSee({ role: 'admin' }, event, { groupsOf: () => [] })),
    { numRuns: Math.min(runs, 2000) },
  );
});
