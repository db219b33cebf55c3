// A browser softphone's SIP stack, JsSIP, registering over WebSocket (RFC 7118) to the registrar
// attached to an HTTP server's /sip path. JsSIP runs in Node on the platform's own WebSocket
// (Node 24 has one), through JsSIP's WebSocketInterface exactly as in a browser.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import JsSIP from 'jssip';
import { SipRegistrar } from './registrar.ts';
import { RegistrationStore } from './registration-store.ts';
import { SystemSipClock } from './sip-clock.ts';
import { SipService } from './sip-service.ts';
import { InMemorySipUserDirectory } from './sip-user-directory.ts';

type Outcome = { readonly event: 'registered' } | { readonly event: 'failed'; readonly cause: string };

describe('JsSIP registers over WebSocket on the HTTP port', () => {
  const clock = new SystemSipClock();
  const store = new RegistrationStore(clock);
  const directory = new InMemorySipUserDirectory([['1001', { password: 'browser-pw' }]]);
  // Default policy: SHA-256 then MD5. JsSIP keeps the last challenge (MD5), which it answers.
  const registrar = new SipRegistrar({
    clock,
    directory,
    store,
    policy: { realm: 'switchboard.test', nonceSecret: 'k' },
  });
  let http: Server;
  let service: SipService;
  let url = '';

  before(async () => {
    http = createServer((_req, res) => res.end('switchboard'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sip`;
    service = await SipService.start({
      clock,
      registrar,
      listen: { address: '127.0.0.1', udpPort: false, tcpPort: false, ws: { server: http, path: '/sip' } },
    });
  });

  after(async () => {
    await service.close();
    store.clear();
    clock.cancelAll();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  function startUa(password: string): { ua: JsSIP.UA; outcome: Promise<Outcome> } {
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(url)],
      uri: 'sip:1001@switchboard.test',
      password,
      register: true,
      connection_recovery_min_interval: 60,
      connection_recovery_max_interval: 60,
    });
    const outcome = new Promise<Outcome>((resolve) => {
      ua.on('registered', () => resolve({ event: 'registered' }));
      ua.on('registrationFailed', (e) => resolve({ event: 'failed', cause: String(e.cause) }));
    });
    ua.start();
    return { ua, outcome };
  }

  function stop(ua: JsSIP.UA): Promise<void> {
    return new Promise((resolve) => {
      ua.on('disconnected', () => resolve());
      ua.stop();
      setTimeout(resolve, 2_000);
    });
  }

  test('JsSIP registers with digest; the binding keeps its WebSocket flow; unregistering removes it', async () => {
    const { ua, outcome } = startUa('browser-pw');
    try {
      assert.deepEqual(await outcome, { event: 'registered' });
      const [binding] = store.contactsOf('1001');
      assert.equal(binding?.source.transport, 'WS');
      assert.ok(binding?.source.connectionId?.startsWith('ws-'));
      assert.ok(binding?.contact.uri.kind === 'sip' && binding.contact.uri.host.endsWith('.invalid'));
      assert.match(binding?.userAgent ?? '', /JsSIP/);
      const unregistered = new Promise<void>((resolve) => ua.on('unregistered', () => resolve()));
      ua.unregister();
      await unregistered;
      assert.equal(store.isRegistered('1001'), false);
    } finally {
      await stop(ua);
    }
  });

  test('JsSIP with a wrong password fails with an authentication error and nothing is bound', async () => {
    const { ua, outcome } = startUa('wrong');
    try {
      assert.deepEqual(await outcome, { event: 'failed', cause: JsSIP.C.causes.AUTHENTICATION_ERROR });
      assert.equal(store.isRegistered('1001'), false);
    } finally {
      await stop(ua);
    }
  });
});
