// The end-to-end scenario with real peers on 127.0.0.1: 20 agent phones registered with digest
// (sipp), 200 calls in from the trunk (sipp) - 170 that talk and 30 callers who hang up while
// queued (a second sipp scenario that CANCELs after a wait) - through SipTelephony and the engine on
// the wall clock. Every call must end answered or abandoned, and the engine's contact records and
// queue statistics must match what the sipp processes report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registrationLines, startCenter } from './b2bua-fixture.ts';
import { explain, SippProcess } from './sipp-process.ts';

const AGENTS = 20;
const TALKERS = 170;
const ABANDONERS = 30;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('200 trunk calls to 20 registered agents all end answered or abandoned, as sipp reports them', async () => {
  const center = await startCenter({ agents: AGENTS });
  let phones: SippProcess | undefined;
  try {
    phones = await SippProcess.start({ scenario: 'agent-phone.xml', args: ['-l', '100'], timeoutMs: 90_000 });
    const registration = await SippProcess.start({
      scenario: 'agent-register.xml',
      remote: `127.0.0.1:${center.port}`,
      injection: registrationLines(center.extensions, phones.port),
      args: ['-m', String(AGENTS), '-r', '50'],
      timeoutMs: 20_000,
    });
    const registered = await registration.done;
    assert.equal(registered.successful, AGENTS, explain('register', registered));
    center.loginAll();
    const callers = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
    const talkers = await SippProcess.start({
      scenario: 'trunk-call.xml',
      remote: `127.0.0.1:${center.port}`,
      injection: callers(TALKERS, '09910'),
      args: [
        '-s',
        '100',
        '-d',
        '1000',
        '-m',
        String(TALKERS),
        '-r',
        '30',
        '-l',
        '200',
        '-recv_timeout',
        '60000',
      ],
      timeoutMs: 90_000,
    });
    // The abandoners arrive once a queue has formed, and give up after 2 s of waiting.
    await new Promise((r) => setTimeout(r, 3_000));
    const abandoners = await SippProcess.start({
      scenario: 'trunk-abandon.xml',
      remote: `127.0.0.1:${center.port}`,
      injection: callers(ABANDONERS, '09920'),
      args: ['-s', '100', '-d', '2000', '-m', String(ABANDONERS), '-r', '10', '-l', '100'],
      timeoutMs: 60_000,
    });
    const [talked, gaveUp] = await Promise.all([talkers.done, abandoners.done]);
    assert.equal(talked.successful, TALKERS, explain('talkers', talked));
    assert.equal(talked.failed, 0, explain('talkers', talked));
    assert.equal(gaveUp.successful + gaveUp.failed, ABANDONERS, explain('abandoners', gaveUp));
    assert.ok(gaveUp.successful >= ABANDONERS - 3, explain('abandoners', gaveUp));

    await until(() => center.store.contactRecords.length === TALKERS + ABANDONERS, 10_000);
    const records = center.store.contactRecords;
    const answered = records.filter((r) => r.outcome === 'answered').length;
    const abandoned = records.filter((r) => r.outcome === 'abandoned').length;
    // An abandoner whose call an agent picked up first is a failed call for sipp (unexpected 200).
    assert.equal(answered, talked.successful + gaveUp.failed);
    assert.equal(abandoned, gaveUp.successful);
    assert.equal(answered + abandoned, TALKERS + ABANDONERS, 'every call ends answered or abandoned');
    const stats = center.engine.queueSnapshot('sales');
    assert.ok(stats.ok);
    assert.equal(stats.value.entered, TALKERS + ABANDONERS);
    assert.equal(stats.value.answered, answered);
    assert.equal(stats.value.abandoned, abandoned);
    assert.equal(stats.value.waiting, 0);
    const agentsOfCalls = new Set(records.flatMap((r) => r.agents));
    assert.ok(agentsOfCalls.size > AGENTS / 2, 'calls spread over the agents');

    const phoneCalls = await phones.stop();
    phones = undefined;
    // Each agent leg either talked or was cancelled while ringing: none failed at the phones.
    assert.equal(phoneCalls.failed, 0, explain('phones', phoneCalls));
    assert.ok(phoneCalls.successful >= answered, explain('phones', phoneCalls));
    await until(() => center.telephony.activeCalls === 0, 5_000);
    assert.equal(center.telephony.dialogStore.all().length, 0);
  } finally {
    await phones?.stop();
    await center.close();
  }
});
