// The embedded adapter as the engine's Store: durability settings, write-through (committed before
// the call returns), and a real engine run whose statistics are rebuilt from the stored log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type AgentLogEvent, type QueueLogEvent, QueueStatsAccumulator, unwrap } from '@switchboard/core';
import {
  type ContactRecord,
  Engine,
  InMemoryEventBus,
  InMemoryStore,
  SequentialIds,
  type Store,
  VirtualClock,
} from '@switchboard/engine';
import { SimTelephony, seededRandom, startTraffic } from '@switchboard/telephony/sim';
import { demoConfig } from '../simulate/demo-config.ts';
import { contactRecord, journaledContact, T0 } from './contract-fixtures.ts';
import { Persistence } from './persistence.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { SqliteStore } from './sqlite-store.ts';

function tempPath(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'store.db');
}

test('the embedded database runs in WAL mode with synchronous=FULL, foreign keys and a busy timeout', async (t) => {
  const db = new SqliteDatabase(tempPath(t), { busyTimeoutMs: 2500 });
  t.after(() => db.close());
  // synchronous: 2 is FULL.
  assert.deepEqual(db.settings(), {
    journalMode: 'wal',
    synchronous: 2,
    foreignKeys: 1,
    busyTimeoutMs: 2500,
  });
});

test('a record is committed before saveContactRecord returns: another connection sees it at once', async (t) => {
  const path = tempPath(t);
  const writer = new SqliteDatabase(path);
  await Persistence.open(writer, { now: T0 });
  const reader = await Persistence.open(new SqliteDatabase(path), { now: T0 });
  t.after(async () => {
    await writer.close();
    await reader.close();
  });
  const store = new SqliteStore(writer);
  store.contactStarted(journaledContact('c-00001'));
  assert.equal((await reader.journal.contactsInProgress()).length, 1);
  assert.equal(store.saveContactRecord(contactRecord(1)), true);
  assert.deepEqual(await reader.records.get('c-00001'), contactRecord(1));
  assert.deepEqual(await reader.journal.contactsInProgress(), []);
  assert.equal(store.saveContactRecord(contactRecord(1)), false, 'a second save writes nothing');
  assert.equal(await reader.records.count(), 1);
  const seq = store.appendQueueLog({
    type: 'entered',
    at: T0,
    contactId: 'c-00001',
    queueId: 'sales',
    priority: 0,
  });
  const log = await reader.queueLog.read();
  assert.ok(log.ok);
  assert.deepEqual(
    log.value.entries.map((e) => e.seq),
    [seq],
  );
});

test('the Store refuses a malformed record or log line by throwing, and writes nothing', async (t) => {
  const db = new SqliteDatabase(tempPath(t));
  const p = await Persistence.open(db, { now: T0 });
  t.after(() => p.close());
  const store = new SqliteStore(db);
  assert.throws(() => store.saveContactRecord(contactRecord(1, { waitMs: Number.NaN })), {
    code: 'invalid_argument',
  });
  assert.throws(() => store.appendQueueLog({ type: 'entered', at: -1 } as QueueLogEvent), {
    code: 'invalid_argument',
  });
  assert.throws(() => store.appendAgentLog({ at: T0 } as AgentLogEvent), { code: 'invalid_argument' });
  assert.throws(() => store.contactChanged(journaledContact('ghost')), { code: 'unknown_contact' });
  assert.equal(await p.records.count(), 0);
});

/** Writes to the SQLite store and keeps a copy in memory, to compare what was stored. */
class TeeStore implements Store {
  readonly memory = new InMemoryStore();
  readonly sqlite: SqliteStore;
  constructor(sqlite: SqliteStore) {
    this.sqlite = sqlite;
  }
  saveContactRecord(record: ContactRecord): void {
    this.sqlite.saveContactRecord(record);
    this.memory.saveContactRecord(record);
  }
  appendQueueLog(entry: QueueLogEvent): void {
    this.sqlite.appendQueueLog(entry);
    this.memory.appendQueueLog(entry);
  }
  appendAgentLog(entry: AgentLogEvent): void {
    this.sqlite.appendAgentLog(entry);
    this.memory.appendAgentLog(entry);
  }
}

test('an engine run on the SQLite store: records and logs read back equal, and queue statistics rebuild from the stored log', async (t) => {
  const db = new SqliteDatabase(tempPath(t));
  const p = await Persistence.open(db, { now: T0 });
  t.after(() => p.close());
  const config = demoConfig();
  assert.ok((await p.seedIfEmpty(config)).ok);
  const clock = new VirtualClock(T0);
  const random = seededRandom(7);
  const store = new TeeStore(new SqliteStore(db));
  const telephony = new SimTelephony({
    clock,
    random,
    behaviour: {
      answerDelay: { kind: 'fixed', ms: 2000 },
      talk: { kind: 'exponential', meanMs: 60_000 },
      patience: { kind: 'exponential', meanMs: 40_000 },
      callerEndsShare: 0.5,
      remoteAnswerDelay: { kind: 'fixed', ms: 5000 },
    },
  });
  const stored = await p.loadEngineConfig();
  const engine = unwrap(
    Engine.create(
      { clock, ids: new SequentialIds(), bus: new InMemoryEventBus(), store, telephony, random },
      stored,
    ),
  );
  for (const agent of stored.agents) unwrap(engine.login(agent.id, null));
  const end = T0 + 20 * 60_000;
  startTraffic({
    clock,
    random,
    telephony,
    streams: stored.dialPlan.map((d) => ({ dialedNumber: d.number, arrivalsPerMinute: 3 })),
    start: T0,
    end,
  });
  clock.advanceTo(end);
  for (let step = 0; step < 100 && engine.liveContacts > 0; step++) clock.advanceBy(60_000);

  const memory = store.memory;
  assert.ok(memory.contactRecords.length > 20, 'the run produced traffic');
  assert.equal(await p.records.count(), memory.contactRecords.length);
  for (const record of memory.contactRecords) assert.deepEqual(await p.records.get(record.contactId), record);
  const log = await p.queueLog.read({ limit: 10_000 });
  assert.ok(log.ok);
  assert.deepEqual(
    log.value.entries.map((e) => e.event),
    memory.queueLog,
  );
  const agentLog = await p.agentLog.read({ limit: 10_000 });
  assert.ok(agentLog.ok);
  assert.deepEqual(
    agentLog.value.entries.map((e) => e.event),
    memory.agentLog,
  );

  for (const queue of stored.queues) {
    const rebuilt = unwrap(
      QueueStatsAccumulator.create({ queueId: queue.id, serviceLevelMs: queue.serviceLevelMs }),
    );
    const page = await p.queueLog.read({ queueId: queue.id, limit: 10_000 });
    assert.ok(page.ok);
    for (const entry of page.value.entries) unwrap(rebuilt.add(entry.event));
    const live = unwrap(engine.queueSnapshot(queue.id));
    const stats = rebuilt.stats();
    for (const key of Object.keys(stats) as (keyof typeof stats)[]) {
      assert.deepEqual(stats[key], live[key], `${queue.id}.${key}`);
    }
  }
});
