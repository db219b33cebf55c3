// The real server in sip mode with real peers, all on 127.0.0.1: `switchboard start` as a child
// process (temp data dir, config file, demo contact center), sipp agent phones registering with
// digest, agents logging in over REST with their extensions (an unregistered one is refused), sipp
// trunk calls to the sales line answered by the agent phones, agents ending their wrap-ups over REST,
// and one answered contact record per call.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { explain, freePort, SippProcess } from '@switchboard/telephony/testing';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { phoneOf, SipServerProcess, until, writeSipConfig } from '../sip/sip-server-process.ts';

const REGISTERED = 4;
const CALLS = 6;
const dir = mkdtempSync(join(tmpdir(), 'sb-sip-calls-'));
const SCENARIOS = join(import.meta.dirname, '..', 'sip', 'testdata');
const peers: SippProcess[] = [];
let server: SipServerProcess | undefined;

after(async () => {
  await server?.stop();
  await Promise.all(peers.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

interface StateView {
  readonly state: { readonly name: string; readonly reason: string | null };
}

test('sipp phones register with digest, agents log in on them over REST, trunk calls are answered and recorded', async () => {
  const sipPort = await freePort();
  const phones = await SippProcess.start({
    scenario: join(SCENARIOS, 'agent-phone.xml'),
    args: ['-l', '50'],
    timeoutMs: 120_000,
  });
  peers.push(phones);
  server = await SipServerProcess.start(writeSipConfig(dir, sipPort, REGISTERED + 1));
  const sip = `127.0.0.1:${sipPort}`;

  // Phones 1001-1004 register (REGISTER, 401, REGISTER with an MD5 digest, 200); 1005 does not.
  const registration = await SippProcess.start({
    scenario: join(SCENARIOS, 'agent-register.xml'),
    remote: sip,
    injection: Array.from({ length: REGISTERED }, (_, i) => {
      const { extension, password } = phoneOf(i + 1);
      return `${extension};[authentication username=${extension} password=${password}];127.0.0.1:${phones.port}`;
    }),
    args: ['-m', String(REGISTERED), '-r', '20'],
    timeoutMs: 20_000,
  });
  const registered = await registration.done;
  assert.equal(registered.successful, REGISTERED, explain('register', registered));
  const health = await server.sipHealth();
  assert.deepEqual(
    [health.registeredExtensions, health.udpPort, health.tcpPort],
    [REGISTERED, sipPort, sipPort],
  );

  // Each agent logs in with its own user and its phone's extension; agent5's phone is not registered.
  const tokens = new Map<string, string>();
  for (let n = 1; n <= REGISTERED + 1; n++)
    tokens.set(`agent${n}`, await server.token(`agent${n}`, DEMO_PASSWORDS.agent));
  for (let n = 1; n <= REGISTERED; n++) {
    const login = await server.request('POST', `/api/v1/agents/agent${n}/login`, tokens.get(`agent${n}`)!, {
      extension: phoneOf(n).extension,
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal((login.body as StateView).state.name, 'Ready');
  }
  const refused = await server.request('POST', '/api/v1/agents/agent5/login', tokens.get('agent5')!, {
    extension: phoneOf(5).extension,
  });
  assert.equal(refused.status, 409);
  assert.deepEqual((refused.body as { error: { code: string; details: unknown } }).error.code, 'conflict');
  assert.deepEqual((refused.body as { error: { details: unknown } }).error.details, {
    extension: '1005',
    reason: 'not_registered',
  });

  // Six customers call the sales line (1000) at once: four agents answer, two wait (hearing 180)
  // until an agent ends its wrap-up.
  const callers = Array.from({ length: CALLS }, (_, i) => `09910000${i + 1}`);
  const trunk = await SippProcess.start({
    scenario: join(SCENARIOS, 'trunk-call.xml'),
    remote: sip,
    injection: callers,
    args: ['-s', '1000', '-d', '1000', '-m', String(CALLS), '-r', '10', '-l', String(CALLS)],
    timeoutMs: 90_000,
  });
  peers.push(trunk);
  const agentIds = Array.from({ length: REGISTERED }, (_, i) => `agent${i + 1}`);
  const endWrapups = async (): Promise<boolean> => {
    let allReady = true;
    for (const id of agentIds) {
      const token = tokens.get(id)!;
      const view = await server!.get<StateView>(`/api/v1/agents/${id}/state`, token);
      if (view.state.name === 'Wrapup')
        await server!.request('POST', `/api/v1/agents/${id}/endWrapup`, token, {});
      if (view.state.name !== 'Ready') allReady = false;
    }
    return allReady;
  };
  let trunkDone = false;
  const called = trunk.done.then((outcome) => {
    trunkDone = true;
    return outcome;
  });
  await until('every trunk call completed', async () => (await endWrapups()) && trunkDone, 60_000);
  const outcome = await called;
  assert.equal(outcome.successful, CALLS, explain('trunk', outcome));
  assert.equal(outcome.failed, 0, explain('trunk', outcome));

  const admin = await server.token('admin', DEMO_PASSWORDS.admin);
  const records = (await server.records(admin)) as {
    contactId: string;
    outcome: string;
    queueId: string | null;
    agentId: string | null;
    customerNumber: string;
  }[];
  assert.equal(records.length, CALLS, 'one record per call');
  assert.deepEqual(
    records.map((r) => r.outcome),
    Array(CALLS).fill('answered'),
  );
  assert.deepEqual(records.map((r) => r.customerNumber).sort(), [...callers].sort());
  for (const r of records) {
    assert.equal(r.queueId, 'sales');
    assert.ok(agentIds.includes(r.agentId!), `answered by a logged-in agent (${r.agentId})`);
  }
  assert.equal(new Set(records.map((r) => r.contactId)).size, CALLS);

  const phoneCalls = await phones.stop();
  assert.equal(phoneCalls.failed, 0, explain('phones', phoneCalls));
  assert.equal(phoneCalls.successful, CALLS, explain('phones', phoneCalls));
  await until(
    'no call or dialog left',
    async () => {
      const h = await server!.sipHealth();
      return h.activeCalls === 0 && h.dialogs === 0;
    },
    5_000,
  );
  assert.equal(await server.stop(), 0, 'SIGTERM stops the sip-mode server cleanly');
  server = undefined;
});
