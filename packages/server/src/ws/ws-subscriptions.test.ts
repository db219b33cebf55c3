import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, agentPrincipal, startWsTestApp, type WsTestApp } from './ws-test-app.ts';
import { type Frame, TestClient } from './ws-test-client.ts';

type Snapshot = {
  seq: number;
  full: boolean;
  state: {
    topics: string[];
    agents: { state: { agentId: string; name: string } }[];
    queues: { queueId: string }[];
    contacts: { id: string }[];
    agentStats: { agentId: string }[];
  };
};
type EventFrame = {
  seq: number;
  topic: string;
  event: { type: string; agentId?: string; state?: { name: string }; snapshot?: { queueId: string } };
};

const seqs = (client: TestClient) =>
  client.frames.filter((f) => f.type === 'event' || f.type === 'snapshot').map((f) => f.seq as number);

describe('WebSocket subscriptions', () => {
  let app: WsTestApp;
  before(async () => {
    app = await startWsTestApp({ ws: { statsIntervalMs: 1000 } });
  });
  after(() => app.close());

  test('a subscription is answered with its topics, then a snapshot of what they cover, then its events in seq order', async () => {
    const admin = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    const { result, snapshot } = await admin.subscribe('s1', ['agents', 'queues', 'contacts']);
    assert.deepEqual(result.result, { topics: ['agents', 'queues', 'contacts'] });
    const snap = snapshot as unknown as Snapshot;
    assert.equal(snap.full, false);
    assert.equal(snap.seq, 1);
    assert.deepEqual(snap.state.topics, ['agents', 'queues', 'contacts']);
    assert.deepEqual(snap.state.agents.map((a) => a.state.agentId).sort(), ['a1', 'a2', 'a3', 'a4']);
    assert.deepEqual(snap.state.queues.map((q) => q.queueId).sort(), ['sales', 'support']);
    assert.deepEqual(snap.state.agentStats, []);

    const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a1')) });
    const own = (await agent.subscribe('me', ['agent:me'])).snapshot as unknown as Snapshot;
    assert.deepEqual(
      own.state.agents.map((a) => a.state.agentId),
      ['a1'],
    );
    assert.deepEqual(
      own.state.agentStats.map((s) => s.agentId),
      ['a1'],
    );
    assert.equal((await agent.command('login', 'login')).ok, true);
    app.telephony.arrive('5550001', '1000');
    app.clock.advanceBy(1500); // the simulated phone answers after 1 s
    await Promise.all([agent.settle(), admin.settle()]);

    const mine = agent.events() as unknown as EventFrame[];
    assert.ok(mine.length >= 4, 'login, ringing, on call, contact changes');
    for (const e of mine) assert.equal(e.topic, 'agent:me');
    assert.deepEqual(
      mine.filter((e) => e.event.type === 'agent.state').map((e) => e.event.state!.name),
      ['Ready', 'Ringing', 'OnCall'],
    );
    for (const client of [agent, admin]) {
      const numbered = seqs(client);
      assert.deepEqual(
        numbered,
        numbered.map((_, i) => i + 1),
        'seq 1, 2, 3 … without a gap',
      );
    }
    const adminEvents = admin.events() as unknown as EventFrame[];
    assert.ok(adminEvents.some((e) => e.topic === 'queues' && e.event.type === 'queue.log'));
    assert.ok(adminEvents.some((e) => e.topic === 'contacts' && e.event.type === 'contact.changed'));
    assert.ok(adminEvents.some((e) => e.topic === 'agents' && e.event.agentId === 'a1'));
    // An event matching several subscriptions is sent once.
    const contactSeqs = adminEvents.filter((e) => e.event.type === 'contact.changed').map((e) => e.seq);
    assert.equal(new Set(contactSeqs).size, contactSeqs.length);

    const snapAfter = (await admin.subscribe('s2', ['contacts'])).snapshot as unknown as Snapshot;
    assert.equal(snapAfter.state.contacts.length, 1, 'the call in progress');

    admin.send({ type: 'unsubscribe', id: 'u1', topics: ['agents', 'queues', 'contacts', 'stats'] });
    assert.deepEqual((await admin.result('u1')).result, { topics: [] });
    const before = admin.events().length;
    app.telephony.arrive('5550002', '2000');
    app.clock.advanceBy(1500);
    await admin.settle();
    assert.equal(admin.events().length, before, 'nothing after unsubscribing');
    await Promise.all([agent.close(), admin.close()]);
  });

  test('statistics are pushed at most once per interval per queue while something changes', async () => {
    const wallboard = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    const { snapshot } = await wallboard.subscribe('w', ['stats']);
    const snap = snapshot as unknown as Snapshot;
    assert.deepEqual(snap.state.queues.map((q) => q.queueId).sort(), ['sales', 'support']);
    assert.equal(snap.state.agentStats.length, 4);
    const admin = await TestClient.connect(app.url, { token: app.token(ADMIN) });
    for (const agentId of ['a3', 'a4']) await admin.command(`l-${agentId}`, 'login', { agentId });
    const start = app.clock.now();
    // Ten seconds of traffic in 100 ms steps: a new caller on support every step.
    for (let step = 0; step < 100; step++) {
      app.telephony.arrive(`555${step}`, '2000');
      app.clock.advanceBy(100);
    }
    await wallboard.settle();
    const pushes = (wallboard.events() as unknown as EventFrame[]).filter(
      (e) => e.event.type === 'queue.stats' && e.event.snapshot?.queueId === 'support',
    );
    assert.ok(pushes.length >= 5, `support pushed while it changed (${pushes.length})`);
    assert.ok(pushes.length <= 11, `at most once per second over 10 s (${pushes.length})`);
    const times = pushes.map((e) => (e.event as unknown as { at: number }).at);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000);
    assert.ok(times[0]! >= start);
    assert.ok(
      (wallboard.events() as unknown as EventFrame[]).every((e) => e.topic === 'stats'),
      'only statistics on the stats topic',
    );
    // Both agents now talk for 30 s and the callers wait without limit: nothing changes, so after the
    // last pending push nothing more is sent.
    app.clock.advanceBy(1000);
    await wallboard.settle();
    const count = wallboard.events().length;
    app.clock.advanceBy(5000);
    await wallboard.settle();
    assert.equal(wallboard.events().length, count);
    await Promise.all([wallboard.close(), admin.close()]);
  });

  test('watching one agent or queue outside the own scope is refused, and nothing is subscribed', async () => {
    const agent = await TestClient.connect(app.url, { token: app.token(agentPrincipal('a2')) });
    agent.send({ type: 'subscribe', id: 'x', topics: ['agent:me', 'agent:a1'] });
    const refused = (await agent.result('x')) as Frame & {
      error: { code: string; details: { topics: string[] } };
    };
    assert.equal(refused.error.code, 'forbidden');
    assert.deepEqual(refused.error.details.topics, ['agent:a1']);
    agent.send({ type: 'unsubscribe', id: 'y', topics: ['agent:me'] });
    assert.deepEqual((await agent.result('y')).result, { topics: [] });
    await agent.close();
  });
});
