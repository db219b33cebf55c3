import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result } from '../result.ts';
import type { EmptyRule } from './empty-rule.ts';
import type { QueueConfig } from './queue-config.ts';
import type { RouterPort } from './router-port.ts';
import { contact, offered, queueConfig, ROUTERS, skills, staff } from './routing-fixtures.ts';

const code = (result: Result<unknown>): string => (result.ok ? 'ok' : result.error.code);

for (const [name, make] of ROUTERS) {
  describe(`${name} rules`, () => {
    const routerWith = (...configs: QueueConfig[]): RouterPort => {
      const router = make();
      for (const config of configs) assert.ok(router.upsertQueue(config).ok);
      return router;
    };

    test('a higher priority is served first, then the longest waiting; positions follow that order', () => {
      const router = routerWith(queueConfig('q'));
      assert.deepEqual(router.enqueue(contact('c1', 'q', 0), 20), {
        ok: true,
        value: { kind: 'queued', position: 1 },
      });
      assert.deepEqual(router.enqueue(contact('c2', 'q', 10, { priority: 1 }), 20), {
        ok: true,
        value: { kind: 'queued', position: 1 },
      });
      assert.deepEqual(router.enqueue(contact('c3', 'q', 5), 20), {
        ok: true,
        value: { kind: 'queued', position: 3 },
      });
      assert.deepEqual(
        router.waiting('q').map((c) => c.contactId),
        ['c2', 'c1', 'c3'],
      );
      assert.deepEqual([router.position('c1'), router.position('c3'), router.position('nope')], [2, 3, null]);
      staff(router, 'q', ['a1'], 20);
      assert.deepEqual(router.route(30), [{ contactId: 'c2', queueId: 'q', agentIds: ['a1'], waitedMs: 20 }]);
      assert.equal(router.waitingCount('q'), 2);
    });

    test('a member needs every required skill (queue and contact) at the minimum level', () => {
      const router = routerWith(queueConfig('q', { requirements: [{ skill: 'fr', minLevel: 2 }] }));
      staff(router, 'q', ['none', 'low', 'fr', 'both']);
      router.setAgentSkills('low', skills({ fr: 1, billing: 5 }));
      router.setAgentSkills('fr', skills({ fr: 2 }));
      router.setAgentSkills('both', skills({ fr: 3, billing: 3 }));
      router.enqueue(contact('c1', 'q', 0, { requirements: [{ skill: 'billing', minLevel: 3 }] }), 0);
      router.enqueue(contact('c2', 'q', 1, { requirements: [{ skill: 'fr', minLevel: 3 }] }), 1);
      router.enqueue(contact('c3', 'q', 2), 2);
      // c2 asks fr ≥ 3 on top of the queue's fr ≥ 2: the higher level holds, and only 'both' has it (taken by c1).
      assert.deepEqual(offered(router, 3), [
        ['c1', 'both'],
        ['c3', 'fr'],
      ]);
      assert.deepEqual(
        router.waiting('q').map((c) => c.contactId),
        ['c2'],
      );
    });

    test('relaxation widens the penalty cap and lowers levels as the contact waits', () => {
      const router = routerWith(
        queueConfig('q', {
          maxPenalty: 0,
          requirements: [{ skill: 'fr', minLevel: 3 }],
          relaxation: [
            { afterMs: 30_000, maxPenalty: 2 },
            { afterMs: 60_000, maxPenalty: 2, minLevelDrop: 1 },
            { afterMs: 90_000, maxPenalty: 5 },
          ],
        }),
      );
      staff(router, 'q', [['far', 2]]);
      router.setAgentSkills('far', skills({ fr: 3 }));
      staff(router, 'q', [['weak', 0]]);
      router.setAgentSkills('weak', skills({ fr: 2 }));
      router.enqueue(contact('c1', 'q', 1_000), 1_000);
      router.enqueue(contact('c2', 'q', 1_000), 1_000);
      assert.deepEqual(router.route(1_000), []);
      assert.equal(router.nextRelaxationAt(1_000), 31_000);
      assert.deepEqual(router.route(30_999), []);
      assert.deepEqual(offered(router, 31_000), [['c1', 'far']]);
      assert.equal(router.nextRelaxationAt(31_000), 61_000);
      assert.deepEqual(offered(router, 61_000), [['c2', 'weak']]);
      assert.equal(router.nextRelaxationAt(61_000), null);
    });

    test('a relaxation step without minLevelDrop keeps the previous drop', () => {
      const router = routerWith(
        queueConfig('q', {
          maxPenalty: 0,
          requirements: [{ skill: 'fr', minLevel: 3 }],
          relaxation: [
            { afterMs: 10, maxPenalty: 0, minLevelDrop: 1 },
            { afterMs: 20, maxPenalty: 1 },
          ],
        }),
      );
      staff(router, 'q', [['weak', 1]]);
      router.setAgentSkills('weak', skills({ fr: 2 }));
      router.enqueue(contact('c1', 'q', 0), 0);
      assert.deepEqual(router.route(19), []);
      assert.deepEqual(offered(router, 20), [['c1', 'weak']]);
    });

    test('an agent in several queues gets the first contact by priority then wait, over the queues it may serve', () => {
      const router = routerWith(
        queueConfig('q1'),
        queueConfig('q2', { requirements: [{ skill: 'x', minLevel: 1 }] }),
        queueConfig('q3'),
      );
      router.enqueue(contact('late', 'q1', 10), 10);
      router.enqueue(contact('early-but-unservable', 'q2', 0), 10);
      router.enqueue(contact('middle', 'q3', 5), 10);
      router.enqueue(contact('urgent', 'q1', 20, { priority: 2 }), 20);
      for (const queueId of ['q1', 'q2', 'q3']) router.setMembership('a', queueId, 0);
      router.setAgentPresence('a', 'available', 30);
      assert.deepEqual(offered(router, 30), [['urgent', 'a']]);
      router.setAgentPresence('a', 'available', 40);
      assert.deepEqual(offered(router, 40), [['middle', 'a']]);
    });

    test('equal priority and wait across queues: the higher queue weight first, then the queue id', () => {
      const router = routerWith(
        queueConfig('qa'),
        queueConfig('qb', { weight: 5 }),
        queueConfig('qc', { weight: 5 }),
      );
      for (const queueId of ['qc', 'qb', 'qa']) router.enqueue(contact(`c-${queueId}`, queueId, 100), 100);
      for (const queueId of ['qa', 'qb', 'qc']) router.setMembership('a', queueId, 0);
      const order: string[] = [];
      for (let now = 200; order.length < 3; now += 1) {
        router.setAgentPresence('a', 'available', now);
        order.push(...router.route(now).map((assignment) => assignment.contactId));
      }
      assert.deepEqual(order, ['c-qb', 'c-qc', 'c-qa']);
    });

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
