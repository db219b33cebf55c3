// The server in sip mode, in process: SIP listens on UDP and TCP and, on the HTTP port, at /sip over
// WebSocket; /health shows the SIP component; a phone registers with digest over that WebSocket; the
// login rule admits an agent only on a registered extension; the simulated switch and its demo
// traffic are refused with a clear error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SwitchboardError, unwrap } from '@switchboard/core';
import {
  computeDigestAuthorization,
  headerValues,
  parseSipMessage,
  type SipResponse,
  selectDigestChallenge,
} from '@switchboard/telephony/sip';
import { WebSocket } from 'ws';
import { type App, createApp } from '../app/create-app.ts';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { loadSettings } from '../config/load-settings.ts';

const CHEAP = { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 };
let dir = '';
let app: App;
let base = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-sip-app-'));
  const settings = unwrap(
    loadSettings(
      {
        data: { dir },
        http: { port: 0 },
        log: { level: 'error' },
        telephony: { kind: 'sip' },
        sip: {
          udpPort: 0,
          tcpPort: 0,
          realm: 'sip-app.test',
          trunks: [{ id: 'loopback', addresses: ['127.0.0.1'] }],
          phones: [
            { extension: '1001', password: 'pw-1001' },
            { extension: '1002', password: 'pw-1002' },
          ],
        },
      },
      {},
    ),
  );
  app = await createApp({ settings, scryptParams: CHEAP, logWrite: () => {} });
  const { port } = await app.listen();
  base = `127.0.0.1:${port}`;
});

after(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  readonly accessToken?: string;
  readonly state?: { readonly name: string };
  readonly error?: { readonly code: string; readonly message: string; readonly details: unknown };
}

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`http://${base}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

async function tokenOf(username: string, password: string): Promise<string> {
  const answer = await call('POST', '/api/v1/auth/login', null, { username, password });
  assert.equal(answer.status, 200);
  return answer.body.accessToken!;
}

/** A browser-like phone: SIP over WebSocket to /sip on the HTTP port, one request at a time. */
async function wsPhone(): Promise<{ send(text: string): Promise<SipResponse>; close(): void }> {
  const socket = new WebSocket(`ws://${base}/sip`, 'sip');
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  assert.equal(socket.protocol, 'sip');
  return {
    send: (text) =>
      new Promise((resolve, reject) => {
        socket.once('message', (data: Buffer) => {
          const parsed = parseSipMessage(data.toString('utf8'));
          if (parsed.ok && parsed.value.kind === 'response') resolve(parsed.value);
          else reject(new Error(`not a SIP response: ${data.toString('utf8').slice(0, 200)}`));
        });
        socket.send(text);
      }),
    close: () => socket.close(),
  };
}

function register(extension: string, cseq: number, expires: number, authorization?: string): string {
  return [
    'REGISTER sip:sip-app.test SIP/2.0',
    `Via: SIP/2.0/WS phone.invalid;branch=z9hG4bK-${extension}-${cseq}`,
    `From: <sip:${extension}@sip-app.test>;tag=ph-${extension}`,
    `To: <sip:${extension}@sip-app.test>`,
    `Call-ID: reg-${extension}@phone.invalid`,
    `CSeq: ${cseq} REGISTER`,
    `Contact: <sip:${extension}@phone.invalid;transport=ws>`,
    'Max-Forwards: 70',
    `Expires: ${expires}`,
    ...(authorization === undefined ? [] : [`Authorization: ${authorization}`]),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

async function health(): Promise<{ status: string; components: Record<string, Record<string, unknown>> }> {
  const res = await fetch(`http://${base}/health`);
  assert.equal(res.status, 200);
  return (await res.json()) as never;
}

test('in sip mode /health shows the SIP component with its bound ports and no registration yet', async () => {
  const report = await health();
  assert.equal(report.components.telephony!.kind, 'sip');
  const sip = report.components.sip!;
  assert.equal(sip.status, 'ok');
  assert.ok((sip.udpPort as number) > 0 && (sip.tcpPort as number) > 0);
  assert.equal(sip.websocket, '/sip');
  assert.equal(sip.registrations, 0);
  assert.equal(sip.phones, 2);
  assert.equal(sip.trunks, 1);
  assert.equal(sip.dialogs, 0);
});

test('an agent logs in only with the extension of a phone registered right now', async () => {
  const agent = await tokenOf('agent1', DEMO_PASSWORDS.agent);
  const refused = await call('POST', '/api/v1/agents/agent1/login', agent, { extension: '1001' });
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body.error, {
    code: 'conflict',
    message: 'extension 1001 has no registered phone: register the phone, then log in',
    details: { extension: '1001', reason: 'not_registered' },
  });
  const noPhone = await call('POST', '/api/v1/agents/agent1/login', agent, {});
  assert.equal(noPhone.status, 409);
  assert.deepEqual(noPhone.body.error?.details, {
    extension: null,
    reason: 'not_registered',
  });
  const state = await call('GET', '/api/v1/agents/agent1/state', agent);
  assert.equal(state.body.state?.name, 'LoggedOut', 'a refused login changes nothing');

  // The phone registers over SIP on WebSocket (/sip on the HTTP port) with a digest.
  const phone = await wsPhone();
  const challenge = await phone.send(register('1001', 1, 600));
  assert.equal(challenge.status, 401);
  const chosen = selectDigestChallenge(headerValues(challenge, 'WWW-Authenticate'));
  assert.ok(chosen !== undefined);
  const auth = (nc: number) =>
    unwrap(
      computeDigestAuthorization({
        challenge: chosen,
        method: 'REGISTER',
        uri: 'sip:sip-app.test',
        username: '1001',
        password: 'pw-1001',
        cnonce: `cn${nc}`,
        nc,
      }),
    );
  assert.equal((await phone.send(register('1001', 2, 600, auth(1)))).status, 200);
  const sip = (await health()).components.sip!;
  assert.deepEqual([sip.registeredExtensions, sip.registrations], [1, 1]);

  const loggedIn = await call('POST', '/api/v1/agents/agent1/login', agent, { extension: '1001' });
  assert.equal(loggedIn.status, 200, JSON.stringify(loggedIn.body));
  assert.equal(loggedIn.body.state?.name, 'Ready');

  // Unregistered, the phone no longer admits a login (agent1 stays: that is the engine's business).
  assert.equal((await phone.send(register('1001', 3, 0, auth(2)))).status, 200);
  const agent2 = await tokenOf('agent2', DEMO_PASSWORDS.agent);
  const after = await call('POST', '/api/v1/agents/agent2/login', agent2, { extension: '1001' });
  assert.equal(after.status, 409);
  assert.equal(after.body.error?.code, 'conflict');
  // A logged-in agent is not checked: it gets the engine's own answer.
  const again = await call('POST', '/api/v1/agents/agent1/login', agent, { extension: '1001' });
  assert.equal(again.body.error?.code, 'transition_not_allowed');
  phone.close();
});

test('the simulated switch and its demo traffic are refused in sip mode with a conflict', () => {
  assert.throws(
    () => app.startDemoTraffic(),
    (e: unknown) => e instanceof SwitchboardError && e.code === 'conflict' && /trunks/.test(e.message),
  );
  assert.throws(() => app.telephony, /no simulated switch/);
  assert.ok(app.sip !== null);
});
