// Test support for the SIP crash and stop tests: `count` sipp phones (already listening on
// `phonesPort` with a held-call scenario) register with digest to the server, and agents 1…count log
// in over REST with those phones' extensions.
import assert from 'node:assert/strict';
import { DEMO_PASSWORDS } from '../app/demo-seed.ts';
import { phoneOf, type SipServerProcess } from './sip-server-process.ts';
import { SippPeer, type SippOutcome } from './sipp-peer.ts';

export async function registerPhonesAndLogIn(
  server: SipServerProcess,
  sip: string,
  phonesPort: number,
  count: number,
): Promise<SippOutcome> {
  const registration = await SippPeer.start({
    scenario: 'agent-register.xml',
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
