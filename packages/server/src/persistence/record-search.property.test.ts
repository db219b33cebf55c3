// Property: paging through a search with any filters and any page size returns exactly the records
// a plain in-memory filter selects, in (arrivedAt, contactId) order, each once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTACT_OUTCOMES, type ContactOutcome } from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import fc from 'fast-check';
import { contactRecord, T0 } from './contract-fixtures.ts';
import { Persistence } from './persistence.ts';
import type { ContactRecordQuery } from './record-search.ts';
import { SqliteDatabase } from './sqlite-database.ts';

const AGENTS = ['a1', 'a2', 'a3'];
const RUNS = Number(process.env.FC_RUNS ?? 200);
const recordArb = fc
  .record({
    slot: fc.integer({ min: 0, max: 5 }), // few distinct times: ties on arrivedAt are common
    agents: fc.subarray(AGENTS),
    queueId: fc.constantFrom('sales', 'support', null),
    customer: fc.constantFrom('+1', '+2'),
    lang: fc.constantFrom('fr', 'en', null),
    outcome: fc.constantFrom(...CONTACT_OUTCOMES),
  })
  .map((r) => ({
    ...contactRecord(0),
    arrivedAt: T0 + r.slot * 1000,
    connectedAt: null,
    endedAt: T0 + r.slot * 1000 + 10,
    waitMs: 10,
    agents: r.agents,
    agentId: r.agents.at(-1) ?? null,
    queueId: r.queueId,
    customerNumber: r.customer,
    attached: r.lang === null ? [] : ([['lang', r.lang]] as const),
    outcome: r.outcome,
  }));

// Each candidate filter, and at most two of them per query: more would rarely match anything.
const filterArb = fc.record({
  from: fc.integer({ min: 0, max: 5 }).map((s) => T0 + s * 1000),
  to: fc.integer({ min: 1, max: 6 }).map((s) => T0 + s * 1000),
  agentId: fc.constantFrom(...AGENTS),
  queueId: fc.constantFrom('sales', 'support'),
  customerNumber: fc.constantFrom('+1', '+2'),
  outcome: fc.subarray([...CONTACT_OUTCOMES], { minLength: 3 }),
  attached: fc.record(
    { key: fc.constant('lang'), value: fc.constantFrom('fr', 'en') },
    { requiredKeys: ['key'] },
  ),
});
const queryArb = fc
  .tuple(
    filterArb,
    fc.subarray(['from', 'to', 'agentId', 'queueId', 'customerNumber', 'outcome', 'attached'] as const, {
      maxLength: 2,
    }),
  )
  .map(([all, keys]): ContactRecordQuery => Object.fromEntries(keys.map((k) => [k, all[k]])));

function matches(r: ContactRecord, q: ContactRecordQuery): boolean {
  const outcomes = q.outcome === undefined ? undefined : ([] as ContactOutcome[]).concat(q.outcome);
  return (
    (q.from === undefined || r.arrivedAt >= q.from) &&
    (q.to === undefined || r.arrivedAt < q.to) &&
    (q.agentId === undefined || r.agents.includes(q.agentId)) &&
    (q.queueId === undefined || r.queueId === q.queueId) &&
    (q.customerNumber === undefined || r.customerNumber === q.customerNumber) &&
    (outcomes === undefined || outcomes.includes(r.outcome)) &&
    (q.attached === undefined ||
      r.attached.some(
        ([k, v]) => k === q.attached?.key && (q.attached.value === undefined || v === q.attached.value),
      ))
  );
}

const byKey = (a: ContactRecord, b: ContactRecord) =>
  a.arrivedAt - b.arrivedAt || (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0);

test('keyset paging with any filters and page size returns exactly the matching records, in order, once', async () => {
  let matched = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(recordArb, { maxLength: 30 }),
      queryArb,
      fc.integer({ min: 1, max: 7 }),
      async (drafts, query, limit) => {
        const p = await Persistence.open(new SqliteDatabase(':memory:'), { now: T0 });
        try {
          // Ids of mixed length so bytewise order differs from numeric order.
          const records = drafts.map((r, i) => ({ ...r, contactId: `c${i * 7}` }));
          for (const record of records) assert.ok((await p.records.insert(record)).ok);
          const seen: ContactRecord[] = [];
          let cursor: string | null = null;
          do {
            const page = await p.records.search({ ...query, limit, cursor });
            assert.ok(page.ok);
            assert.ok(page.value.records.length <= limit);
            seen.push(...page.value.records);
            cursor = page.value.nextCursor;
          } while (cursor !== null);
          const expected = records.filter((r) => matches(r, query)).sort(byKey);
          assert.deepEqual(seen, expected);
          matched += expected.length;
        } finally {
          await p.close();
        }
      },
    ),
    { numRuns: RUNS },
  );
  assert.ok(matched > RUNS, `the generated queries should match records (${matched} in ${RUNS} runs)`);
});
