// kill -9 of the sip-mode server during established calls, then a restart on the same data directory
// and ports: the dialogs stored before the kill (both legs of every call) each get a BYE from the
// restarted server - the sipp trunk (UAC) and the sipp agent phones (UAS), which hold their calls
// until then, both receive it and answer 200 - the contacts are recorded 'interrupted' exactly once,
// and the agents come back Paused('restart'). A graceful restart afterwards repeats nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { until } from '../sip/sip-server-process.ts';
import { assertBothSidesHungUp, HeldCallTest } from '../sip/held-call-phones.ts';

const CALLS = 3;
const run = new HeldCallTest('sb-sip-crash-');

after(() => run.close());

interface StateView {
  readonly state: { readonly name: string; readonly reason: string | null };
}

/** The dialogs on disk, read the way the next process will: from the database file. */
function storedDialogs(): { contact_id: string; role: string }[] {
  const db = new DatabaseSync(join(run.dir, 'switchboard.db'), { readOnly: true });
  try {
    return db.prepare('SELECT contact_id, role FROM sip_dialogs ORDER BY contact_id, role').all() as never;
  } finally {
    db.close();
  }
}

test('after kill -9 during calls, the restarted server BYEs both legs of every call, records each contact interrupted once, agents come back Paused', async () => {
  // Phones and trunk that hold their calls until the server hangs up (each expects a BYE, answers 200).
  const held = await run.startCalls({
    calls: CALLS,
    callerPrefix: '09920000',
    timeoutMs: 120_000,
  });
  const { config, server: first } = held;

  // Every call established: both legs of each confirmed (and so stored), every contact connected.
  const admin = await first.token('admin', DEMO_PASSWORDS.admin);
  await until('every call established', async () => (await first.sipHealth()).dialogs === 2 * CALLS, 20_000);
  const live = await first.get<{ items: { id: string; phase: string }[] }>('/api/v1/contacts', admin);
  assert.deepEqual(
    live.items.map((c) => c.phase),
    Array(CALLS).fill('connected'),
  );
  const liveIds = live.items.map((c) => c.id).sort();

  await first.kill();
  const left = storedDialogs();
  assert.equal(left.length, 2 * CALLS, 'both legs of every call are on disk after the kill');
  assert.deepEqual([...new Set(left.map((d) => d.contact_id))].sort(), liveIds);
  assert.deepEqual(left.map((d) => d.role).sort(), [
    ...Array(CALLS).fill('agent'),
    ...Array(CALLS).fill('customer'),
  ]);

  // Restart on the same data directory and SIP port: both sides of every call get their BYE.
  const second = await run.startServer(config);
  await assertBothSidesHungUp(held, CALLS);
  await until(
    'recovery reported',
    async () => {
      const recovery = (await second.sipHealth()).recovery as { state: string };
      return recovery.state === 'done';
    },
    10_000,
  );
  const health = await second.sipHealth();
  assert.deepEqual(health.recovery, { state: 'done', ended: 2 * CALLS, confirmed: 2 * CALLS, unanswered: 0 });
  assert.equal(health.dialogs, 0);
  assert.equal(storedDialogs().length, 0, 'the ended dialogs are gone from the table');

  const admin2 = await second.token('admin', DEMO_PASSWORDS.admin);
  const records = await second.records(admin2);
  assert.deepEqual(records.map((r) => r.contactId).sort(), liveIds, 'one record per interrupted contact');
  assert.deepEqual(
    records.map((r) => r.outcome),
    Array(CALLS).fill('interrupted'),
  );
  for (let n = 1; n <= 12; n++) {
    const view = await second.get<StateView>(`/api/v1/agents/agent${n}/state`, admin2);
    const expected = n <= CALLS ? ['Paused', 'restart'] : ['LoggedOut', null];
    assert.deepEqual([view.state.name, view.state.reason], expected, `agent${n}`);
  }

  // A graceful stop and another start: no BYE, no record is repeated.
  assert.equal(await second.stop(), 0);
  const third = await run.startServer(config);
  assert.equal((await third.records(await third.token('admin', DEMO_PASSWORDS.admin))).length, CALLS);
  assert.deepEqual((await third.sipHealth()).recovery, { state: 'none' });
  assert.equal(await third.stop(), 0);
});
