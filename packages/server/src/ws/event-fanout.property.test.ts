import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventTopics, type Topic, type WireEvent } from '@switchboard/protocol';
import fc from 'fast-check';
import type { Principal } from '../auth/principal.ts';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { EventFanout } from './event-fanout.ts';
import { EventLog } from './event-log.ts';
import { SessionRegistry } from './session-registry.ts';
import { AGENTS, GROUPS, QUEUES, agentArb, wireEventArb } from './wire-event-arbitraries.ts';
import { canSeeWire } from './wire-events.ts';
import type { WsSession } from './ws-session.ts';

const runs = Number(process.env.FC_RUNS ?? 10000);

const directoryArb = fc
  .dictionary(agentArb, fc.subarray(GROUPS))
  .map((groups): ScopeDirectory => ({ groupsOf: (a) => groups[a] ?? [] }));

const principalArb: fc.Arbitrary<Principal> = fc.oneof(
  fc.constantFrom(...AGENTS, 'root').map((userId): Principal => ({ userId, role: 'admin' })),
  agentArb.map((userId): Principal => ({ userId, role: 'agent' })),
  fc
    .record({
      userId: fc.constantFrom(...AGENTS, 'sup'),
      queues: fc.subarray(QUEUES),
      groups: fc.subarray(GROUPS),
    })
    .map(
      ({ userId, queues, groups }): Principal => ({
        userId,
        role: 'supervisor',
        scope: { queues, agentGroups: groups },
      }),
    ),
);

const topicArb: fc.Arbitrary<Topic> = fc.constantFrom<Topic>(
  'agent:me',
  ...AGENTS.map((a): Topic => `agent:${a}`),
  ...QUEUES.map((q): Topic => `queue:${q}`),
  'agents',
  'queues',
  'stats',
  'contacts',
);

/** A session: who, what it subscribed to (in order), and maybe a later unsubscribe or a resume with another token. */
const sessionArb = fc.record({
  principal: principalArb,
  topics: fc.uniqueArray(topicArb, { minLength: 1, maxLength: 6 }),
  unsubscribe: fc.option(topicArb, { nil: null }),
  reauthenticate: fc.option(principalArb, { nil: null }),
});

interface Delivery {
  readonly session: string;
  readonly topic: string;
}

/**
 * The rule the fan-out must implement, written naively: for every session, the first of the
 * event's topics (in eventTopics order) it subscribed to, through the first of its subscriptions
 * (in the order written) that names that topic; delivered when the role filter lets it through.
 */
function naive(event: WireEvent, sessions: readonly WsSession[], directory: ScopeDirectory): Delivery[] {
  const out: Delivery[] = [];
  for (const session of sessions) {
    const concrete = eventTopics(event);
    let named: string | undefined;
    for (const topic of concrete) {
      named = [...session.topics].find(([, c]) => c === topic)?.[0];
      if (named !== undefined) break;
    }
    if (named !== undefined && canSeeWire(session.viewer, event, directory))
      out.push({ session: session.id, topic: JSON.stringify(named) });
  }
  return out.sort((a, b) => a.session.localeCompare(b.session));
}

test('the fan-out delivers an event exactly where the naive rule does: once per session, named by the first matching subscription, through the role filter', () => {
  fc.assert(
    fc.property(
      directoryArb,
      fc.array(sessionArb, { minLength: 1, maxLength: 8 }),
      fc.array(wireEventArb, { minLength: 1, maxLength: 4 }),
      (directory, specs, events) => {
        let ids = 0;
        const log = new EventLog(1 << 16);
        const timers = { now: () => 0, setTimer: () => ({}) as never, cancelTimer: () => {} };
        const registry = new SessionRegistry({
          clock: timers as never,
          retentionMs: 0,
          bufferSize: 16,
          log,
          newSessionId: () => `s${String(ids++).padStart(2, '0')}`,
        });
        const sessions = specs.map((spec) => {
          const session = registry.create(spec.principal);
          registry.subscribe(session, spec.topics);
          if (spec.unsubscribe !== null) registry.unsubscribe(session, [spec.unsubscribe]);
          if (spec.reauthenticate !== null && spec.reauthenticate.userId === spec.principal.userId)
            registry.setPrincipal(session, spec.reauthenticate);
          return session;
        });
        const got: Delivery[] = [];
        for (const session of sessions) {
          const id = session.id;
          session.sink = {
            enqueue: (text) => {
              const frame = JSON.parse(text) as { topic: unknown };
              got.push({ session: id, topic: JSON.stringify(frame.topic) });
            },
            close: () => {},
          };
        }
        const fanout = new EventFanout(registry.index, directory, log);
        for (const event of events) {
          got.length = 0;
          const count = fanout.deliver(event, 0);
          const sorted = [...got].sort((a, b) => a.session.localeCompare(b.session));
          assert.deepEqual(sorted, naive(event, sessions, directory), JSON.stringify({ event, specs }));
          assert.equal(count, got.length);
        }
      },
    ),
    { numRuns: runs },
  );
});
