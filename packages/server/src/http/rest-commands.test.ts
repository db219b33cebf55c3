import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RestTestApp, startRestTestApp } from './rest-test-app.ts';

// The simulated switch rings an offered agent and answers 1 s later; calls last until hung up.
describe('REST agent and call commands: a whole call driven over POST /api/v1/agents/{agentId}/<command>', () => {
  let app: RestTestApp;
  let a1: string;
  let sam: string;
  before(async () => {
    app = await startRestTestApp();
    [a1, sam] = await Promise.all([app.login('a1'), app.login('sam')]);
  });
  after(() => app.close());
  const command = (name: string, body?: unknown, token = a1, agentId = 'a1') =>
    app.request('POST', `/api/v1/agents/${agentId}/${name}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
  const stateName = async () =>
    (await app.request('GET', '/api/v1/agents/a1/state', { token: a1 })).body.state.name;

  test('login → ready → an offered call rings, is answered, held, resumed, given data, hung up, wrapped up, recorded and counted', async () => {
    const login = await command('login', { extension: '201', pauseReason: 'break' });
    assert.equal(login.status, 200);
    assert.equal(login.body.state.name, 'Paused');
    assert.ok(login.body.actions.includes('ready'));
    assert.equal((await command('ready')).body.state.name, 'Ready');
    const contactId = app.telephony.arrive('+15550100', '1000');
    app.clock.advanceBy(100);
    assert.equal(await stateName(), 'Ringing');
    app.clock.advanceBy(1000);
    assert.equal(await stateName(), 'OnCall');
    const live = await app.request('GET', '/api/v1/contacts?agentId=a1', { token: sam });
    assert.deepEqual(
      live.body.items.map((c: { id: string }) => c.id),
      [contactId],
    );
    assert.equal((await command('hold')).body.state.onHold, true);
    assert.equal((await command('resume')).body.state.onHold, false);
    const data = await command('setAttachedData', { entries: [['order', 'A-17']] });
    assert.equal(data.status, 200);
    assert.deepEqual(data.body.contact.attached, [['order', 'A-17']]);
    assert.equal((await command('setDisposition', { disposition: { level1: 'sale' } })).status, 200);
    app.clock.advanceBy(20_000);
    const hungUp = await command('hangup');
    assert.equal(hungUp.body.state.name, 'Wrapup');
    assert.equal((await command('extendWrapup', { seconds: 60 })).status, 200);
    assert.equal((await command('endWrapup')).body.state.name, 'Ready');
    const record = await app.request('GET', `/api/v1/contact-records/${contactId}`, { token: sam });
    assert.equal(record.status, 200);
    assert.deepEqual(
      [record.body.outcome, record.body.agentId, record.body.disposition.level1],
      ['answered', 'a1', 'sale'],
    );
    const stats = await app.request('GET', '/api/v1/agents/a1/stats', { token: a1 });
    assert.equal(stats.body.callsAnswered, 1);
    const queue = await app.request('GET', '/api/v1/queues/sales/stats', { token: sam });
    assert.deepEqual([queue.body.entered, queue.body.answered, queue.body.completed], [1, 1, 1]);
  });

  test('a refused command is a typed error and changes nothing', async () => {
    const ready = await command('ready');
    assert.equal(ready.status, 409);
    assert.equal(ready.body.error.code, 'transition_not_allowed');
    assert.equal((await command('hangup')).body.error.code, 'no_call');
    const unknown = await command('pause', { reason: 'no-such-reason' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'unknown_pause_reason');
    const short = await command('extendWrapup', { seconds: 5 });
    assert.equal(short.status, 400);
    assert.equal(short.body.error.details.reason, 'schema');
    assert.match(short.body.error.details.path, /seconds/);
    const extra = await command('ready', { please: true });
    assert.equal(extra.status, 400);
    assert.equal(await stateName(), 'Ready');
  });

  test('a supervisor commands an agent of its group: pause with the default reason, then log out', async () => {
    const paused = await command('pause', undefined, sam);
    assert.equal(paused.status, 200);
    assert.deepEqual([paused.body.state.name, paused.body.state.reason], ['Paused', 'break']);
    assert.equal((await command('logout', {}, sam)).body.state.name, 'LoggedOut');
    assert.equal(
      (await command('login', {}, sam, 'nobody')).status,
      403,
      'an unknown agent is in no group of sam',
    );
  });

  test('an outbound dial rings the agent’s phone, connects, and hangs up', async () => {
    assert.equal((await command('login', {})).status, 200);
    const dialed = await command('dial', { number: '+15557654321' });
    assert.equal(dialed.status, 200);
    assert.equal(typeof dialed.body.contactId, 'string');
    assert.equal(dialed.body.state.name, 'Dialing');
    app.clock.advanceBy(1000);
    assert.equal(await stateName(), 'OnCall');
    // A dial outside any queue has no wrap-up time: the agent is Ready at once.
    assert.equal((await command('hangup')).body.state.name, 'Ready');
    const record = await app.request('GET', `/api/v1/contact-records/${dialed.body.contactId}`, {
      token: sam,
    });
    assert.deepEqual([record.body.direction, record.body.customerNumber], ['outbound', '+15557654321']);
  });
});
