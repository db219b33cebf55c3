import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueueConfig } from './queue-config.ts';
import type { RouterPort } from './router-port.ts';
import { contact, offered, queueConfig, ROUTERS, skills, staff } from './routing-fixtures.ts';

for (const [name, make] of ROUTERS) {
  describe(`${name} service order and eligibility`, () => {
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

    test('a contact put back ahead of one that waited longer still relaxes on its own clock', () => {
      const router = routerWith(
        queueConfig('q', { maxPenalty: 0, relaxation: [{ afterMs: 100, maxPenalty: 1 }] }),
      );
      router.enqueue(contact('old', 'q', 0), 0);
      assert.equal(router.requeueAtHead(contact('back', 'q', 90), 150).ok, true);
      assert.deepEqual(
        router.waiting('q').map((c) => c.contactId),
        ['back', 'old'],
      );
      assert.equal(router.nextRelaxationAt(150), 190);
      staff(router, 'q', [['a', 1]], 150);
      // 'back' is served first but is not relaxed enough for a penalty-1 agent yet; 'old' is.
      assert.deepEqual(offered(router, 150), [['old', 'a']]);
      staff(router, 'q', [['b', 1]], 160);
      assert.deepEqual(router.route(189), []);
      assert.deepEqual(offered(router, 190), [['back', 'b']]);
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
  });
}
