// Contract: recover() closes the queue log of the contacts it interrupts, in the same transaction
// as their records, exactly once. Every adapter must pass these unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  closedEntries,
  type QueueLogEvent,
  QueueStatsAccumulator,
  SwitchboardError,
  unwrap,
} from '@switchboard/core';
import { type ContractTarget, journaledContact, openFresh, T0 } from './contract-fixtures.ts';
import type { Database } from './database.ts';
import type { Persistence } from './persistence.ts';
import { RecoveryJournal } from './recovery-journal.ts';

const RESTART = T0 + 3_600_000;
const line = (contactId: string, at: number, rest: Record<string, unknown>): QueueLogEvent =>
  ({ at, contactId, queueId: 'sales', ...rest }) as unknown as QueueLogEvent;

/**
 * A queue when the process died: `waiting` rang a1 and waits, `talking` is with a1, `wrapping` is
 * in a2's wrap-up, `direct` was offered straight to an agent (a queue id, no `entered`), `routed`
 * overflowed to an agent outside the queue, `ivr` has no queue yet, `done` ended before the crash.
 */
async function crashedDay(p: Persistence): Promise<void> {
  const lines: QueueLogEvent[] = [
    line('done', T0, { type: 'entered', priority: 0 }),
    line('done', T0 + 1000, { type: 'abandoned', waitMs: 1000, position: 1 }),
    line('waiting', T0 + 2000, { type: 'entered', priority: 0 }),
    line('waiting', T0 + 3000, { type: 'offered', agentId: 'a1' }),
    line('waiting', T0 + 18_000, { type: 'ringNoAnswer', agentId: 'a1' }),
    line('talking', T0 + 4000, { type: 'entered', priority: 0 }),
    line('talking', T0 + 9000, { type: 'connected', agentId: 'a1', waitMs: 5000 }),
    line('wrapping', T0 + 5000, { type: 'entered', priority: 0 }),
    line('wrapping', T0 + 6000, { type: 'connected', agentId: 'a2', waitMs: 1000 }),
    line('wrapping', T0 + 66_000, {
      type: 'completed',
      agentId: 'a2',
      talkMs: 60_000,
      holdMs: 0,
      endedBy: 'caller',
    }),
    line('routed', T0 + 6000, { type: 'entered', priority: 0 }),
    line('routed', T0 + 36_000, { type: 'overflowed', waitMs: 30_000, destination: 'agent:a9' }),
  ];
  for (const entry of lines) unwrap(await p.queueLog.append(entry));
  const journal = (id: string, over = {}) =>
    p.journal.contactStarted(journaledContact(id, { arrivedAt: T0, updatedAt: T0, ...over }));
  for (const id of ['waiting', 'direct', 'routed']) unwrap(await journal(id));
  unwrap(await journal('talking', { connectedAt: T0 + 9000, agentId: 'a1', agents: ['a1'] }));
  unwrap(await journal('wrapping', { connectedAt: T0 + 6000, agentId: 'a2', agents: ['a2'] }));
  unwrap(await journal('ivr', { queueId: null }));
}

async function storedLog(p: Persistence): Promise<QueueLogEvent[]> {
  return unwrap(await p.queueLog.read({ limit: 10_000 })).entries.map((e) => e.event);
}

const interruptedIn = (log: readonly QueueLogEvent[]) => log.filter((e) => e.type === 'interrupted');

/** Runs every script but the `failAt`-th normally; that one fails on an extra last step (rolled back). */
function failingOnce(db: Database, failAt: number): Database {
  let scripts = 0;
  return {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
    run: (steps) => {
      scripts += 1;
      if (scripts !== failAt) return db.run(steps);
      const cut = () => new SwitchboardError('unavailable', 'connection lost mid-recovery');
      return db.run([...steps, { sql: 'SELECT 1 AS one', params: [], check: cut }]);
    },
  };
}

export function recoveryLogContract(target: ContractTarget): void {
  describe(`recovery closes the queue log (${target.dialect})`, () => {
    test('every contact the crash cut off in a queue gets one interrupted line: without agent if never answered', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await crashedDay(p);
      const report = await p.journal.recover(RESTART);
      const written = interruptedIn(await storedLog(p));
      assert.deepEqual(written, report.interruptedLines);
      const byContact = new Map(written.map((e) => [e.contactId, e]));
      assert.deepEqual([...byContact.keys()].sort(), ['talking', 'waiting', 'wrapping']);
      const base = { type: 'interrupted', at: RESTART, queueId: 'sales' };
      assert.deepEqual(byContact.get('waiting'), {
        ...base,
        contactId: 'waiting',
        waitMs: RESTART - (T0 + 2000),
      });
      assert.deepEqual(byContact.get('talking'), {
        ...base,
        contactId: 'talking',
        waitMs: 5000,
        agentId: 'a1',
      });
      assert.deepEqual(byContact.get('wrapping'), {
        ...base,
        contactId: 'wrapping',
        waitMs: 1000,
        agentId: 'a2',
      });
      // Every journaled contact still gets its record, line or not.
      assert.equal(report.interrupted.length, 6);
      // The stored body and the indexed agent column agree.
      const rows = await p.db.query(
        "SELECT contact_id, agent_id FROM queue_log WHERE type = 'interrupted' ORDER BY contact_id",
      );
      assert.deepEqual(
        rows.map((r) => [r.contact_id, r.agent_id]),
        [
          ['talking', 'a1'],
          ['waiting', null],
          ['wrapping', 'a2'],
        ],
      );
    });

    test('statistics rebuilt from the stored log that spans the crash leave no contact waiting', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await crashedDay(p);
      await p.journal.recover(RESTART);
      const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'sales', serviceLevelMs: 20_000 }));
      for (const event of await storedLog(p)) unwrap(acc.add(event));
      const s = acc.stats();
      assert.equal(s.entered, 5);
      assert.equal(s.entered - closedEntries(s), 0, 'nobody waits forever');
      assert.deepEqual([s.interrupted, s.interruptedWaiting, s.answered, s.handled], [3, 1, 2, 1]);
    });

    test('a recovery cut off midway and run again, then run once more, writes each line once', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      await crashedDay(p);
      // Contacts are recovered in id order: direct, ivr, routed, talking, waiting, wrapping. The
      // fourth script (talking: record + line + journal removal) fails after its last statement.
      const cutOff = new RecoveryJournal(failingOnce(p.db, 4));
      await assert.rejects(
        cutOff.recover(RESTART),
        (e: unknown) => (e as SwitchboardError).code === 'unavailable',
      );
      assert.equal(await p.records.get('talking'), undefined, 'rolled back with its line');
      assert.deepEqual(
        interruptedIn(await storedLog(p)).map((e) => e.contactId),
        [],
        'no line without its record',
      );
      assert.deepEqual((await p.journal.contactsInProgress()).map((c) => c.contactId).sort(), [
        'talking',
        'waiting',
        'wrapping',
      ]);
      const rerun = await p.journal.recover(RESTART + 60_000);
      assert.deepEqual(rerun.interruptedLines.map((e) => e.contactId).sort(), [
        'talking',
        'waiting',
        'wrapping',
      ]);
      const again = await p.journal.recover(RESTART + 120_000);
      assert.deepEqual([again.interrupted, again.interruptedLines], [[], []]);
      const lines = interruptedIn(await storedLog(p));
      assert.deepEqual(lines.map((e) => e.contactId).sort(), ['talking', 'waiting', 'wrapping']);
      assert.equal(await p.records.count(), 6);
    });

    test('a journaled contact already recorded gets no line either', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      unwrap(await p.queueLog.append(line('c1', T0, { type: 'entered', priority: 0 })));
      const journaled = journaledContact('c1');
      unwrap(await p.journal.contactStarted(journaled));
      unwrap(
        await p.records.insert({
          ...journaled,
          endedAt: T0 + 1000,
          outcome: 'abandoned',
          waitMs: 1000,
          talkMs: 0,
          holdMs: 0,
          wrapupMs: 0,
        }),
      );
      // The record's insert removed the entry; put it back as a crash between two writes could.
      unwrap(await p.journal.contactStarted(journaled));
      const report = await p.journal.recover(RESTART);
      assert.deepEqual([report.interrupted, report.interruptedLines], [[], []]);
      assert.deepEqual(interruptedIn(await storedLog(p)), []);
    });
  });
}
