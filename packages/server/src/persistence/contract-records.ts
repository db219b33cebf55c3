// Contract: contact records and the event logs. Every adapter must pass these unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentLogEvent, QueueLogEvent } from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import { contactRecord, type ContractTarget, entered, openFresh, T0 } from './contract-fixtures.ts';
import { MAX_PAGE_SIZE } from './record-search.ts';

export function recordsContract(target: ContractTarget): void {
  describe(`contact records and logs (${target.dialect})`, () => {
    test('a contact record is stored once: a second insert is already_exists and adds no row', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const record = contactRecord(1, {
        disposition: {
          level1: 'sale',
          level2: null,
          level3: null,
          code: null,
          note: 'ok',
          setBy: 'agent1',
          setAt: T0,
        },
      });
      assert.deepEqual(await p.records.insert(record), { ok: true, value: record });
      const again = await p.records.insert({ ...record, outcome: 'abandoned' });
      assert.equal(again.ok ? 'ok' : again.error.code, 'already_exists');
      assert.equal(await p.records.count(), 1);
      assert.deepEqual(await p.records.get(record.contactId), record);
    });

    test('an invalid record is invalid_argument and nothing is written', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const bad: ContactRecord[] = [
        contactRecord(1, { contactId: '' }),
        contactRecord(2, { endedAt: T0 - 1 }),
        contactRecord(3, { outcome: 'lost' as 'answered' }),
        contactRecord(4, { agentId: 'someone-else' }),
        contactRecord(5, { talkMs: -1 }),
        contactRecord(6, {
          attached: [
            ['k', 'a'],
            ['k', 'b'],
          ],
        }),
        contactRecord(7, {
          disposition: {
            level1: null,
            level2: null,
            level3: null,
            code: null,
            note: null,
            setBy: null,
            setAt: T0,
          },
        }),
      ];
      for (const record of bad) {
        const result = await p.records.insert(record);
        assert.equal(result.ok ? 'ok' : result.error.code, 'invalid_argument', record.contactId);
      }
      assert.equal(await p.records.count(), 0);
    });

    test('search filters by time, agent, queue, number, attached data, disposition and outcome', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      for (let i = 0; i < 30; i++) {
        const over: Partial<ContactRecord> =
          i === 7
            ? { agents: ['agent9', 'agent1'], agentId: 'agent1', outcome: 'transferred' }
            : i === 8
              ? {
                  disposition: {
                    level1: 'sale',
                    level2: 'upsell',
                    level3: null,
                    code: 'S1',
                    note: null,
                    setBy: null,
                    setAt: T0,
                  },
                }
              : {};
        assert.ok((await p.records.insert(contactRecord(i, over))).ok);
      }
      const ids = async (query: Parameters<typeof p.records.search>[0]) => {
        const page = await p.records.search(query);
        assert.ok(page.ok);
        return page.value.records.map((r) => Number(r.contactId.slice(2)));
      };
      assert.deepEqual(await ids({ from: T0 + 5000, to: T0 + 8000 }), [5, 6, 7]);
      assert.deepEqual(await ids({ agentId: 'agent9' }), [7]);
      assert.deepEqual((await ids({ agentId: 'agent1' })).length, 10);
      assert.deepEqual(await ids({ queueId: 'support', to: T0 + 6000 }), [1, 3, 5]);
      assert.deepEqual(await ids({ customerNumber: '+33612340004' }), [4, 14, 24]);
      assert.deepEqual(await ids({ attached: { key: 'crm', value: 'case-12' } }), [12]);
      assert.equal((await ids({ attached: { key: 'lang', value: 'fr' } })).length, 15);
      assert.equal((await ids({ attached: { key: 'crm' } })).length, 30);
      assert.deepEqual(await ids({ disposition: { level1: 'sale', code: 'S1' } }), [8]);
      assert.deepEqual(await ids({ outcome: ['transferred', 'abandoned'] }), [7]);
      assert.deepEqual(await ids({ outcome: 'answered', direction: 'outbound' }), []);
    });

    test('keyset paging returns every record exactly once, pages capped at the maximum size', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const total = MAX_PAGE_SIZE + 37;
      // Two records per arrival time: the contact id breaks the tie, so no record is skipped.
      for (let i = 0; i < total; i++) {
        const record = contactRecord(i, { arrivedAt: T0 + Math.floor(i / 2) * 1000 });
        assert.ok(
          (await p.records.insert({ ...record, connectedAt: null, waitMs: 1, endedAt: record.arrivedAt + 1 }))
            .ok,
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await p.records.search({ limit: 100_000, cursor });
        assert.ok(page.ok);
        assert.ok(page.value.records.length <= MAX_PAGE_SIZE);
        seen.push(...page.value.records.map((r) => r.contactId));
        cursor = page.value.nextCursor;
        pages += 1;
      } while (cursor !== null);
      assert.equal(pages, 2);
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      const small = await p.records.search({ limit: 7, queueId: 'sales' });
      assert.ok(small.ok && small.value.records.length === 7 && small.value.nextCursor !== null);
    });

    test('fractional times (a simulated clock) round-trip exactly and page correctly', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const base = contactRecord(1);
      const a = {
        ...base,
        contactId: 'f1',
        arrivedAt: T0 + 0.25,
        connectedAt: T0 + 0.75,
        endedAt: T0 + 1.5,
        waitMs: 0.5,
      };
      const b = { ...a, contactId: 'f2', arrivedAt: T0 + 0.5 };
      assert.ok((await p.records.insert(a)).ok && (await p.records.insert(b)).ok);
      const first = await p.records.search({ limit: 1 });
      assert.ok(first.ok);
      assert.deepEqual(first.value.records, [a]);
      const second = await p.records.search({ limit: 1, cursor: first.value.nextCursor });
      assert.ok(second.ok);
      assert.deepEqual(second.value.records, [b]);
      assert.equal(second.value.nextCursor, null);
      const event = { ...entered(1), at: T0 + 0.125 };
      assert.ok((await p.queueLog.append(event)).ok);
      const log = await p.queueLog.read({ from: T0 + 0.125, to: T0 + 0.126 });
      assert.ok(log.ok);
      assert.deepEqual(
        log.value.entries.map((e) => e.event),
        [event],
      );
    });

    test('a bad cursor, limit or filter is invalid_argument', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      for (const query of [
        { cursor: 'garbage' },
        { limit: 0 },
        { limit: 1.5 },
        { from: -1 },
        { outcome: [] },
      ]) {
        const page = await p.records.search(query as never);
        assert.equal(page.ok ? 'ok' : page.error.code, 'invalid_argument', JSON.stringify(query));
      }
    });

    test('the queue log keeps every event with a growing sequence id and reads back by time and queue', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const events: QueueLogEvent[] = [
        entered(1),
        { type: 'offered', at: T0 + 1500, contactId: 'c-1', queueId: 'sales', agentId: 'agent1' },
        {
          type: 'connected',
          at: T0 + 2000,
          contactId: 'c-1',
          queueId: 'sales',
          agentId: 'agent1',
          waitMs: 1000,
        },
        entered(3, 'support'),
        { type: 'abandoned', at: T0 + 9000, contactId: 'c-3', queueId: 'support', waitMs: 6000, position: 1 },
        {
          type: 'completed',
          at: T0 + 60_000,
          contactId: 'c-1',
          queueId: 'sales',
          agentId: 'agent1',
          talkMs: 58_000,
          holdMs: 0,
          endedBy: 'caller',
        },
      ];
      const seqs: number[] = [];
      for (const event of events) {
        const seq = await p.queueLog.append(event);
        assert.ok(seq.ok);
        seqs.push(seq.value);
      }
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        seqs,
      );
      assert.equal(new Set(seqs).size, seqs.length);
      const all = await p.queueLog.read();
      assert.ok(all.ok);
      assert.deepEqual(
        all.value.entries.map((e) => e.event),
        events,
      );
      const sales = await p.queueLog.read({ queueId: 'sales', from: T0 + 1500 });
      assert.ok(sales.ok);
      assert.deepEqual(
        sales.value.entries.map((e) => e.event.type),
        ['offered', 'connected', 'completed'],
      );
      const paged = await p.queueLog.read({ limit: 2, afterSeq: seqs[1] });
      assert.ok(paged.ok && paged.value.more && paged.value.lastSeq === seqs[3]);
    });

    test('a malformed queue or agent log event is invalid_argument and not written', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const bad = { type: 'connected', at: T0, contactId: 'c', queueId: 'q', agentId: 'a', waitMs: -5 };
      const refused = await p.queueLog.append(bad as QueueLogEvent);
      assert.equal(refused.ok ? 'ok' : refused.error.code, 'invalid_argument');
      const agentBad = await p.agentLog.append({ at: T0, agentId: 'a', state: 'Sleeping' } as never);
      assert.equal(agentBad.ok ? 'ok' : agentBad.error.code, 'invalid_argument');
      const q = await p.queueLog.read();
      const a = await p.agentLog.read();
      assert.ok(q.ok && q.value.entries.length === 0 && a.ok && a.value.entries.length === 0);
    });

    test('the agent log reads back by agent and time', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      const events: AgentLogEvent[] = [
        { at: T0, agentId: 'a1', state: 'Ready', reason: null },
        { at: T0 + 10, agentId: 'a2', state: 'Paused', reason: 'break' },
        { at: T0 + 20, agentId: 'a1', state: 'OnCall', reason: null },
      ];
      for (const event of events) assert.ok((await p.agentLog.append(event)).ok);
      const a1 = await p.agentLog.read({ agentId: 'a1' });
      assert.ok(a1.ok);
      assert.deepEqual(
        a1.value.entries.map((e) => e.event),
        [events[0], events[2]],
      );
      const late = await p.agentLog.read({ from: T0 + 10 });
      assert.ok(late.ok && late.value.entries.length === 2);
    });

    test('a stored row that fails validation is refused when read back, not passed on', async (t) => {
      const p = await openFresh(target, (fn) => t.after(fn));
      assert.ok((await p.queueLog.append(entered(1))).ok);
      // Simulate a tampered row: an event without its fields is not something this code ever wrote.
      const tampered = await p.db.run([
        { sql: 'UPDATE queue_log SET body = ? WHERE contact_id = ?', params: ['{"type":"entered"}', 'c-1'] },
      ]);
      assert.ok(tampered.ok);
      await assert.rejects(p.queueLog.read(), { code: 'internal' });
    });
  });
}
