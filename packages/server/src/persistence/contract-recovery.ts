// Contract: the recovery journal and recover(). Every adapter must pass these unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contactRecord, type ContractTarget, journaledContact, openFresh, T0 } from './contract-fixtures.ts';
import { Persistence } from './persistence.ts';
import { RESTART_PAUSE_REASON } from './recovery-journal.ts';

export function recoveryContract(target: ContractTarget): void {
  describe(`recovery journal (${target.dialect})`, () => {
    test('storing a contact record removes its journal entry in the same transaction', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      assert.ok((await p.journal.contactStarted(journaledContact('c-00001'))).ok);
      assert.equal((await p.journal.contactsInProgress()).length, 1);
      assert.ok((await p.records.insert(contactRecord(1))).ok);
      assert.deepEqual(await p.journal.contactsInProgress(), []);
    });

    test('a journaled contact follows its queue and agent; changing an unjournaled one is unknown_contact', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const started = journaledContact('c1');
      assert.ok((await p.journal.contactStarted(started)).ok);
      const again = await p.journal.contactStarted(started);
      assert.equal(again.ok ? 'ok' : again.error.code, 'already_exists');
      const moved = {
        ...started,
        queueId: 'vip',
        agentId: 'a1',
        agents: ['a1'],
        connectedAt: T0 + 10,
        updatedAt: T0 + 10,
      };
      assert.ok((await p.journal.contactChanged(moved)).ok);
      assert.deepEqual(await p.journal.contactsInProgress(), [moved]);
      const ghost = await p.journal.contactChanged(journaledContact('ghost'));
      assert.equal(ghost.ok ? 'ok' : ghost.error.code, 'unknown_contact');
      const bad = await p.journal.contactStarted(journaledContact('c2', { updatedAt: T0 - 1 }));
      assert.equal(bad.ok ? 'ok' : bad.error.code, 'invalid_argument');
    });

    test('recover closes every journaled contact as interrupted exactly once and returns the logged-in agents', async (t) => {
      const fresh = await target.newDatabase();
      const before = await Persistence.open(fresh.connect(), { now: T0 });
      await before.journal.contactStarted(journaledContact('waiting'));
      await before.journal.contactStarted(
        journaledContact('talking', {
          agentId: 'a1',
          agents: ['a2', 'a1'],
          connectedAt: T0 + 4000,
          updatedAt: T0 + 4000,
        }),
      );
      await before.journal.contactStarted(journaledContact('done'));
      await before.records.insert(contactRecord(3, { contactId: 'done' }));
      await before.journal.agentLoggedIn({ agentId: 'a1', extension: '101', loggedInAt: T0 });
      await before.journal.agentLoggedIn({ agentId: 'a2', extension: null, loggedInAt: T0 });
      await before.journal.agentLoggedIn({ agentId: 'a3', extension: null, loggedInAt: T0 });
      await before.journal.agentLoggedOut('a3');
      await before.close();

      // "Restart": a new connection to the same database.
      const after = await Persistence.open(fresh.connect(), { now: T0 + 60_000 });
      t.after(() => after.close());
      const now = T0 + 60_000;
      const report = await after.journal.recover(now);
      assert.deepEqual(report.interrupted.map((r) => r.contactId).sort(), ['talking', 'waiting']);
      const talking = await after.records.get('talking');
      assert.equal(talking?.outcome, 'interrupted');
      assert.equal(talking?.agentId, 'a1');
      assert.deepEqual(talking?.agents, ['a2', 'a1']);
      assert.equal(talking?.endedAt, now);
      assert.equal(talking?.waitMs, 4000);
      const waiting = await after.records.get('waiting');
      assert.equal(waiting?.waitMs, now - T0);
      assert.deepEqual(waiting?.attached, [['crm', 'waiting']]);
      assert.equal((await after.records.get('done'))?.outcome, 'answered');
      assert.deepEqual(
        report.agents.map((a) => [a.agentId, a.extension]),
        [
          ['a1', '101'],
          ['a2', null],
        ],
      );
      assert.equal(RESTART_PAUSE_REASON, 'restart');

      const second = await after.journal.recover(now + 1000);
      assert.deepEqual(second.interrupted, []);
      assert.equal(await after.records.count(), 3);
      assert.deepEqual(await after.journal.contactsInProgress(), []);
    });

    test('a journal entry whose contact is already recorded is dropped, never recorded twice', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await p.records.insert(contactRecord(1));
      await p.journal.contactStarted(journaledContact('c-00001'));
      const report = await p.journal.recover(T0 + 1000);
      assert.deepEqual(report.interrupted, []);
      assert.equal(await p.records.count(), 1);
      assert.equal((await p.records.get('c-00001'))?.outcome, 'answered');
      assert.deepEqual(await p.journal.contactsInProgress(), []);
    });
  });
}
