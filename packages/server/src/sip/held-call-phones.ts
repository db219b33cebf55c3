// Test support for the SIP crash and stop tests: sipp agent phones and a sipp trunk that hold their
// calls until the server hangs up (each side expects a BYE and answers 200), the server between
// them, the phones registered with digest and agents 1…calls logged in over REST on them. Both tests
// need the same established calls before they stop the server, each in its own way, and the same
// clean-up of every process they started.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explain, freePort, type SippOutcome, SippProcess } from '@switchboard/telephony/testing';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { phoneOf, SipServerProcess, writeSipConfig } from './sip-server-process.ts';

const SCENARIOS = join(import.meta.dirname, 'testdata');

export interface HeldCallSetup {
  readonly calls: number;
  /** Caller numbers are this prefix followed by 1…calls. */
  readonly callerPrefix: string;
  /** How long the sipp processes may run. */
  readonly timeoutMs: number;
}

export interface HeldCalls {
  /** The server's config file: a restart on the same data directory and SIP port starts from it. */
  readonly config: string;
  readonly server: SipServerProcess;
  readonly phones: SippProcess;
  readonly trunk: SippProcess;
}

/**
 * One test's data directory and every process it starts, each tracked as soon as it runs so that
 * close() (the test's after()) stops it even when a later step fails.
 */
export class HeldCallTest {
  readonly dir: string;
  readonly #peers: SippProcess[] = [];
  readonly #servers: SipServerProcess[] = [];

  constructor(dirPrefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), dirPrefix));
  }

  /** Starts phones, server, registration and logins, then the trunk's calls (established later). */
  async startCalls(setup: HeldCallSetup): Promise<HeldCalls> {
    const { calls, timeoutMs } = setup;
    const sipPort = await freePort();
    const config = writeSipConfig(this.dir, sipPort, calls);
    const sip = `127.0.0.1:${sipPort}`;
    const phones = await SippProcess.start({
      scenario: join(SCENARIOS, 'agent-phone-held.xml'),
      args: ['-m', String(calls), '-l', '10'],
      timeoutMs,
    });
    this.#peers.push(phones);
    const server = await this.startServer(config);
    const registered = await registerPhonesAndLogIn(server, sip, phones.port, calls);
    assert.equal(registered.successful, calls, explain('register', registered));
    const trunk = await SippProcess.start({
      scenario: join(SCENARIOS, 'trunk-held-call.xml'),
      remote: sip,
      injection: Array.from({ length: calls }, (_, i) => `${setup.callerPrefix}${i + 1}`),
      args: ['-s', '1000', '-m', String(calls), '-r', '10', '-l', String(calls)],
      timeoutMs,
    });
    this.#peers.push(trunk);
    return { config, server, phones, trunk };
  }

  /** A server process on this test's data directory (a first start or a restart). */
  async startServer(config: string): Promise<SipServerProcess> {
    const server = await SipServerProcess.start(config);
    this.#servers.push(server);
    return server;
  }

  /** Stops the servers (one after the other), then the sipp peers, and removes the directory. */
  async close(): Promise<void> {
    for (const s of this.#servers) await s.stop();
    await Promise.all(this.#peers.map((p) => p.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits for both sipp sides to finish: every call ended by a BYE on the trunk and on the phones. */
export async function assertBothSidesHungUp(
  held: Pick<HeldCalls, 'trunk' | 'phones'>,
  calls: number,
): Promise<void> {
  const [trunkOutcome, phoneOutcome] = await Promise.all([held.trunk.done, held.phones.done]);
  assert.deepEqual(
    [trunkOutcome.successful, trunkOutcome.failed],
    [calls, 0],
    explain('trunk', trunkOutcome),
  );
  assert.deepEqual(
    [phoneOutcome.successful, phoneOutcome.failed],
    [calls, 0],
    explain('phones', phoneOutcome),
  );
}

/** `count` phones (listening on `phonesPort`) register with digest; agents 1…count log in on them. */
async function registerPhonesAndLogIn(
  server: SipServerProcess,
  sip: string,
  phonesPort: number,
  count: number,
): Promise<SippOutcome> {
  const registration = await SippProcess.start({
    scenario: join(SCENARIOS, 'agent-register.xml'),
    remote: sip,
    injection: Array.from({ length: count }, (_, i) => {
      const { extension, password } = phoneOf(i + 1);
      return `${extension};[authentication username=${extension} password=${password}];127.0.0.1:${phonesPort}`;
    }),
    args: ['-m', String(count), '-r', '20'],
    timeoutMs: 20_000,
  });
  const registered = await registration.done;
  if (registered.successful !== count) return registered;
  for (let n = 1; n <= count; n++) {
    const token = await server.token(`agent${n}`, DEMO_PASSWORDS.agent);
    const login = await server.request('POST', `/api/v1/agents/agent${n}/login`, token, {
      extension: phoneOf(n).extension,
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
  }
  return registered;
}
