// Registrations survive kill -9: a sipp phone registers with digest on the sip-mode server (a child
// process), the server is killed with SIGKILL and started again on the same data directory and SIP
// port, and - without the phone registering again - its agent logs in with it over REST and a sipp
// trunk call to the sales line rings it, is answered and completes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { explain, freePort, SippProcess } from '@switchboard/telephony/testing';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { phoneOf, SipServerProcess, until, writeSipConfig } from '../sip/sip-server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-sip-reg-restart-'));
const SCENARIOS = join(import.meta.dirname, '..', 'sip', 'testdata');
const peers: SippProcess[] = [];
const servers: SipServerProcess[] = [];

after(async () => {
  for (const s of servers) await s.stop();
  await Promise.all(peers.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

interface StateView {
  readonly state: { readonly name: string; readonly reason: string | null };
}

test('after kill -9 the restarted server still knows the registered phone: its agent logs in and a call rings it, with no new REGISTER', async () => {
  const sipPort = await freePort();
  const sip = `127.0.0.1:${sipPort}`;
  const config = writeSipConfig(dir, sipPort, 2);
  // The phone: answers one call (INVITE, 180, 200, ACK, BYE from the trunk's hang-up, 200).
  const phone = await SippProcess.start({
    scenario: join(SCENARIOS, 'agent-phone.xml'),
    args: ['-m', '1'],
    timeoutMs: 90_000,
  });
  peers.push(phone);
  const first = await SipServerProcess.start(config);
  servers.push(first);

  // Phone 1001 registers once (REGISTER, 401, REGISTER with an MD5 digest, 200) - and never again.
  const { extension, password } = phoneOf(1);
  const registration = await SippProcess.start({
    scenario: join(SCENARIOS, 'agent-register.xml'),
    remote: sip,
    injection: [
      `${extension};[authentication username=${extension} password=${password}];127.0.0.1:${phone.port}`,
    ],
    args: ['-m', '1'],
    timeoutMs: 20_000,
  });
  const registered = await registration.done;
  assert.equal(registered.successful, 1, explain('register', registered));
  assert.equal((await first.sipHealth()).registeredExtensions, 1);

  await first.kill();

  const second = await SipServerProcess.start(config);
  servers.push(second);
  const health = await second.sipHealth();
  assert.equal(health.status, 'ok');
  assert.deepEqual(
    [health.registeredExtensions, health.registrations, health.registrationWriteFailures],
    [1, 1, 0],
  );
  assert.deepEqual(health.restoredRegistrations, {
    restored: 1,
    extensions: 1,
    connectionBound: 0,
    expired: 0,
    corrupt: 0,
  });
  assert.ok(
    second.logs.some((l) => l.msg === 'phone registrations restored from the database'),
    'the restore is logged',
  );
  // agent2's phone never registered: still refused, so the restore did not invent registrations.
  const refused = await second.request(
    'POST',
    '/api/v1/agents/agent2/login',
    await second.token('agent2', DEMO_PASSWORDS.agent),
    { extension: phoneOf(2).extension },
  );
  assert.equal(refused.status, 409, JSON.stringify(refused.body));

  const token = await second.token('agent1', DEMO_PASSWORDS.agent);
  const login = await second.request('POST', '/api/v1/agents/agent1/login', token, { extension });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal((login.body as StateView).state.name, 'Ready');

  // A customer calls the sales line: the call rings the restored phone, which answers it.
  const trunk = await SippProcess.start({
    scenario: join(SCENARIOS, 'trunk-call.xml'),
    remote: sip,
    injection: ['099300001'],
    args: ['-s', '1000', '-d', '500', '-m', '1'],
    timeoutMs: 60_000,
  });
  peers.push(trunk);
  const called = await trunk.done;
  assert.deepEqual([called.successful, called.failed], [1, 0], explain('trunk', called));
  const answered = await phone.done;
  assert.deepEqual([answered.successful, answered.failed], [1, 0], explain('phone', answered));

  const admin = await second.token('admin', DEMO_PASSWORDS.admin);
  await until('the call is recorded', async () => (await second.records(admin)).length === 1, 10_000);
  const [record] = await second.records(admin);
  assert.deepEqual([record!.outcome, record!.agentId], ['answered', 'agent1']);
  assert.equal(await second.stop(), 0);
});
