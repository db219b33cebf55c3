// A whole day on the simulated switch, driven through the WebSocket API: 50 agents log in, take
// breaks and end wrap-ups by command, two supervisors watch their queues and groups. At the end the
// stored contact records, the stored queue event log and the live statistics must agree with each
// other, and each supervisor must have received nothing outside its scope.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type QueueLogEvent, QueueStatsAccumulator, unwrap } from '@switchboard/core';
import { type ContactRecord, VirtualClock } from '@switchboard/engine';
import { seededRandom, startTraffic } from '@switchboard/telephony/sim';
import { type App, createApp } from '../app/create-app.ts';
import { loadSettings } from '../config/load-settings.ts';
import { Persistence, SqliteDatabase } from '../persistence/index.ts';
import { type Frame, TestClient } from '../ws/ws-test-client.ts';
import {
  AGENT_IDS,
  CHEAP_SCRYPT,
  E2E_PASSWORD,
  e2eSeed,
  groupOf,
  QUEUES,
  SUPERVISORS,
} from './e2e-center.ts';

const START = Date.UTC(2026, 0, 5, 8, 0, 0);
const DAY_MS = 8 * 3_600_000;
const STEP_MS = 5000;

let dir = '';
let app: App;
let base = '';
const clock = new VirtualClock(START);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-e2e-day-'));
  const seedDb = await Persistence.open(new SqliteDatabase(join(dir, 'switchboard.db')), { now: START });
  unwrap(await seedDb.seedIfEmpty(await e2eSeed()));
  await seedDb.close();
  const settings = unwrap(
    // Tokens last the whole day here; expiry, refresh and resume have their own tests in ws/.
    loadSettings(
      {
        data: { dir },
        http: { port: 0 },
        demo: { seed: false },
        log: { level: 'error' },
        auth: { accessTokenSeconds: 86_400 },
      },
      {},
    ),
  );
  app = await createApp({
    settings,
    clock,
    random: seededRandom(11),
    scryptParams: CHEAP_SCRYPT,
    logWrite: () => {},
  });
  const { port } = await app.listen();
  base = `127.0.0.1:${port}`;
});

after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function tokenOf(username: string): Promise<string> {
  const res = await fetch(`http://${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: E2E_PASSWORD }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Lets frames cross the loopback both ways without moving the virtual clock. */
async function settle(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('a day of 50 agents and 2 supervisors over WebSocket: records, queue log and live statistics agree', async () => {
  const agents = new Map<string, TestClient>();
  for (const id of AGENT_IDS) {
    const client = await TestClient.connect(`ws://${base}/api/v1/ws`, { token: await tokenOf(id) });
    agents.set(id, client);
    await client.subscribe(`${id}-sub`, ['agent:me']);
    // Log in paused, then become Ready: the two commands a desktop sends at the start of a shift.
    const loggedIn = await client.command(`${id}-login`, 'login', { extension: null, pauseReason: 'break' });
    assert.equal(loggedIn.ok, true, JSON.stringify(loggedIn));
    assert.equal((await client.command(`${id}-ready`, 'ready')).ok, true);
  }
  const supervisors = new Map<string, TestClient>();
  for (const id of Object.keys(SUPERVISORS)) {
    const client = await TestClient.connect(`ws://${base}/api/v1/ws`, { token: await tokenOf(id) });
    await client.subscribe(`${id}-sub`, ['queues', 'agents', 'contacts', 'stats']);
    supervisors.set(id, client);
  }

  // Callers: a Poisson stream per queue all day; patience and talk times from the simulated switch.
  const traffic = startTraffic({
    clock,
    random: seededRandom(5),
    telephony: app.telephony,
    streams: QUEUES.map((_, i) => ({ dialedNumber: `100${i + 1}`, arrivalsPerMinute: 1 })),
    start: START,
    end: START + DAY_MS,
  });

  // Each agent takes a 15-minute break once, staggered; odd agents end their wrap-ups early.
  const breakAt = new Map(AGENT_IDS.map((id, i) => [id, START + 3_600_000 + (i % 12) * 1_500_000]));
  const sent = new Map<string, TestClient>();
  let commandSeq = 0;
  const send = (agentId: string, command: string, args: object = {}) => {
    const id = `${agentId}-${command}-${++commandSeq}`;
    const client = agents.get(agentId)!;
    client.send({ type: 'command', id, command, args });
    sent.set(id, client);
  };
  const endedWrapups = new Set<number>();
  for (let t = START + STEP_MS; t <= START + DAY_MS + 30 * 60_000; t += STEP_MS) {
    clock.advanceTo(t);
    await settle();
    for (const [agentId, at] of breakAt) {
      if (t - STEP_MS < at && at <= t) send(agentId, 'pause', { reason: 'break' });
      if (t - STEP_MS < at + 900_000 && at + 900_000 <= t) send(agentId, 'ready');
    }
    for (const [i, agentId] of AGENT_IDS.entries()) {
      if (i % 2 === 0) continue;
      const frames = agents.get(agentId)!.frames;
      const last = frames.findLast(
        (f) => f.type === 'event' && (f.event as { type: string }).type === 'agent.state',
      );
      const state = (last?.event as { state?: { name: string } } | undefined)?.state;
      if (state?.name === 'Wrapup' && last?.seq !== undefined && !endedWrapups.has(last.seq * 1000 + i)) {
        endedWrapups.add(last.seq * 1000 + i);
        send(agentId, 'endWrapup');
      }
    }
  }
  traffic.stop();
  for (let i = 0; i < 2000 && app.ctx.engine.liveContacts > 0; i++) {
    clock.advanceBy(STEP_MS);
    await settle();
  }
  assert.equal(app.ctx.engine.liveContacts, 0, 'every contact of the day has ended');
  for (const id of AGENT_IDS) send(id, 'logout');
  clock.advanceBy(2000); // the statistics push runs at most once a second on the engine's clock
  await settle(20);
  const closedEarly = [...agents.entries(), ...supervisors.entries()].filter(
    ([, c]) => c.ws.readyState !== c.ws.OPEN,
  );
  if (closedEarly.length > 0) {
    const [id, c] = closedEarly[0]!;
    assert.fail(
      `${closedEarly.length} connections closed during the day, e.g. ${id}: ${JSON.stringify(await c.closed)}`,
    );
  }
  for (const client of [...agents.values(), ...supervisors.values()]) await client.settle();

  // Every command frame got exactly one result.
  for (const [id, client] of sent) {
    assert.equal(
      client.frames.filter((f) => f.type === 'result' && f.id === id).length,
      1,
      `one result for ${id}`,
    );
  }
  for (const id of AGENT_IDS) assert.equal(app.ctx.engine.agentState(id)?.name, 'LoggedOut');

  // Records: one per arrival, each in the database once.
  const p = app.ctx.persistence;
  const arrivals = traffic.arrivals();
  assert.ok(arrivals > 1500, `a real day of traffic (${arrivals} calls)`);
  assert.equal(await p.records.count(), arrivals);
  const records: ContactRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await p.records.search({ limit: 500, ...(cursor === undefined ? {} : { cursor }) }));
    records.push(...page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  assert.equal(new Set(records.map((r) => r.contactId)).size, arrivals);

  // The stored queue log rebuilds exactly the live statistics, and both agree with the records.
  const log: QueueLogEvent[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = unwrap(await p.queueLog.read({ afterSeq, limit: 10_000 }));
    log.push(...page.entries.map((e) => e.event));
    afterSeq = page.lastSeq ?? afterSeq;
    if (!page.more) break;
  }
  for (const queueId of QUEUES) {
    const rebuilt = unwrap(QueueStatsAccumulator.create({ queueId, serviceLevelMs: 20_000 }));
    for (const entry of log) if (entry.queueId === queueId) unwrap(rebuilt.add(entry));
    const live = unwrap(app.ctx.engine.queueSnapshot(queueId));
    assert.deepEqual(
      rebuilt.counters(),
      pickCounters(live),
      `queue ${queueId}: stored log = live statistics`,
    );
    const mine = records.filter((r) => r.queueId === queueId);
    assert.equal(mine.filter((r) => r.outcome === 'answered').length, live.answered, `${queueId} answered`);
    assert.equal(
      mine.filter((r) => r.outcome === 'abandoned').length,
      live.abandoned,
      `${queueId} abandoned`,
    );
    assert.equal(mine.length, live.entered, `${queueId} records = entered`);
    assert.ok(live.answered > 0);
  }

  // Supervisors: nothing outside their queues and groups; their last pushed statistics are the live ones.
  for (const [supId, client] of supervisors) {
    const scope = SUPERVISORS[supId as keyof typeof SUPERVISORS];
    const events = client.events().map((f) => f.event as Record<string, unknown>);
    assert.ok(events.length > 1000, `${supId} saw the day (${events.length} events)`);
    for (const e of events)
      assert.ok(inScope(e, scope), `${supId} received ${JSON.stringify(e).slice(0, 300)}`);
    for (const queueId of scope.queues) {
      const pushes = events.filter(
        (e) => e.type === 'queue.stats' && (e.snapshot as { queueId: string }).queueId === queueId,
      );
      const last = pushes.at(-1)?.snapshot as
        | { answered: number; abandoned: number; entered: number }
        | undefined;
      const live = unwrap(app.ctx.engine.queueSnapshot(queueId));
      assert.deepEqual(
        last && { answered: last.answered, abandoned: last.abandoned, entered: last.entered },
        { answered: live.answered, abandoned: live.abandoned, entered: live.entered },
      );
    }
  }
  for (const client of [...agents.values(), ...supervisors.values()]) await client.close();
});

function pickCounters(snapshot: object): object {
  const acc = unwrap(QueueStatsAccumulator.create({ queueId: 'x', serviceLevelMs: 1 }));
  const keys = Object.keys(acc.counters());
  return Object.fromEntries(keys.map((k) => [k, (snapshot as Record<string, unknown>)[k]]));
}

/** Independent statement of a supervisor's scope over wire events. */
function inScope(
  e: Record<string, unknown>,
  scope: { queues: readonly string[]; agentGroups: readonly string[] },
): boolean {
  const queueOk = (q: unknown) => typeof q === 'string' && scope.queues.includes(q);
  const agentOk = (a: unknown) => typeof a === 'string' && scope.agentGroups.includes(groupOf(a));
  switch (e.type) {
    case 'agent.state':
      return agentOk(e.agentId);
    case 'agent.stats':
      return agentOk((e.stats as { agentId: string }).agentId);
    case 'queue.log':
      return queueOk((e.entry as { queueId: string }).queueId);
    case 'queue.stats':
      return queueOk((e.snapshot as { queueId: string }).queueId);
    case 'contact.changed': {
      const c = e.contact as { queueId: string | null; agentId: string | null; offeredTo: string | null };
      return queueOk(c.queueId) || agentOk(c.agentId) || agentOk(c.offeredTo);
    }
    case 'contact.ended': {
      const r = e.record as { queueId: string | null; agents: string[] };
      return queueOk(r.queueId) || r.agents.some(agentOk);
    }
    default:
      return false;
  }
}

export type { Frame };
