import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, type RestTestApp, startRestTestApp, testQueue } from './rest-test-app.ts';

describe('REST configuration: CRUD round trips written to the database and applied to the engine', () => {
  let app: RestTestApp;
  let root: string;
  let sam: string;
  before(async () => {
    app = await startRestTestApp();
    [root, sam] = await Promise.all([app.login('root'), app.login('sam')]);
  });
  after(() => app.close());
  const req = (method: string, path: string, body?: unknown, token = root) =>
    app.request(method, path, { token, ...(body === undefined ? {} : { body }) });

  test('an agent created, changed and deleted over REST is created, changed and removed in the engine', async () => {
    const created = await req('POST', '/api/v1/agents', {
      id: 'a9',
      name: 'Nine',
      skills: { english: 4 },
      groups: ['south'],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { id: 'a9', name: 'Nine', skills: { english: 4 }, groups: ['south'] });
    assert.equal(app.ctx.engine.agentState('a9')?.name, 'LoggedOut');
    assert.equal((await req('POST', '/api/v1/agents', { id: 'a9', name: 'Again' })).status, 409);
    assert.equal(
      (await req('GET', '/api/v1/agents/a9', undefined, sam)).status,
      403,
      'south is not sam’s group',
    );
    const moved = await req('PATCH', '/api/v1/agents/a9', { groups: ['north'] });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.name, 'Nine', 'a field left out keeps its value');
    assert.equal((await req('GET', '/api/v1/agents/a9', undefined, sam)).status, 200, 'now in sam’s scope');
    assert.equal((await req('POST', '/api/v1/agents/a9/login', {}, sam)).status, 200);
    const busy = await req('DELETE', '/api/v1/agents/a9');
    assert.equal(busy.status, 409, 'a logged-in agent is not deleted');
    assert.equal(app.ctx.engine.agentState('a9')?.name, 'Ready');
    assert.equal((await req('POST', '/api/v1/agents/a9/logout', {}, sam)).status, 200);
    assert.equal((await req('DELETE', '/api/v1/agents/a9')).status, 204);
    assert.equal(app.ctx.engine.agentState('a9'), undefined);
    assert.equal((await req('GET', '/api/v1/agents/a9')).status, 404);
    assert.equal((await req('PATCH', '/api/v1/agents/a9', { name: 'x' })).status, 404);
  });

  test('an agent with a skill missing from the catalogue is refused and nothing is created', async () => {
    const refused = await req('POST', '/api/v1/agents', { id: 'a8', name: 'Eight', skills: { klingon: 1 } });
    assert.equal(refused.status, 404);
    assert.equal(refused.body.error.code, 'unknown_skill');
    assert.equal(app.ctx.engine.agentState('a8'), undefined);
  });

  test('queues and memberships: created, replaced, joined, re-penalised, left and deleted in both places', async () => {
    const queue = testQueue('billing', { name: 'Billing' });
    assert.equal((await req('POST', '/api/v1/queues', queue)).status, 201);
    assert.ok(app.ctx.engine.queueIds().includes('billing'));
    assert.equal((await req('GET', '/api/v1/queues/billing')).body.name, 'Billing');
    const wrongId = await req('PUT', '/api/v1/queues/billing', { ...queue, id: 'other' });
    assert.equal(wrongId.status, 400);
    const replaced = await req('PUT', '/api/v1/queues/billing', { ...queue, serviceLevelMs: 30_000 });
    assert.equal(replaced.status, 200);
    assert.equal((await req('GET', '/api/v1/queues/billing')).body.serviceLevelMs, 30_000);
    const joined = await req('PUT', '/api/v1/queues/billing/members/a3', { penalty: 2 });
    assert.equal(joined.status, 200);
    assert.deepEqual(joined.body, { agentId: 'a3', queueId: 'billing', penalty: 2 });
    assert.equal((await req('PUT', '/api/v1/queues/billing/members/a3', { penalty: 1 })).status, 200);
    const members = await req('GET', '/api/v1/queues/billing/members');
    assert.deepEqual(members.body.items, [{ agentId: 'a3', queueId: 'billing', penalty: 1 }]);
    // The engine routes billing's callers to a3 now.
    assert.equal((await req('POST', '/api/v1/agents/a3/login', {})).status, 200);
    const logged = app.ctx.engine.queueSnapshot('billing');
    assert.ok(logged.ok && logged.value.agents.logged === 1);
    assert.equal((await req('DELETE', '/api/v1/queues/billing/members/a3')).status, 204);
    const left = app.ctx.engine.queueSnapshot('billing');
    assert.ok(left.ok && left.value.agents.logged === 0);
    assert.equal((await req('DELETE', '/api/v1/queues/billing/members/a3')).status, 404, 'not_in_queue');
    assert.equal((await req('PUT', '/api/v1/queues/billing/members/nobody', { penalty: 0 })).status, 404);
    assert.equal((await req('DELETE', '/api/v1/queues/billing')).status, 204);
    assert.ok(!app.ctx.engine.queueIds().includes('billing'));
    assert.equal((await req('GET', '/api/v1/queues/billing')).status, 404);
  });

  test('a replaced queue config routes the next callers; a queue with callers waiting is not deleted', async () => {
    assert.equal((await req('POST', '/api/v1/queues', testQueue('busy'))).status, 201);
    assert.equal((await req('PUT', '/api/v1/queues/busy', testQueue('busy', { maxLength: 1 }))).status, 200);
    assert.equal(
      (
        await app.ctx.config.setDialPlanEntry({
          number: '7000',
          destination: { kind: 'queue', queueId: 'busy' },
        })
      ).ok,
      true,
    );
    app.telephony.arrive('+15550007', '7000');
    app.telephony.arrive('+15550008', '7000');
    const figures = (await req('GET', '/api/v1/queues/busy/stats')).body;
    assert.deepEqual(
      [figures.entered, figures.refused, figures.waiting],
      [1, 1, 1],
      'the engine runs maxLength 1',
    );
    const waiting = await req('DELETE', '/api/v1/queues/busy');
    assert.equal(waiting.status, 409);
    assert.ok(app.ctx.engine.queueIds().includes('busy'));
    assert.equal((await req('GET', '/api/v1/queues/busy')).status, 200, 'still in the database');
  });

  test('skills: create, read, rename, and no deletion while an agent has one', async () => {
    assert.equal((await req('POST', '/api/v1/skills', { id: 'french', name: 'French' })).status, 201);
    assert.equal((await req('POST', '/api/v1/skills', { id: 'french', name: 'French' })).status, 409);
    assert.deepEqual((await req('GET', '/api/v1/skills/french', undefined, sam)).body, {
      id: 'french',
      name: 'French',
    });
    assert.equal((await req('PATCH', '/api/v1/skills/french', { name: 'Français' })).body.name, 'Français');
    assert.equal((await req('DELETE', '/api/v1/skills/english')).status, 409, 'agents have english');
    assert.equal((await req('DELETE', '/api/v1/skills/french')).status, 204);
    assert.equal((await req('GET', '/api/v1/skills/french')).status, 404);
  });

  test('pause reasons: a new reason is added to the running catalogue, changed, and removed; system ones stay', async () => {
    const lunch = { code: 'lunch', name: 'Lunch', category: 'meal' };
    assert.equal((await req('POST', '/api/v1/pause-reasons', lunch)).status, 201);
    const list = await req('GET', '/api/v1/pause-reasons');
    const codes = list.body.items.map((r: { code: string }) => r.code);
    assert.ok(
      codes.includes('lunch') && codes.includes('break') && codes.includes('disconnected'),
      'defaults kept',
    );
    assert.equal(app.ctx.engine.pauseReasons.get('lunch')?.name, 'Lunch');
    assert.equal(
      (await req('PATCH', '/api/v1/pause-reasons/lunch', { name: 'Long lunch' })).body.name,
      'Long lunch',
    );
    assert.equal(app.ctx.engine.pauseReasons.get('lunch')?.name, 'Long lunch');
    assert.equal(
      (await req('POST', '/api/v1/agents/a2/login', { pauseReason: 'lunch' })).body.state.name,
      'Paused',
    );
    assert.equal((await req('DELETE', '/api/v1/pause-reasons/disconnected')).status, 409);
    assert.equal(
      (await req('POST', '/api/v1/pause-reasons', { code: 'restart', name: 'x', category: 'system' })).status,
      409,
    );
    assert.equal((await req('DELETE', '/api/v1/pause-reasons/lunch')).status, 204);
    assert.equal(app.ctx.engine.pauseReasons.get('lunch'), undefined);
    assert.equal((await req('GET', '/api/v1/pause-reasons/lunch')).status, 404);
    const stored = (await app.ctx.persistence.pauseReasons.list()).map((r) => r.code);
    assert.deepEqual(
      stored,
      app.ctx.engine.pauseReasons.list().map((r) => r.code),
      'database and engine agree',
    );
  });

  test('users: a password is hashed (the new user logs in with it), changed, and a deleted user cannot log in', async () => {
    const created = await req('POST', '/api/v1/users', {
      username: 'nina',
      password: 'first-password',
      role: 'supervisor',
      scope: { queues: ['support'], agentGroups: [] },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.id, /^u-/);
    assert.equal('password' in created.body || 'passwordHash' in created.body, false);
    const stored = await app.ctx.persistence.users.findById(created.body.id);
    assert.match(stored?.passwordHash ?? '', /^scrypt\$/);
    const login = async (password: string) =>
      (await app.request('POST', '/api/v1/auth/login', { body: { username: 'nina', password } })).status;
    assert.equal(await login('first-password'), 200);
    const demoted = await req('PATCH', `/api/v1/users/${created.body.id}`, {
      role: 'agent',
      password: 'second-password',
    });
    assert.equal(demoted.status, 200);
    assert.equal(demoted.body.scope, undefined, 'a scope belongs to supervisors only');
    assert.equal(await login('first-password'), 401);
    assert.equal(await login('second-password'), 200);
    assert.equal((await req('POST', '/api/v1/users', { username: 'nina', role: 'agent' })).status, 409);
    assert.equal(
      (await req('POST', '/api/v1/users', { username: 'x', role: 'supervisor' })).status,
      400,
      'no scope',
    );
    assert.equal((await req('DELETE', `/api/v1/users/${created.body.id}`)).status, 204);
    assert.equal(await login('second-password'), 401);
    assert.equal((await req('GET', `/api/v1/users/${created.body.id}`)).status, 404);
    assert.equal(await login(PASSWORD), 401);
  });
});
