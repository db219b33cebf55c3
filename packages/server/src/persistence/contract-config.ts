// Contract: configuration repositories. Every adapter must pass these unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PAUSE_REASONS, type Result } from '@switchboard/core';
import type { UserRecord } from '../auth/user-directory.ts';
import { demoConfig } from '../simulate/demo-config.ts';
import { type ContractTarget, openFresh, queueConfig } from './contract-fixtures.ts';

function code(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

const supervisor: UserRecord = {
  id: 'u1',
  username: 'sam',
  passwordHash: 'scrypt$hash',
  role: 'supervisor',
  scope: { queues: ['sales'], agentGroups: ['north'] },
  disabled: false,
};

export function configContract(target: ContractTarget): void {
  describe(`configuration (${target.dialect})`, () => {
    test('a user is stored, found by id and username, updated and deleted', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      assert.equal(code(await p.users.create(supervisor)), 'ok');
      assert.deepEqual(await p.users.findById('u1'), supervisor);
      assert.deepEqual(await p.users.findByUsername('sam'), supervisor);
      const agent: UserRecord = {
        id: 'u1',
        username: 'sam2',
        passwordHash: null,
        role: 'agent',
        disabled: true,
      };
      assert.equal(code(await p.users.update(agent)), 'ok');
      assert.deepEqual(await p.users.findById('u1'), agent);
      await p.users.updatePasswordHash('u1', 'new-hash');
      assert.equal((await p.users.findById('u1'))?.passwordHash, 'new-hash');
      assert.equal(code(await p.users.delete('u1')), 'ok');
      assert.equal(await p.users.findById('u1'), undefined);
    });

    test('users: a taken id or username is already_exists, a missing one unknown_user', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await p.users.create(supervisor);
      assert.equal(code(await p.users.create({ ...supervisor, username: 'other' })), 'already_exists');
      assert.equal(code(await p.users.create({ ...supervisor, id: 'u2' })), 'already_exists');
      assert.equal(code(await p.users.update({ ...supervisor, id: 'nobody' })), 'unknown_user');
      assert.equal(code(await p.users.delete('nobody')), 'unknown_user');
      await assert.rejects(p.users.updatePasswordHash('nobody', 'x'), { code: 'unknown_user' });
      assert.equal((await p.users.list()).length, 1);
    });

    test('users: a supervisor without scope or an agent with one is invalid_argument and not stored', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const { scope: _, ...noScope } = supervisor;
      assert.equal(code(await p.users.create(noScope)), 'invalid_argument');
      assert.equal(code(await p.users.create({ ...supervisor, role: 'agent' })), 'invalid_argument');
      assert.equal(
        code(await p.users.create({ ...supervisor, role: 'root' as 'admin' })),
        'invalid_argument',
      );
      assert.deepEqual(await p.users.list(), []);
    });

    test('agents need their skills in the catalogue; a skill in use cannot be deleted', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const ann = { id: 'a1', name: 'Ann', skills: { fr: 4 }, groups: ['north'], extension: '101' };
      assert.equal(code(await p.agents.create(ann)), 'unknown_skill');
      assert.equal(await p.agents.get('a1'), undefined);
      await p.skills.create({ id: 'fr', name: 'French' });
      assert.equal(code(await p.agents.create(ann)), 'ok');
      assert.deepEqual(await p.agents.get('a1'), ann);
      assert.equal(code(await p.skills.delete('fr')), 'conflict');
      assert.equal(
        code(await p.agents.create({ id: 'a2', name: 'Bob', extension: '101' })),
        'already_exists',
      );
      assert.equal(code(await p.agents.update({ ...ann, skills: {} })), 'ok');
      assert.equal(code(await p.skills.delete('fr')), 'ok');
      assert.equal(code(await p.agents.update({ ...ann, id: 'ghost' })), 'unknown_agent');
      assert.equal(code(await p.skills.update({ id: 'fr', name: 'x' })), 'unknown_skill');
    });

    test('queues round-trip their whole config; a bad config is refused', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await p.skills.create({ id: 'fr', name: 'French' });
      const sales = queueConfig('sales', {
        requirements: [{ skill: 'fr', minLevel: 2 }],
        relaxation: [{ afterMs: 30_000, maxPenalty: 2, minLevelDrop: 1 }],
      });
      assert.equal(code(await p.queues.create(sales)), 'ok');
      assert.deepEqual(await p.queues.get('sales'), sales);
      assert.equal(code(await p.queues.create(sales)), 'already_exists');
      assert.equal(code(await p.queues.create(queueConfig('bad', { ringTimeoutMs: 0 }))), 'invalid_argument');
      assert.equal(
        code(await p.queues.create(queueConfig('x', { requirements: [{ skill: 'de', minLevel: 1 }] }))),
        'unknown_skill',
      );
      assert.equal(code(await p.skills.delete('fr')), 'conflict');
      assert.equal(code(await p.queues.update({ ...sales, name: 'Ventes' })), 'ok');
      assert.equal((await p.queues.get('sales'))?.name, 'Ventes');
      assert.equal(code(await p.queues.update(queueConfig('ghost'))), 'unknown_queue');
      assert.deepEqual(
        (await p.queues.list()).map((q) => q.id),
        ['sales'],
      );
    });

    test('memberships: set twice changes the penalty; they go with their queue', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await p.agents.create({ id: 'a1', name: 'Ann' });
      await p.queues.create(queueConfig('sales'));
      assert.equal(
        code(await p.memberships.set({ agentId: 'a1', queueId: 'nope', penalty: 0 })),
        'unknown_queue',
      );
      assert.equal(
        code(await p.memberships.set({ agentId: 'nope', queueId: 'sales', penalty: 0 })),
        'unknown_agent',
      );
      assert.equal(
        code(await p.memberships.set({ agentId: 'a1', queueId: 'sales', penalty: -1 })),
        'invalid_argument',
      );
      await p.memberships.set({ agentId: 'a1', queueId: 'sales', penalty: 0 });
      await p.memberships.set({ agentId: 'a1', queueId: 'sales', penalty: 3 });
      assert.deepEqual(await p.memberships.ofAgent('a1'), [{ agentId: 'a1', queueId: 'sales', penalty: 3 }]);
      assert.equal(code(await p.queues.delete('sales')), 'ok');
      assert.deepEqual(await p.memberships.list(), []);
      assert.equal(code(await p.memberships.remove('a1', 'sales')), 'not_in_queue');
    });

    test('dial plan: destinations must exist, and a destination in use cannot be deleted', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const entry = {
        number: '1000',
        destination: { kind: 'queue' as const, queueId: 'sales' },
        priority: 5,
      };
      assert.equal(code(await p.dialPlan.create(entry)), 'unknown_queue');
      await p.queues.create(queueConfig('sales'));
      assert.equal(code(await p.dialPlan.create(entry)), 'ok');
      assert.deepEqual(await p.dialPlan.get('1000'), entry);
      assert.equal(code(await p.dialPlan.create(entry)), 'already_exists');
      assert.equal(code(await p.queues.delete('sales')), 'conflict');
      assert.ok(await p.queues.get('sales'), 'the refused delete changed nothing');
      const hangup = { number: '1000', destination: { kind: 'hangup' as const } };
      assert.equal(code(await p.dialPlan.update(hangup)), 'ok');
      assert.deepEqual(await p.dialPlan.get('1000'), hangup);
      assert.equal(code(await p.queues.delete('sales')), 'ok');
      assert.equal(code(await p.dialPlan.delete('9999')), 'unknown_number');
      assert.equal(
        code(await p.dialPlan.create({ number: '', destination: { kind: 'hangup' } })),
        'invalid_argument',
      );
    });

    test('pause reasons keep their order; duplicates of a code or vendor mapping are refused', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      for (const reason of DEFAULT_PAUSE_REASONS)
        assert.equal(code(await p.pauseReasons.create(reason)), 'ok');
      assert.deepEqual(await p.pauseReasons.list(), DEFAULT_PAUSE_REASONS);
      const lunch = { code: 'lunch', name: 'Lunch', category: 'meal' as const, sobotCode: 14 };
      assert.equal(code(await p.pauseReasons.create(lunch)), 'already_exists');
      assert.equal(code(await p.pauseReasons.create({ ...lunch, code: 'bad code!' })), 'invalid_argument');
      assert.equal(
        code(await p.pauseReasons.update({ code: 'break', name: 'Pause', category: 'break' })),
        'ok',
      );
      assert.equal((await p.pauseReasons.list())[0]?.name, 'Pause');
      assert.equal(code(await p.pauseReasons.delete('nope')), 'unknown_pause_reason');
    });

    test('seedIfEmpty writes a whole configuration once, and loadEngineConfig reads it back', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const config = demoConfig();
      const seeded = await p.seedIfEmpty({ ...config, users: [supervisor] });
      assert.deepEqual(seeded, { ok: true, value: { seeded: true } });
      const loaded = await p.loadEngineConfig();
      const byId = <T extends { id: string }>(list: readonly T[]) =>
        [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      assert.deepEqual(byId(loaded.queues), byId(config.queues));
      assert.deepEqual(
        byId(loaded.agents),
        byId(config.agents).map((a) => ({ ...a, extension: null })),
      );
      assert.equal(loaded.memberships.length, config.memberships.length);
      assert.deepEqual(
        [...loaded.dialPlan].sort((a, b) => (a.number < b.number ? -1 : 1)),
        config.dialPlan,
      );
      assert.deepEqual(loaded.pauseReasons, DEFAULT_PAUSE_REASONS);
      assert.deepEqual(await p.seedIfEmpty({ ...config, agents: [] }), {
        ok: true,
        value: { seeded: false },
      });
      assert.equal((await p.agents.list()).length, config.agents.length);
    });

    test('seedIfEmpty is all or nothing: one bad reference leaves the database empty', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const config = demoConfig();
      const broken = {
        ...config,
        memberships: [...config.memberships, { agentId: 'ghost', queueId: 'sales', penalty: 0 }],
      };
      assert.equal(code(await p.seedIfEmpty(broken)), 'unknown_agent');
      assert.deepEqual(await p.agents.list(), []);
      assert.deepEqual(await p.queues.list(), []);
      assert.deepEqual(await p.skills.list(), []);
      const invalid = { ...config, queues: [queueConfig('q', { weight: Number.NaN })] };
      assert.equal(code(await p.seedIfEmpty(invalid)), 'invalid_argument');
      assert.equal(code(await p.seedIfEmpty(config)), 'ok');
    });
  });
}
