// The whole server on PostgreSQL instead of the embedded SQLite: demo seed, a simulated hour of calls
// on a virtual clock, a graceful stop; every contact's record and every queue log line reach the
// database (the queued store flushes before the stop completes) and rebuild the live statistics; and
// what clients see is never ahead of the database: when `contact.ended` reaches a subscriber of the
// API's bus, its record can already be read back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { QueueStatsAccumulator, unwrap } from '@switchboard/core';
import { VirtualClock } from '@switchboard/engine';
import { seededRandom } from '@switchboard/telephony/sim';
import { createApp } from '../app/create-app.ts';
import { loadSettings } from '../config/load-settings.ts';
import { Persistence, PostgresDatabase } from '../persistence/index.ts';
import { type PostgresTestServer, startPostgresTestServer } from '../persistence/postgres-test-server.ts';
import { CHEAP_SCRYPT } from './e2e-center.ts';

let pg: PostgresTestServer;
let dir = '';

before(async () => {
  pg = await startPostgresTestServer();
  dir = mkdtempSync(join(tmpdir(), 'sb-pg-app-'));
});

after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the server runs on PostgreSQL: records and queue log are all written and rebuild the live statistics', async () => {
  const url = await pg.createDatabase();
  const start = Date.UTC(2026, 0, 5, 9, 0, 0);
  const clock = new VirtualClock(start);
  const settings = unwrap(
    loadSettings(
      { data: { dir }, http: { port: 0 }, database: { kind: 'postgres', url }, log: { level: 'error' } },
      {},
    ),
  );
  const app = await createApp({
    settings,
    clock,
    random: seededRandom(3),
    scryptParams: CHEAP_SCRYPT,
    logWrite: () => {},
  });
  // Read back by another connection pool, started the moment a client would see the event.
  const reader = await Persistence.open(new PostgresDatabase({ connectionString: url }), {
    now: clock.now(),
  });
  const readBacks: Promise<boolean>[] = [];
  let reported = 0;
  app.ctx.bus.subscribe((event) => {
    if (event.type !== 'contact.ended') return;
    reported++;
    readBacks.push(reader.records.get(event.record.contactId).then((r) => r !== undefined));
  });
  app.startDemoTraffic(3_600_000);
  for (let t = 0; t < 3_600_000 + 600_000; t += 10_000) {
    clock.advanceBy(10_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const live = Object.fromEntries(
    app.ctx.engine.queueIds().map((q) => [q, unwrap(app.ctx.engine.queueSnapshot(q))]),
  );
  const entered = Object.values(live).reduce((n, s) => n + s.entered, 0);
  assert.ok(entered > 500, `an hour of demo traffic (${entered} contacts)`);
  await app.stop();
  const found = await Promise.all(readBacks);
  assert.ok(reported >= entered, `every contact's end was reported (${reported})`);
  assert.equal(
    found.filter((f) => !f).length,
    0,
    'no contact.ended reached a client before its record was durable',
  );
  await reader.close();

  const db = new PostgresDatabase({ connectionString: url });
  const p = await Persistence.open(db, { now: clock.now() });
  const stored = await p.records.count();
  assert.ok(stored >= entered, `every contact has its record (${stored} records, ${entered} entered)`);
  for (const [queueId, snapshot] of Object.entries(live)) {
    const rebuilt = unwrap(
      QueueStatsAccumulator.create({ queueId, serviceLevelMs: snapshot.serviceLevelMs }),
    );
    let afterSeq = 0;
    for (;;) {
      const page = unwrap(await p.queueLog.read({ queueId, afterSeq, limit: 10_000 }));
      for (const e of page.entries) unwrap(rebuilt.add(e.event));
      afterSeq = page.lastSeq ?? afterSeq;
      if (!page.more) break;
    }
    assert.equal(rebuilt.counters().answered, snapshot.answered, `${queueId} answered`);
    assert.equal(rebuilt.counters().abandoned, snapshot.abandoned, `${queueId} abandoned`);
    assert.equal(rebuilt.counters().entered, snapshot.entered, `${queueId} entered`);
  }
  await p.close();
});
