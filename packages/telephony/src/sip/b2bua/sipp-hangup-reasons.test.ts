// Why the switch ends a call, on the wire: sipp as the trunk caller against the engine on the wall
// clock with SipTelephony. A caller the engine releases before anyone answered gets the final
// response of the engine's reason (480, 486, 503 + Retry-After) with a Q.850 Reason, never the 487
// of a CANCEL; an established call gets a BYE with a Reason header. sipp's scenarios check the
// status and that the Reason header is there; its message log (-trace_msg) gives the exact value.
// Without sipp these tests fail.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { agentIdOf, registeredPhone, startCenter } from './b2bua-fixture.ts';
import { explain, SippProcess } from './sipp-process.ts';

type Center = Awaited<ReturnType<typeof startCenter>>;

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A sipp trunk call with its message log; `messages()` reads the log once sipp is done. */
async function trunkCall(center: Center, scenario: string, args: readonly string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-hangup-reason-'));
  const log = join(dir, 'messages.log');
  const sipp = await SippProcess.start({
    scenario,
    remote: `127.0.0.1:${center.port}`,
    injection: ['0991234567'],
    args: ['-s', '100', '-m', '1', '-trace_msg', '-message_file', log, ...args],
    timeoutMs: 20_000,
  });
  const outcome = await sipp.done;
  const messages = readFileSync(log, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return { outcome, messages };
}

/** The value of `name` in the first received message that starts with `firstLine` (e.g. "SIP/2.0 480"). */
function headerOf(messages: string, firstLine: string, name: string): string | undefined {
  const start = messages.indexOf(`\n${firstLine}`);
  if (start < 0) return undefined;
  const message = messages.slice(start + 1).split(/\r?\n\r?\n/, 1)[0] ?? '';
  const row = message.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return row?.slice(name.length + 1).trim();
}

const queueSize = (center: Center) => unwrap(center.engine.queueSnapshot('sales')).waiting;

describe('a caller released by the engine before an answer hears why', () => {
  test('join-empty: 480 Temporarily Unavailable with Q.850 cause 20 (no agents), not 487', async () => {
    const center = await startCenter({ agents: 1, queue: { joinEmpty: 'no-logged-in' } });
    try {
      const { outcome, messages } = await trunkCall(center, 'trunk-unavailable.xml');
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.equal(headerOf(messages, 'SIP/2.0 480', 'Reason'), 'Q.850;cause=20;text="No agents available"');
      assert.doesNotMatch(messages, /SIP\/2\.0 487/);
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.store.contactRecords[0]?.outcome, 'refused');
    } finally {
      await center.close();
    }
  });

  test('a full queue: 486 Busy Here with Q.850 cause 17 (user busy)', async () => {
    const center = await startCenter({ agents: 1, queue: { maxLength: 1 } });
    try {
      // The one place fills without SIP: a caller the engine holds, straight through its sink.
      assert.ok(center.engine.inboundCall({ customerNumber: '0990000000', dialedNumber: '100' }) !== null);
      const { outcome, messages } = await trunkCall(center, 'trunk-busy.xml');
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.equal(headerOf(messages, 'SIP/2.0 486', 'Reason'), 'Q.850;cause=17;text="Queue full"');
      assert.equal(center.telephony.activeCalls, 0);
    } finally {
      await center.close();
    }
  });

  test('the maximum wait running out: 180, then 480 with Q.850 cause 19 (no answer)', async () => {
    const center = await startCenter({ agents: 1, queue: { maxWaitMs: 300 } });
    try {
      const { outcome, messages } = await trunkCall(center, 'trunk-unavailable.xml');
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.match(messages, /SIP\/2\.0 180/);
      assert.equal(headerOf(messages, 'SIP/2.0 480', 'Reason'), 'Q.850;cause=19;text="No answer in time"');
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.store.contactRecords[0]?.outcome, 'timeout');
    } finally {
      await center.close();
    }
  });

  test('leave-when-empty: the last agent logging out releases the waiting caller with 480, cause 20', async () => {
    const center = await startCenter({ agents: 1, queue: { leaveWhenEmpty: 'no-logged-in' } });
    try {
      unwrap(center.engine.login(agentIdOf(0), null, 'break'));
      const call = trunkCall(center, 'trunk-unavailable.xml');
      await until(() => queueSize(center) === 1);
      unwrap(center.engine.logout(agentIdOf(0)));
      const { outcome, messages } = await call;
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.match(messages, /SIP\/2\.0 180/);
      assert.equal(headerOf(messages, 'SIP/2.0 480', 'Reason'), 'Q.850;cause=20;text="No agents available"');
    } finally {
      await center.close();
    }
  });

  test('a graceful stop: 503 Service Unavailable with Retry-After and Q.850 cause 41', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const call = trunkCall(center, 'trunk-stopping.xml');
      await until(() => queueSize(center) === 1);
      center.engine.shutdown();
      const { outcome, messages } = await call;
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.equal(headerOf(messages, 'SIP/2.0 503', 'Retry-After'), '30');
      assert.equal(headerOf(messages, 'SIP/2.0 503', 'Reason'), 'Q.850;cause=41;text="Server stopping"');
    } finally {
      await center.close();
    }
  });

  test('a caller who cancels still gets 487 (the answer to a CANCEL)', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const { outcome, messages } = await trunkCall(center, 'trunk-abandon.xml', ['-d', '200']);
      assert.equal(outcome.successful, 1, explain('trunk', outcome));
      assert.match(messages, /SIP\/2\.0 487/);
    } finally {
      await center.close();
    }
  });
});

describe('an established call the engine ends carries a Reason header in its BYE', () => {
  /** A trunk call answered by a sipp agent phone; `end` runs once the call is connected. */
  async function answeredThenEnded(center: Center, end: () => void) {
    const phone = await registeredPhone(center);
    center.loginAll();
    const call = trunkCall(center, 'trunk-bye-reason.xml');
    await until(() => center.engine.agentState(agentIdOf(0))?.name === 'OnCall');
    end();
    const trunk = await call;
    const agent = await phone.done;
    assert.equal(agent.successful, 1, explain('phone', agent));
    assert.equal(trunk.outcome.successful, 1, explain('trunk', trunk.outcome));
    return trunk.messages;
  }

  test('the agent hanging up: Q.850 cause 16, normal call clearing', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const messages = await answeredThenEnded(center, () =>
        unwrap(center.engine.commands.hangup(agentIdOf(0))),
      );
      assert.equal(headerOf(messages, 'BYE ', 'Reason'), 'Q.850;cause=16;text="Normal call clearing"');
    } finally {
      await center.close();
    }
  });

  test('a graceful stop during the call: SIP cause 503 and Q.850 cause 41', async () => {
    const center = await startCenter({ agents: 1 });
    try {
      const messages = await answeredThenEnded(center, () => center.engine.shutdown());
      assert.equal(
        headerOf(messages, 'BYE ', 'Reason'),
        'SIP;cause=503;text="Server stopping", Q.850;cause=41;text="Server stopping"',
      );
    } finally {
      await center.close();
    }
  });
});
