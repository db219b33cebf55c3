import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RouterPort } from './router-port.ts';
import type { RoutingStrategy } from './routing-strategy.ts';
import { contact, offered, queueConfig, ROUTERS, replay, staff } from './routing-fixtures.ts';

for (const [name, make] of ROUTERS) {
  describe(`${name} strategies`, () => {
    const withQueue = (strategy: RoutingStrategy, random?: () => number): RouterPort => {
      const router = make(random);
      assert.ok(router.upsertQueue(queueConfig('q', { strategy })).ok);
      assert.ok(router.upsertQueue(queueConfig('other', { strategy })).ok);
      return router;
    };
    /** One contact arrives at `at` and is routed; returns who was offered it. */
    const next = (router: RouterPort, id: string, at: number): string[] => {
      assert.ok(router.enqueue(contact(id, 'q', at), at).ok);
      return offered(router, at).map(([, ...agents]) => agents.join('+'));
    };

    test('longest-idle offers the member available the longest', () => {
      const router = withQueue('longest-idle');
      staff(router, 'q', ['a1'], 100);
      staff(router, 'q', ['a2'], 50);
      staff(router, 'q', ['a3'], 200);
      assert.deepEqual(next(router, 'c1', 300), ['a2']);
      assert.deepEqual(next(router, 'c2', 300), ['a1']);
    });

    test('longest-idle: becoming available again restarts the idle time, re-asserting available does not', () => {
      const router = withQueue('longest-idle');
      staff(router, 'q', ['a1', 'a2'], 0);
      router.setAgentPresence('a1', 'available', 50); // already available: idle since 0 still
      router.setAgentPresence('a2', 'paused', 60);
      router.setAgentPresence('a2', 'available', 70);
      assert.deepEqual(next(router, 'c1', 100), ['a1']);
    });

    test('least-recent offers the member that least recently answered a contact of this queue', () => {
      const router = withQueue('least-recent');
      staff(router, 'q', ['a1', 'a2', 'a3']);
      router.recordAnswered('a1', 'q', 500);
      router.recordAnswered('a2', 'q', 300);
      router.recordAnswered('a3', 'q', 400);
      router.setMembership('a2', 'other', 0);
      router.recordAnswered('a2', 'other', 900); // another queue's calls do not count here
      assert.deepEqual(next(router, 'c1', 1000), ['a2']);
      assert.deepEqual(next(router, 'c2', 1000), ['a3']);
    });

    test('least-recent offers a member that never answered before any that did', () => {
      const router = withQueue('least-recent');
      staff(router, 'q', ['a1', 'a2']);
      router.recordAnswered('a1', 'q', 10);
      assert.deepEqual(next(router, 'c1', 100), ['a2']);
    });

    test('fewest-calls offers the member with the fewest answered contacts of this queue', () => {
      const router = withQueue('fewest-calls');
      staff(router, 'q', ['a1', 'a2', 'a3']);
      for (const agentId of ['a1', 'a1', 'a2', 'a3', 'a3', 'a3']) router.recordAnswered(agentId, 'q', 10);
      router.setMembership('a2', 'other', 0);
      for (let i = 0; i < 5; i += 1) router.recordAnswered('a2', 'other', 10);
      assert.deepEqual(next(router, 'c1', 100), ['a2']);
      assert.deepEqual(next(router, 'c2', 100), ['a1']);
    });

    test('round-robin offers the member after the last one offered, in membership order, wrapping', () => {
      const router = withQueue('round-robin');
      staff(router, 'q', ['a1', 'a2', 'a3']);
      const order: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const [agent] = next(router, `c${i}`, 10 + i);
        order.push(agent!);
        router.setAgentPresence(agent!, 'available', 10 + i);
      }
      assert.deepEqual(order, ['a1', 'a2', 'a3', 'a1', 'a2']);
    });

    test('round-robin skips members that are not available and remembers where it stopped', () => {
      const router = withQueue('round-robin');
      staff(router, 'q', ['a1', 'a2', 'a3']);
      assert.deepEqual(next(router, 'c1', 1), ['a1']);
      router.setAgentPresence('a2', 'paused', 2);
      assert.deepEqual(next(router, 'c2', 3), ['a3']);
      router.setAgentPresence('a1', 'available', 4);
      router.setAgentPresence('a2', 'available', 4);
      assert.deepEqual(next(router, 'c3', 5), ['a1']);
    });

    test('linear always starts from the first member in membership order', () => {
      const router = withQueue('linear');
      staff(router, 'q', ['a3', 'a1', 'a2']);
      assert.deepEqual(next(router, 'c1', 1), ['a3']);
      router.setAgentPresence('a3', 'available', 2);
      assert.deepEqual(next(router, 'c2', 3), ['a3']);
      assert.deepEqual(next(router, 'c3', 4), ['a1']);
    });

    test('random picks uniformly among the lowest-penalty eligible members, by the injected random', () => {
      const low = withQueue('random', replay(0));
      staff(low, 'q', [['a1', 1], 'a2', 'a3']);
      assert.deepEqual(next(low, 'c1', 1), ['a2']);
      const high = withQueue('random', replay(0.99));
      staff(high, 'q', [['a1', 1], 'a2', 'a3']);
      assert.deepEqual(next(high, 'c1', 1), ['a3']);
    });

    test('weighted-random scores each member random × (penalty + 1), lowest wins', () => {
      // Scores: a1 0.9 × 1, a2 0.2 × 2 = 0.4, a3 0.95 × 1: the penalised a2 still wins.
      const router = withQueue('weighted-random', replay(0.9, 0.2, 0.95));
      staff(router, 'q', ['a1', ['a2', 1], 'a3']);
      assert.deepEqual(next(router, 'c1', 1), ['a2']);
      // Scores: a1 0.5, a3 0.9 (a2 busy): a1 wins.
      const again = withQueue('weighted-random', replay(0.5, 0.9));
      staff(again, 'q', ['a1', ['a2', 1], 'a3']);
      again.setAgentPresence('a2', 'busy', 1);
      assert.deepEqual(next(again, 'c1', 1), ['a1']);
    });

    test('ring-all offers the contact to every eligible available member of the lowest penalty at once', () => {
      const router = withQueue('ring-all');
      staff(router, 'q', ['a1', ['a3', 1], 'a2']);
      assert.deepEqual(next(router, 'c1', 1), ['a1+a2']);
      assert.equal(router.presenceOf('a1'), 'busy');
      assert.equal(router.presenceOf('a2'), 'busy');
      // The group was offered only c1; the next contact goes to the one member left.
      assert.deepEqual(next(router, 'c2', 2), ['a3']);
    });

    test('every strategy tries lower penalties first', () => {
      for (const strategy of [
        'longest-idle',
        'least-recent',
        'fewest-calls',
        'round-robin',
        'linear',
      ] as const) {
        const router = withQueue(strategy);
        staff(router, 'q', [['a1', 2]], 0); // idle longest, never answered, first in order…
        staff(router, 'q', [['a2', 1]], 10);
        router.recordAnswered('a2', 'q', 5);
        assert.deepEqual(next(router, 'c1', 20), ['a2'], strategy);
      }
    });
  });
}
