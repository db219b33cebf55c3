// Real peers on 127.0.0.1: sipp as the trunk caller and sipp as a registered agent phone, the
// engine on the wall clock with SipTelephony between them. Without sipp these tests fail.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agentIdOf, registeredPhone, startCenter } from './b2bua-fixture.ts';
import { explain, SippProcess } from './sipp-process.ts';

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('inbound calls from a sipp trunk to sipp agent phones', () => {
  test('a trunk call rings the registered phone, is bridged on answer, and the caller’s BYE ends both legs', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const phone = await registeredPhone(center);
      assert.ok(center.registrations.isRegistered('3001'));
      center.loginAll();
      const trunk = await SippProcess.start({
        scenario: 'trunk-call.xml',
        remote: `127.0.0.1:${center.port}`,
        injection: ['0991234567'],
        args: ['-s', '100', '-d', '500', '-m', '1'],
        timeoutMs: 20_000,
      });
      const caller = await trunk.done;
      assert.equal(caller.exitCode, 0, explain('trunk', caller));
      assert.equal(caller.successful, 1, explain('trunk', caller));
      const agent = await phone.done;
      assert.equal(agent.successful, 1, explain('phone', agent));
      await until(() => center.store.contactRecords.length === 1);
      const [record] = center.store.contactRecords;
      assert.equal(record?.outcome, 'answered');
      assert.deepEqual(record?.agents, [agentIdOf(0)]);
      assert.equal(record?.customerNumber, '0991234567');
      assert.equal(center.telephony.activeCalls, 0);
      assert.equal(center.telephony.dialogStore.all().length, 0);
    } finally {
      await center.close();
    }
  });

  test('a caller who cancels while queued is an abandon: 487 to the INVITE, no agent rung', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const trunk = await SippProcess.start({
        scenario: 'trunk-abandon.xml',
        remote: `127.0.0.1:${center.port}`,
        injection: ['0997654321'],
        args: ['-s', '100', '-d', '300', '-m', '1'],
        timeoutMs: 20_000,
      });
      const caller = await trunk.done;
      assert.equal(caller.successful, 1, explain('trunk', caller));
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.store.contactRecords[0]?.outcome, 'abandoned');
      const stats = center.engine.queueSnapshot('sales');
      assert.ok(stats.ok);
      assert.equal(stats.value.abandoned, 1);
      assert.equal(center.telephony.activeCalls, 0);
    } finally {
      await center.close();
    }
  });

  test('a number the dial plan does not know is answered 404', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const trunk = await SippProcess.start({
        scenario: 'trunk-call.xml',
        remote: `127.0.0.1:${center.port}`,
        injection: ['0991111111'],
        args: ['-s', '555', '-m', '1'],
        timeoutMs: 10_000,
      });
      const caller = await trunk.done;
      assert.equal(caller.failed, 1, explain('trunk', caller));
      assert.match(caller.errors + caller.output, /404/);
      assert.equal(center.telephony.activeCalls, 0);
    } finally {
      await center.close();
    }
  });
});
