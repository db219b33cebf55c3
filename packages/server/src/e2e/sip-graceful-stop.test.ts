// SIGTERM of the sip-mode server during established calls: the graceful stop ends every contact as
// 'interrupted' and, while SIP still runs, sends the BYE of both legs - the sipp trunk and phones,
// which hold their calls until the server hangs up, both receive it - before the transports close;
// the process exits 0 and leaves no dialog behind, so the next start has nothing to recover.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { SipServerProcess, until, writeSipConfig } from '../sip/sip-server-process.ts';
import { registerPhonesAndLogIn } from '../sip/held-call-phones.ts';
import { explain, freePort, SippPeer } from '../sip/sipp-peer.ts';

const CALLS = 2;
const dir = mkdtempSync(join(tmpdir(), 'sb-sip-stop-'));
const peers: SippPeer[] = [];
const servers: SipServerProcess[] = [];

after(async () => {
  for (const s of servers) await s.stop();
  await Promise.all(peers.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

test('SIGTERM during calls hangs up both legs of each before SIP closes, and records them interrupted', async () => {
  const sipPort = await freePort();
  const config = writeSipConfig(dir, sipPort, CALLS);
  const sip = `127.0.0.1:${sipPort}`;
  const phones = await SippPeer.start({
    scenario: 'agent-phone-held.xml',
    args: ['-m', String(CALLS), '-l', '10'],
    timeoutMs: 60_000,
  });
  peers.push(phones);
  const server = await SipServerProcess.start(config);
  servers.push(server);
  const registered = await registerPhonesAndLogIn(server, sip, phones.port, CALLS);
  assert.equal(registered.successful, CALLS);
  const trunk = await SippPeer.start({
    scenario: 'trunk-held-call.xml',
    remote: sip,
    injection: Array.from({ length: CALLS }, (_, i) => `09930000${i + 1}`),
    args: ['-s', '1000', '-m', String(CALLS), '-r', '10', '-l', String(CALLS)],
    timeoutMs: 60_000,
  });
  peers.push(trunk);
  await until('every call established', async () => (await server.sipHealth()).dialogs === 2 * CALLS, 20_000);

  assert.equal(await server.stop(), 0, 'SIGTERM exits 0');
  const [trunkOutcome, phoneOutcome] = await Promise.all([trunk.done, phones.done]);
  assert.deepEqual(
    [trunkOutcome.successful, trunkOutcome.failed],
    [CALLS, 0],
    explain('trunk', trunkOutcome),
  );
  assert.deepEqual(
    [phoneOutcome.successful, phoneOutcome.failed],
    [CALLS, 0],
    explain('phones', phoneOutcome),
  );

  const next = await SipServerProcess.start(config);
  servers.push(next);
  assert.deepEqual((await next.sipHealth()).recovery, { state: 'none' }, 'no dialog left to recover');
  const records = await next.records(await next.token('admin', DEMO_PASSWORDS.admin));
  assert.deepEqual(
    records.map((r) => r.outcome),
    Array(CALLS).fill('interrupted'),
  );
  assert.equal(await next.stop(), 0);
});
