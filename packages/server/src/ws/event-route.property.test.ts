import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventTopics } from '@switchboard/protocol';
import fc from 'fast-check';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { EventRouter } from './event-route.ts';
import { viewerScopeKeys } from './scope-keys.ts';
import { GROUPS, agentArb, viewerArb, wireEventArb } from './wire-event-arbitraries.ts';
import { canSeeWire } from './wire-events.ts';

const runs = Number(process.env.FC_RUNS ?? 10000);
const directoryArb = fc
  .dictionary(agentArb, fc.subarray(GROUPS))
  .map((groups): ScopeDirectory => ({ groupsOf: (a) => groups[a] ?? [] }));

test("the router's topics are exactly the protocol's eventTopics, in order", () => {
  const router = new EventRouter({ groupsOf: () => [] });
  fc.assert(
    fc.property(wireEventArb, (event) => {
      assert.deepEqual(router.topics(event), eventTopics(event));
    }),
    { numRuns: runs },
  );
});

test('filing broad subscriptions by scope key never holds back an event the role filter lets through', () => {
  fc.assert(
    fc.property(viewerArb, directoryArb, wireEventArb, (viewer, directory, event) => {
      if (!canSeeWire(viewer, event, directory)) return;
      const eventKeys = new Set(new EventRouter(directory).scopeKeys(event));
      assert.ok(
        viewerScopeKeys(viewer).some((k) => eventKeys.has(k)),
        JSON.stringify({ viewer: viewerScopeKeys(viewer), event, keys: [...eventKeys] }),
      );
    }),
    { numRuns: runs },
  );
});
