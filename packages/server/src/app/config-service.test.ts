import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RestTestApp, startRestTestApp, testQueue } from '../http/rest-test-app.ts';

// The ConfigService writes the database first and undoes that write when the engine refuses. The
// engine and the database normally agree, so these tests make them disagree on purpose (a change
// made to the engine alone) to see the undo at work.
describe('ConfigService: the database and the engine never disagree', () => {
  let app: RestTestApp;
  before(async () => {
    app = await startRestTestApp();
  });
  after(() => app.close());

  test('an agent the engine refuses to add is not left in the database', async () => {
    assert.ok(app.ctx.engine.addAgent({ id: 'ghost', name: 'Ghost' }).ok);
    const created = await app.ctx.config.createAgent({ id: 'ghost', name: 'Ghost' });
    assert.equal(created.ok, false);
    assert.equal(created.ok ? '' : created.error.code, 'already_exists');
    assert.equal(await app.ctx.persistence.agents.get('ghost'), undefined);
    assert.deepEqual(app.ctx.config.groupsOf('ghost'), []);
  });

  test('an update the engine refuses leaves the stored agent as it was, and a membership change too', async () => {
    assert.ok(app.ctx.engine.removeAgent('a4').ok);
    const updated = await app.ctx.config.updateAgent('a4', { name: 'Renamed', groups: ['north'] });
    assert.equal(updated.ok ? '' : updated.error.code, 'unknown_agent');
    const stored = await app.ctx.persistence.agents.get('a4');
    assert.equal(stored?.name, 'A4');
    assert.deepEqual(app.ctx.config.groupsOf('a4'), ['south'], 'the directory did not move it either');
    const penalty = await app.ctx.config.setMembership({ agentId: 'a4', queueId: 'support', penalty: 5 });
    assert.equal(penalty.ok, false);
    const kept = (await app.ctx.persistence.memberships.ofAgent('a4')).map((m) => m.penalty);
    assert.deepEqual(kept, [0]);
  });

  test('a queue deletion the engine refuses puts the queue and its members back', async () => {
    assert.ok((await app.ctx.config.createQueue(testQueue('q9'))).ok);
    assert.ok((await app.ctx.config.setMembership({ agentId: 'a1', queueId: 'q9', penalty: 3 })).ok);
    // The engine alone sends a number to q9: it will refuse to remove the queue.
    assert.ok(
      app.ctx.engine.setDialPlanEntry({ number: '9999', destination: { kind: 'queue', queueId: 'q9' } }).ok,
    );
    const deleted = await app.ctx.config.deleteQueue('q9');
    assert.equal(deleted.ok ? '' : deleted.error.code, 'conflict');
    assert.equal((await app.ctx.persistence.queues.get('q9'))?.id, 'q9');
    assert.deepEqual(await app.ctx.persistence.memberships.ofQueue('q9'), [
      { agentId: 'a1', queueId: 'q9', penalty: 3 },
    ]);
    assert.ok(app.ctx.engine.queueIds().includes('q9'));
  });

  test('a logged-in agent is not deleted and nothing is written', async () => {
    assert.ok(app.ctx.engine.login('a2', null).ok);
    const deleted = await app.ctx.config.deleteAgent('a2');
    assert.equal(deleted.ok ? '' : deleted.error.code, 'conflict');
    assert.equal((await app.ctx.persistence.agents.get('a2'))?.id, 'a2');
    assert.equal((await app.ctx.persistence.memberships.ofAgent('a2')).length, 1);
  });

  test('changes asked at once are applied in the order asked, in the database and the directory alike', async () => {
    const all = await Promise.all(
      ['g1', 'g2', 'g3'].map((g) => app.ctx.config.updateAgent('a1', { groups: [g], name: `A1 ${g}` })),
    );
    assert.ok(all.every((r) => r.ok));
    const stored = await app.ctx.persistence.agents.get('a1');
    assert.deepEqual([stored?.name, stored?.groups], ['A1 g3', ['g3']]);
    assert.deepEqual(app.ctx.config.groupsOf('a1'), ['g3']);
  });

  test('a dial plan entry is created, replaced and removed in both places', async () => {
    assert.ok(
      (
        await app.ctx.config.setDialPlanEntry({
          number: '5000',
          destination: { kind: 'queue', queueId: 'sales' },
        })
      ).ok,
    );
    assert.ok(
      (
        await app.ctx.config.setDialPlanEntry({
          number: '5000',
          destination: { kind: 'queue', queueId: 'support' },
        })
      ).ok,
    );
    assert.deepEqual((await app.ctx.persistence.dialPlan.get('5000'))?.destination, {
      kind: 'queue',
      queueId: 'support',
    });
    const before = app.ctx.engine.queueSnapshot('support');
    app.telephony.arrive('+15550050', '5000');
    const afterCall = app.ctx.engine.queueSnapshot('support');
    assert.ok(
      before.ok && afterCall.ok && afterCall.value.entered === before.value.entered + 1,
      'the engine routes 5000 to support',
    );
    assert.ok((await app.ctx.config.removeDialPlanEntry('5000')).ok);
    assert.equal(await app.ctx.persistence.dialPlan.get('5000'), undefined);
    assert.equal(app.telephony.arrive('+15550051', '5000'), null, 'the engine no longer answers 5000');
    const missing = await app.ctx.config.removeDialPlanEntry('5000');
    assert.equal(missing.ok ? '' : missing.error.code, 'unknown_number');
  });
});
