// SIGTERM of the sip-mode server during established calls: the graceful stop ends every contact as
// 'interrupted' and, while SIP still runs, sends the BYE of both legs - the sipp trunk and phones,
// which hold their calls until the server hangs up, both receive it - before the transports close;
// the process exits 0 and leaves no dialog behind, so the next start has nothing to recover.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { until } from '../sip/sip-server-process.ts';
import { assertBothSidesHungUp, HeldCallTest } from '../sip/held-call-phones.ts';

const CALLS = 2;
const run = new HeldCallTest('sb-sip-stop-');

after(() => run.close());

test('SIGTERM during calls hangs up both legs of each before SIP closes, and records them interrupted', async () => {
  const held = await run.startCalls({
    calls: CALLS,
    callerPrefix: '09930000',
    timeoutMs: 60_000,
  });
  const { config, server } = held;
  await until('every call established', async () => (await server.sipHealth()).dialogs === 2 * CALLS, 20_000);

  assert.equal(await server.stop(), 0, 'SIGTERM exits 0');
  await assertBothSidesHungUp(held, CALLS);

  const next = await run.startServer(config);
  assert.deepEqual((await next.sipHealth()).recovery, { state: 'none' }, 'no dialog left to recover');
  const records = await next.records(await next.token('admin', DEMO_PASSWORDS.admin));
  assert.deepEqual(
    records.map((r) => r.outcome),
    Array(CALLS).fill('interrupted'),
  );
  assert.equal(await next.stop(), 0);
});
