import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result } from '../result.ts';
import type { EmptyRule } from './empty-rule.ts';
import type { QueueConfig } from './queue-config.ts';
import type { RouterPort } from './router-port.ts';
import { contact, offered, queueConfig, ROUTERS, skills, staff } from './routing-fixtures.ts';

const code = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

for (const [name, make] of ROUTERS) {
  describe(`${name} admission, leaving and commands`, () => {
    const routerWith = (...configs: QueueConfig[]): RouterPort => {
      const router = make();
      for (const config of configs) assert.ok(router.upsertQueue(config).ok);
      return router;
    };

    test('a full queue refuses with its onFull overflow and changes nothing', () => {
      const router = routerWith(
        queueConfig('q', {
          maxLength: 1,
          overflow: { onTimeout: null, onFull: { kind: 'hangup' }, onEmpty: null },
        }),
      );
      assert.ok(router.enqueue(contact('c1', 'q', 0), 0).ok);
      assert.deepEqual(router.enqueue(contact('c2', 'q', 0), 0), {
        ok: true,
        value: { kind: 'refused', reason: 'full', overflow: { kind: 'hangup' } },
      });
      assert.equal(router.waitingCount('q'), 1);
      assert.equal(router.position('c2'), null);
    });

    test('join-empty: each rule refuses a contact only when the queue is empty in its sense', () => {
      const onEmpty = { kind: 'queue', queueId: 'backup' } as const;
      // members: a1 paused, a2 busy (no one available) — then each rule decides.
      const expectations: Record<EmptyRule, boolean> = {
        never: false,
        'no-members': false,
        'no-logged-in': false,
        'no-unpaused': false,
        'no-available': true,
      };
      for (const [rule, refused] of Object.entries(expectations)) {
        const router = routerWith(
          queueConfig('q', {
            joinEmpty: rule as EmptyRule,
            overflow: { onTimeout: null, onFull: null, onEmpty },
          }),
        );
        staff(router, 'q', ['a1', 'a2']);
        router.setAgentPresence('a1', 'paused', 1);
        router.setAgentPresence('a2', 'busy', 1);
        const result = router.enqueue(contact('c1', 'q', 2), 2);
        const expected = refused
          ? { kind: 'refused', reason: 'empty', overflow: onEmpty }
          : { kind: 'queued', position: 1 };
        assert.deepEqual(result, { ok: true, value: expected }, rule);
      }
      const lonely = routerWith(queueConfig('q', { joinEmpty: 'no-members' }));
      assert.deepEqual(lonely.enqueue(contact('c1', 'q', 0), 0), {
        ok: true,
        value: { kind: 'refused', reason: 'empty', overflow: null },
      });
      const allPaused = routerWith(queueConfig('q', { joinEmpty: 'no-unpaused' }));
      staff(allPaused, 'q', ['a1']);
      allPaused.setAgentPresence('a1', 'paused', 0);
      assert.equal(allPaused.waitingCount('q'), 0);
      assert.deepEqual(allPaused.enqueue(contact('c1', 'q', 0), 0), {
        ok: true,
        value: { kind: 'refused', reason: 'empty', overflow: null },
      });
    });

    test('leave-when-empty removes (and returns in service order) the contacts of queues that became empty', () => {
      const router = routerWith(queueConfig('q', { leaveWhenEmpty: 'no-logged-in' }), queueConfig('keep'));
      staff(router, 'q', ['a1']);
      router.setAgentPresence('a1', 'paused', 0);
      router.enqueue(contact('c1', 'q', 0), 0);
      router.enqueue(contact('c2', 'q', 1, { priority: 3 }), 1);
      router.enqueue(contact('k1', 'keep', 1), 1);
      assert.deepEqual(router.leaveWhenEmpty(2), []);
      router.setAgentPresence('a1', 'offline', 3);
      assert.deepEqual(
        router.leaveWhenEmpty(4).map((c) => c.contactId),
        ['c2', 'c1'],
      );
      assert.deepEqual([router.waitingCount('q'), router.waitingCount('keep')], [0, 1]);
      assert.deepEqual(router.leaveWhenEmpty(5), []);
    });

    test('a contact put back at the head goes before the others of its priority, not before higher ones', () => {
      const router = routerWith(queueConfig('q'));
      router.enqueue(contact('old', 'q', 0), 0);
      router.enqueue(contact('vip', 'q', 5, { priority: 1 }), 5);
      const back = contact('back', 'q', 10);
      assert.equal(code(router.requeueAtHead(back, 20)), 'ok');
      assert.deepEqual(
        router.waiting('q').map((c) => c.contactId),
        ['vip', 'back', 'old'],
      );
      assert.equal(code(router.requeueAtHead(back, 20)), 'already_exists');
      assert.equal(code(router.requeueAtHead(contact('x', 'nope', 0), 20)), 'unknown_queue');
    });

    test('enqueue refuses unknown queues, duplicates and malformed contacts, changing nothing', () => {
      const router = routerWith(queueConfig('q'));
      assert.equal(code(router.enqueue(contact('c1', 'nope', 0), 0)), 'unknown_queue');
      assert.equal(code(router.enqueue(contact('c1', 'q', 0), 0)), 'ok');
      assert.equal(code(router.enqueue(contact('c1', 'q', 0), 0)), 'already_exists');
      assert.equal(
        code(router.enqueue(contact('c2', 'q', 0, { priority: Number.NaN }), 0)),
        'invalid_argument',
      );
      assert.equal(code(router.enqueue(contact('', 'q', 0), 0)), 'invalid_argument');
      const badRequirement = { requirements: [{ skill: '', minLevel: 1 }] };
      assert.equal(code(router.enqueue(contact('c3', 'q', 0, badRequirement), 0)), 'invalid_argument');
      assert.equal(router.waitingCount('q'), 1);
    });

    test('remove takes a waiting contact out and returns it; null when it is not waiting', () => {
      const router = routerWith(queueConfig('q'));
      const c1 = contact('c1', 'q', 0);
      router.enqueue(c1, 0);
      assert.deepEqual(router.remove('c1'), c1);
      assert.equal(router.remove('c1'), null);
      staff(router, 'q', ['a1']);
      assert.deepEqual(router.route(1), []);
    });

    test('route marks offered agents busy and the member counts follow presence', () => {
      const router = routerWith(queueConfig('q'));
      staff(router, 'q', ['a1', 'a2', 'a3']);
      router.setAgentPresence('a3', 'paused', 0);
      router.setMembership('a4', 'q', 0);
      assert.deepEqual(router.memberCounts('q'), {
        members: 4,
        loggedIn: 3,
        available: 2,
        paused: 1,
        busy: 0,
      });
      router.enqueue(contact('c1', 'q', 0), 0);
      assert.deepEqual(offered(router, 1), [['c1', 'a1']]);
      assert.equal(router.presenceOf('a1'), 'busy');
      assert.equal(router.presenceOf('ghost'), null);
      assert.deepEqual(router.memberCounts('q'), {
        members: 4,
        loggedIn: 3,
        available: 1,
        paused: 1,
        busy: 1,
      });
      assert.deepEqual(router.memberCounts('nope'), {
        members: 0,
        loggedIn: 0,
        available: 0,
        paused: 0,
        busy: 0,
      });
    });

    test('membership and queue commands refuse what they cannot do', () => {
      const router = routerWith(queueConfig('q'));
      assert.equal(code(router.setMembership('a1', 'nope', 0)), 'unknown_queue');
      assert.equal(code(router.setMembership('a1', 'q', -1)), 'invalid_argument');
      assert.equal(code(router.setMembership('a1', 'q', 1.5)), 'invalid_argument');
      assert.equal(code(router.removeMembership('a1', 'q')), 'not_in_queue');
      assert.equal(code(router.removeMembership('a1', 'nope')), 'unknown_queue');
      assert.equal(code(router.upsertQueue(queueConfig('q', { maxPenalty: -1 }))), 'invalid_argument');
      router.enqueue(contact('c1', 'q', 0), 0);
      assert.equal(code(router.removeQueue('q')), 'conflict');
      assert.equal(code(router.removeQueue('nope')), 'unknown_queue');
      router.remove('c1');
      assert.equal(code(router.removeQueue('q')), 'ok');
      assert.equal(code(router.enqueue(contact('c1', 'q', 0), 0)), 'unknown_queue');
    });

    test("changes to a waiting contact's eligibility take effect on the next route()", () => {
      const router = routerWith(
        queueConfig('q', { maxPenalty: 0, requirements: [{ skill: 'fr', minLevel: 1 }] }),
      );
      staff(router, 'q', [['a1', 1]]);
      router.enqueue(contact('c1', 'q', 0), 0);
      router.enqueue(contact('c2', 'q', 1), 1);
      assert.deepEqual(router.route(2), []);
      router.setAgentSkills('a1', skills({ fr: 1 }));
      assert.deepEqual(router.route(3), []);
      router.setMembership('a1', 'q', 0); // penalty lowered
      assert.deepEqual(offered(router, 4), [['c1', 'a1']]);
      staff(router, 'q', [['a2', 3]]);
      router.setAgentSkills('a2', skills({ fr: 1 }));
      assert.deepEqual(router.route(5), []);
      router.upsertQueue(queueConfig('q', { maxPenalty: 3, requirements: [{ skill: 'fr', minLevel: 1 }] }));
      assert.deepEqual(offered(router, 6), [['c2', 'a2']]);
    });
  });
}
