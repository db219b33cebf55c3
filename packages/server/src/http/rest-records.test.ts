import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type RestTestApp, startRestTestApp, T0 } from './rest-test-app.ts';

// Half an hour of traffic on the simulated switch: every 5 minutes one sales caller and three
// support callers at once; callers talk 30 s and give up after 45 s of waiting; a1, a2 answer
// sales, a3 alone answers support (so the third support caller of each burst abandons). The
// engine writes through to SQLite, so records and logs are read back from the database.
describe('REST contact records and statistics over stored history', () => {
  let app: RestTestApp;
  let root: string;
  let sam: string;
  let a1: string;
  let end: number;
  let attachedContact: string;
  before(async () => {
    app = await startRestTestApp({
      behaviour: {
        answerDelay: { kind: 'fixed', ms: 2000 },
        talk: { kind: 'fixed', ms: 30_000 },
        patience: { kind: 'fixed', ms: 45_000 },
        callerEndsShare: 1,
        remoteAnswerDelay: { kind: 'fixed', ms: 1000 },
      },
    });
    [root, sam, a1] = await Promise.all([app.login('root'), app.login('sam'), app.login('a1')]);
    for (const id of ['a1', 'a2', 'a3']) assert.ok(app.ctx.engine.login(id, null).ok);
    for (let step = 0; step < 6; step++) {
      app.telephony.arrive(`+15550${step}00`, '1000');
      for (let k = 1; k <= 3; k++) app.telephony.arrive(`+15550${step}0${k}`, '2000');
      app.clock.advanceBy(2100);
      if (step === 0) {
        attachedContact = app.ctx.engine.agentState('a1')?.contactId ?? '';
        const path = '/api/v1/agents/a1';
        const data = await app.request('POST', `${path}/setAttachedData`, {
          token: a1,
          body: { entries: [['vip', 'yes']] },
        });
        assert.equal(data.status, 200);
        const disposition = { disposition: { level1: 'sale', code: 'S1' } };
        assert.equal(
          (await app.request('POST', `${path}/setDisposition`, { token: a1, body: disposition })).status,
          200,
        );
      }
      app.clock.advanceBy(300_000 - 2100);
    }
    app.clock.advanceBy(15 * 60_000);
    assert.equal(app.ctx.engine.liveContacts, 0, 'every call is over');
    end = app.clock.now();
  });
  after(() => app.close());

  const search = async (query: string, token = root) => {
    const ids: string[] = [];
    // biome-ignore lint/suspicious/noExplicitAny: records as read from the wire
    const records: any[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const path = `/api/v1/contact-records?from=${T0}&to=${end}&${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const answer = await app.request('GET', path, { token });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      records.push(...answer.body.items);
      ids.push(...answer.body.items.map((r: { contactId: string }) => r.contactId));
      cursor = answer.body.nextCursor;
      if (cursor === null) return { ids, records };
    }
    throw new Error('paging did not end');
  };

  test('paging through every record gives each stored record once, oldest arrival first', async () => {
    const { ids, records } = await search('limit=5');
    assert.equal(ids.length, 24);
    assert.equal(new Set(ids).size, 24);
    assert.equal(await app.ctx.persistence.records.count(), 24);
    const arrivals = records.map((r) => r.arrivedAt);
    assert.deepEqual(
      arrivals,
      [...arrivals].sort((a, b) => a - b),
    );
  });

  test('each filter selects exactly the records that match it', async () => {
    const all = (await search('limit=500')).records;
    const check = async (query: string, keep: (r: (typeof all)[number]) => boolean) => {
      const expected = all.filter(keep).map((r) => r.contactId);
      assert.ok(expected.length > 0, `${query} selects something`);
      assert.deepEqual((await search(`${query}&limit=3`)).ids, expected, query);
    };
    await check('queueId=support', (r) => r.queueId === 'support');
    await check('agentId=a1', (r) => r.agents.includes('a1'));
    await check('number=%2B15550301', (r) => r.customerNumber === '+15550301');
    await check('outcome=abandoned', (r) => r.outcome === 'abandoned');
    await check('direction=inbound', () => true);
    await check('attachedKey=vip&attachedValue=yes', (r) => r.contactId === attachedContact);
    await check('disposition=sale', (r) => r.contactId === attachedContact);
    await check('dispositionCode=S1', (r) => r.contactId === attachedContact);
    assert.deepEqual((await search('dispositionCode=S2')).ids, []);
  });

  test('a supervisor pages through only the records of its queues and its agents', async () => {
    const all = (await search('limit=500')).records;
    const expected = all
      .filter((r) => r.queueId === 'sales' || r.agents.some((a: string) => a === 'a1' || a === 'a2'))
      .map((r) => r.contactId);
    assert.ok(expected.length > 0 && expected.length < all.length);
    assert.deepEqual((await search('limit=2', sam)).ids, expected);
    const outside = all.find((r) => !expected.includes(r.contactId));
    assert.equal(
      (await app.request('GET', `/api/v1/contact-records/${outside.contactId}`, { token: sam })).status,
      403,
    );
    assert.equal(
      (await app.request('GET', `/api/v1/contact-records/${expected[0]}`, { token: sam })).status,
      200,
    );
    assert.equal((await app.request('GET', '/api/v1/contact-records/nope', { token: root })).status, 404);
  });

  test('a bad search is 400: an empty range, a value without its key, a bad limit or cursor, an unknown field', async () => {
    for (const query of [
      `from=${end}&to=${T0}`,
      `from=${T0}&to=${end}&attachedValue=yes`,
      `from=${T0}&to=${end}&limit=0`,
      `from=${T0}&to=${end}&limit=abc`,
      `from=${T0}&to=${end}&cursor=not-a-cursor`,
      `from=${T0}&to=${end}&colour=red`,
      `from=${T0}&from=${T0}&to=${end}`,
      `to=${end}`,
    ]) {
      const answer = await app.request('GET', `/api/v1/contact-records?${query}`, { token: root });
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'invalid_argument');
    }
  });

  test('queue statistics per interval, rebuilt from the stored log, add up to the live figures', async () => {
    for (const queueId of ['sales', 'support']) {
      const path = `/api/v1/queues/${queueId}/stats/intervals?from=${T0}&to=${end}&intervalMs=600000`;
      const report = (await app.request('GET', path, { token: root })).body;
      const live = (await app.request('GET', `/api/v1/queues/${queueId}/stats`, { token: root })).body;
      assert.equal(report.intervalMs, 600_000);
      assert.ok(report.items.length >= 3);
      for (const field of [
        'entered',
        'answered',
        'abandoned',
        'completed',
        'totalTalkMs',
        'totalWaitAnsweredMs',
      ]) {
        assert.equal(report.total[field], live[field], `${queueId} ${field}`);
        const sum = report.items.reduce(
          (s: number, i: { stats: Record<string, number> }) => s + i.stats[field]!,
          0,
        );
        assert.equal(sum, live[field], `${queueId} ${field} per interval`);
      }
      assert.ok(
        report.items.every((i: { start: number }) => i.start % 600_000 === 0),
        'aligned to UTC',
      );
    }
    const support = (await app.request('GET', '/api/v1/queues/support/stats', { token: root })).body;
    assert.ok(support.abandoned > 0, 'one agent for two thirds of the calls: some callers gave up');
    assert.equal(
      (await app.request('GET', `/api/v1/queues/sales/stats/intervals?from=${T0}&to=${end}`, { token: sam }))
        .status,
      200,
    );
    assert.equal(
      (await app.request('GET', `/api/v1/queues/nope/stats/intervals?from=${T0}&to=${end}`, { token: root }))
        .status,
      404,
    );
  });

  test('agent statistics per interval add up to the live figures, a login carried across intervals counted once', async () => {
    for (const agentId of ['a1', 'a3']) {
      const path = `/api/v1/agents/${agentId}/stats/intervals?from=${T0}&to=${end}&intervalMs=300000`;
      const report = (await app.request('GET', path, { token: root })).body;
      const live = (await app.request('GET', `/api/v1/agents/${agentId}/stats`, { token: root })).body;
      assert.ok(report.items.length > 5);
      for (const field of [
        'loginMs',
        'readyMs',
        'talkMs',
        'wrapupMs',
        'ringingMs',
        'callsAnswered',
        'offered',
        'completed',
        'logins',
      ]) {
        const sum = report.items.reduce(
          (s: number, i: { stats: Record<string, number> }) => s + i.stats[field]!,
          0,
        );
        assert.equal(sum, live[field], `${agentId} ${field}`);
      }
      assert.equal(report.items[0].stats.firstLoginAt, T0);
      assert.equal(report.items[1].stats.firstLoginAt, null, 'still logged in: no new login');
    }
    const mine = await app.request('GET', `/api/v1/agents/a1/stats/intervals?from=${T0}&to=${end}`, {
      token: a1,
    });
    assert.equal(mine.status, 200);
    const others = await app.request('GET', `/api/v1/agents/a3/stats/intervals?from=${T0}&to=${end}`, {
      token: a1,
    });
    assert.equal(others.status, 403);
    const tooMany = `/api/v1/agents/a1/stats/intervals?from=0&to=${end}&intervalMs=60000`;
    assert.equal((await app.request('GET', tooMany, { token: root })).status, 400);
  });

  test('the queue log pages by sequence and holds every line of the queue', async () => {
    const lines: { type: string }[] = [];
    let cursor: string | null = null;
    do {
      const path = `/api/v1/queues/sales/log?from=${T0}&to=${end}&limit=7${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await app.request('GET', path, { token: sam });
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 7);
      lines.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const live = (await app.request('GET', '/api/v1/queues/sales/stats', { token: sam })).body;
    assert.equal(lines.filter((l) => l.type === 'entered').length, live.entered);
    const bad = await app.request('GET', `/api/v1/queues/sales/log?from=${T0}&to=${end}&cursor=-1`, {
      token: sam,
    });
    assert.equal(bad.status, 400);
  });
});
