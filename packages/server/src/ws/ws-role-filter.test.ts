import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, agentPrincipal, NORTH_SUPERVISOR, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { type Frame, TestClient } from './ws-test-client.ts';

type AnyEvent = {
  type: string;
  agentId?: string;
  stats?: { agentId: string };
  snapshot?: { queueId: string };
  entry?: { queueId: string; agentId?: string };
  contact?: { queueId: string | null; agentId: string | null; offeredTo: string | null };
  record?: { queueId: string | null; agents: string[] };
};

const NORTH = new Set(['a1', 'a2']);
const eventsOf = (client: TestClient) => client.events().map((f) => (f as Frame & { event: AnyEvent }).event);
const statesOf = (frames: Frame[]) =>
  frames.flatMap((f) =>
    f.type === 'snapshot'
      ? (f.state as { agents: { state: { agentId: string } }[] }).agents.map((a) => a.state.agentId)
      : [],
  );

describe('the role filter on WebSocket events', () => {
  let app: WsTestApp;
  let supervisor: TestClient;
  let agent: TestClient;
  const ALL = ['agents', 'queues', 'stats', 'contacts'];

  before(async () => {
    app = await startWsTestApp();
    supervisor = await TestClient.connect(app.url, { token: app.token(NORTH_SUPERVISOR) });
    await supervisor.subscribe('s', ALL);
    agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    await agent.subscribe('s', ['agent:me', ...ALL]);
    const admin = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    for (const agentId of ['a1', 'a2', 'a3', 'a4']) await admin.command(agentId, 'login', { agentId });
    await admin.close();
    // Twenty minutes of traffic on both queues: one caller a minute on each.
    for (let minute = 0; minute < 20; minute++) {
      app.telephony.arrive(`1${minute}`, '1000');
      app.telephony.arrive(`2${minute}`, '2000');
      app.clock.advanceBy(60_000);
    }
    await Promise.all([supervisor.settle(), agent.settle()]);
  });
  after(async () => {
    await Promise.all([supervisor.close(), agent.close()]);
    await app.close();
  });

  test('a supervisor never receives anything of other queues or agent groups', () => {
    const seen = eventsOf(supervisor);
    for (const e of seen) {
      switch (e.type) {
        case 'agent.state':
          assert.ok(NORTH.has(e.agentId!), JSON.stringify(e));
          break;
        case 'agent.stats':
          assert.ok(NORTH.has(e.stats!.agentId), JSON.stringify(e));
          break;
        case 'queue.stats':
          assert.equal(e.snapshot!.queueId, 'sales');
          break;
        case 'queue.log':
          assert.ok(e.entry!.queueId === 'sales' || NORTH.has(e.entry!.agentId ?? ''), JSON.stringify(e));
          break;
        case 'contact.changed':
          assert.ok(
            e.contact!.queueId === 'sales' || NORTH.has(e.contact!.agentId ?? e.contact!.offeredTo ?? ''),
            JSON.stringify(e),
          );
          break;
        case 'contact.ended':
          assert.ok(e.record!.queueId === 'sales' || e.record!.agents.some((a) => NORTH.has(a)));
          break;
        default:
          assert.fail(`unexpected event ${e.type}`);
      }
    }
    const kinds = new Set(seen.map((e) => e.type));
    for (const kind of [
      'agent.state',
      'agent.stats',
      'queue.stats',
      'queue.log',
      'contact.changed',
      'contact.ended',
    ])
      assert.ok(kinds.has(kind), `the supervisor saw some ${kind}`);
    assert.deepEqual(statesOf(supervisor.frames).sort(), ['a1', 'a2']);
    // The other team was just as busy: the filter had something to hold back.
    assert.ok(app.events.some((e) => e.type === 'queue.log' && e.entry.queueId === 'support'));
  });

  test('an agent receives only itself, even on broad topics', () => {
    const seen = eventsOf(agent);
    assert.ok(seen.length > 20);
    for (const e of seen) {
      const subject =
        e.agentId ??
        e.stats?.agentId ??
        e.entry?.agentId ??
        (e.contact === undefined
          ? undefined
          : [e.contact.agentId, e.contact.offeredTo].includes('a1') && 'a1') ??
        (e.record?.agents.includes('a1') ? 'a1' : undefined);
      assert.equal(subject, 'a1', JSON.stringify(e));
    }
    assert.ok(!seen.some((e) => e.type === 'queue.stats'), 'an agent sees no queue as a whole');
    assert.deepEqual(statesOf(agent.frames), ['a1']);
  });
});
