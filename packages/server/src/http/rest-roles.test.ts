import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RestTestApp, startRestTestApp } from './rest-test-app.ts';

// Seed: queues sales (a1, a2: group north) and support (a3, a4: group south); sam supervises sales
// and north; root is admin; a1…a4 are agents whose user id is their agent id.
describe('REST role rules: admin sees all, a supervisor its queues and groups, an agent itself', () => {
  let app: RestTestApp;
  let root: string;
  let sam: string;
  let a1: string;
  before(async () => {
    app = await startRestTestApp();
    [root, sam, a1] = await Promise.all([app.login('root'), app.login('sam'), app.login('a1')]);
    // Two calls waiting: one per queue, nobody logged in to take them.
    app.telephony.arrive('+15550001', '1000');
    app.telephony.arrive('+15550002', '2000');
  });
  after(() => app.close());

  const ids = (
    items: { id?: string; agentId?: string; queueId?: string }[],
    key: 'id' | 'agentId' | 'queueId',
  ) => items.map((i) => i[key]).sort();

  test('lists: the admin gets everything, the supervisor only its queues and its groups’ agents', async () => {
    const agents = await app.request('GET', '/api/v1/agents', { token: root });
    assert.deepEqual(ids(agents.body.items, 'id'), ['a1', 'a2', 'a3', 'a4']);
    const samAgents = await app.request('GET', '/api/v1/agents', { token: sam });
    assert.deepEqual(ids(samAgents.body.items, 'id'), ['a1', 'a2']);
    const queues = await app.request('GET', '/api/v1/queues', { token: sam });
    assert.deepEqual(ids(queues.body.items, 'id'), ['sales']);
    const states = await app.request('GET', '/api/v1/agent-states', { token: sam });
    assert.deepEqual(
      states.body.items.map((s: { state: { agentId: string } }) => s.state.agentId),
      ['a1', 'a2'],
    );
    const qstats = await app.request('GET', '/api/v1/stats/queues', { token: sam });
    assert.deepEqual(ids(qstats.body.items, 'queueId'), ['sales']);
    const astats = await app.request('GET', '/api/v1/stats/agents', { token: sam });
    assert.deepEqual(ids(astats.body.items, 'agentId'), ['a1', 'a2']);
    const members = await app.request('GET', '/api/v1/memberships', { token: sam });
    assert.deepEqual(ids(members.body.items, 'agentId'), ['a1', 'a2']);
    const all = await app.request('GET', '/api/v1/memberships', { token: root });
    assert.equal(all.body.items.length, 4);
    const contacts = await app.request('GET', '/api/v1/contacts', { token: sam });
    assert.deepEqual(ids(contacts.body.items, 'queueId'), ['sales']);
    const allContacts = await app.request('GET', '/api/v1/contacts', { token: root });
    assert.deepEqual(ids(allContacts.body.items, 'queueId'), ['sales', 'support']);
  });

  test('a supervisor asking for an agent or queue outside its scope gets 403', async () => {
    for (const path of [
      '/api/v1/agents/a3',
      '/api/v1/agents/a3/state',
      '/api/v1/agents/a3/stats',
      '/api/v1/queues/support',
      '/api/v1/queues/support/stats',
      '/api/v1/queues/support/members',
      '/api/v1/queues/support/log?from=0&to=1',
    ]) {
      const answer = await app.request('GET', path, { token: sam });
      assert.equal(answer.status, 403, path);
      assert.equal(answer.body.error.code, 'forbidden');
    }
    const support = (await app.request('GET', '/api/v1/contacts', { token: root })).body.items.find(
      (c: { queueId: string }) => c.queueId === 'support',
    );
    assert.equal((await app.request('GET', `/api/v1/contacts/${support.id}`, { token: sam })).status, 403);
    assert.equal((await app.request('GET', `/api/v1/contacts/${support.id}`, { token: root })).status, 200);
    const command = await app.request('POST', '/api/v1/agents/a3/login', { token: sam, body: {} });
    assert.equal(command.status, 403);
    assert.equal(app.ctx.engine.agentState('a3')?.name, 'LoggedOut', 'nothing changed');
    assert.equal((await app.request('GET', '/api/v1/agents/a1', { token: sam })).status, 200);
  });

  test('an agent sees and commands only itself', async () => {
    assert.equal((await app.request('GET', '/api/v1/agents/a1', { token: a1 })).status, 200);
    assert.equal((await app.request('GET', '/api/v1/agents/a1/state', { token: a1 })).status, 200);
    assert.equal((await app.request('GET', '/api/v1/agents/a1/stats', { token: a1 })).status, 200);
    for (const path of ['/api/v1/agents/a2', '/api/v1/agents/a2/state', '/api/v1/agents/a2/stats']) {
      assert.equal((await app.request('GET', path, { token: a1 })).status, 403, path);
    }
    for (const path of ['/api/v1/agents', '/api/v1/agent-states', '/api/v1/queues', '/api/v1/contacts']) {
      assert.equal((await app.request('GET', path, { token: a1 })).status, 403, `${path} needs a supervisor`);
    }
    assert.equal((await app.request('POST', '/api/v1/agents/a2/login', { token: a1 })).status, 403);
    assert.equal(app.ctx.engine.agentState('a2')?.name, 'LoggedOut');
    const pauseReasons = await app.request('GET', '/api/v1/pause-reasons', { token: a1 });
    assert.equal(pauseReasons.status, 200, 'an agent reads the pause reasons it picks from');
    assert.equal(pauseReasons.body.defaultCode, 'break');
  });

  test('an agent sees a live contact once it is offered to it, and not one of another queue', async () => {
    const login = await app.request('POST', '/api/v1/agents/a1/login', {
      token: a1,
      body: { extension: '201' },
    });
    assert.equal(login.status, 200);
    assert.equal(login.body.state.name, 'Ready');
    app.clock.advanceBy(100); // routing runs on the clock's next turn
    const offered = app.ctx.engine.agentState('a1')?.contactId;
    assert.ok(offered, 'the waiting sales call is offered at once');
    assert.equal((await app.request('GET', `/api/v1/contacts/${offered}`, { token: a1 })).status, 200);
    const other = (await app.request('GET', '/api/v1/contacts', { token: root })).body.items.find(
      (c: { queueId: string }) => c.queueId === 'support',
    );
    assert.equal((await app.request('GET', `/api/v1/contacts/${other.id}`, { token: a1 })).status, 403);
  });

  test('only an admin reads or writes users, and no answer carries a password hash', async () => {
    assert.equal((await app.request('GET', '/api/v1/users', { token: sam })).status, 403);
    const users = await app.request('GET', '/api/v1/users', { token: root });
    assert.equal(users.status, 200);
    assert.equal(users.body.items.length, 6);
    assert.ok(users.body.items.every((u: object) => !('passwordHash' in u)));
    const write = await app.request('POST', '/api/v1/skills', { token: sam, body: { id: 'x', name: 'X' } });
    assert.equal(write.status, 403);
  });
});
