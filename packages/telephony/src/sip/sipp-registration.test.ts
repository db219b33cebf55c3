// Real phones: sipp registers agent phones with digest authentication over UDP and TCP against
// the whole stack on 127.0.0.1. Without sipp these tests fail (CI installs sip-tester).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { explain as explainSipp, requireSipp, type SippOutcome } from './b2bua/sipp-process.ts';
import { SipRegistrar } from './registrar.ts';
import { type RegistrationChange, RegistrationStore } from './registration-store.ts';
import { SystemSipClock } from './sip-clock.ts';
import { SipService } from './sip-service.ts';
import { runSipp, type SippPhone } from './sipp-runner.ts';
import { InMemorySipUserDirectory } from './sip-user-directory.ts';

const PHONES: SippPhone[] = ['2001', '2002', '2003', '2004', '2005'].map((extension) => ({
  extension,
  password: `pw-${extension}`,
}));

function explain(result: SippOutcome): string {
  return explainSipp('sipp', result);
}

describe('sipp phones register with digest over UDP and TCP', () => {
  const clock = new SystemSipClock();
  const store = new RegistrationStore(clock);
  const directory = new InMemorySipUserDirectory(PHONES.map((p) => [p.extension, { password: p.password }]));
  // sipp 3.6 answers only the first challenge and knows only MD5: MD5 goes first on UDP/TCP.
  const registrar = new SipRegistrar({
    clock,
    directory,
    store,
    policy: {
      realm: 'switchboard.test',
      nonceSecret: 'sipp-test',
      algorithms: { UDP: ['MD5', 'SHA-256'], TCP: ['MD5', 'SHA-256'], WS: ['SHA-256', 'MD5'] },
    },
  });
  const changes: RegistrationChange[] = [];
  store.onChange((c) => changes.push(c));
  let service: SipService;

  before(async () => {
    // No requireSipp() here: a failing hook only cancels the tests; each test fails by itself,
    // with the message that says what to install.
    service = await SipService.start({
      clock,
      registrar,
      listen: { address: '127.0.0.1', udpPort: 0, tcpPort: 0 },
    });
  });

  after(async () => {
    await service?.close();
    store.clear();
    clock.cancelAll();
  });

  test('five phones register over UDP, one of them with a second contact', async () => {
    requireSipp();
    const phones = [...PHONES, { ...PHONES[0]!, contactUser: '2001-desk' }];
    const result = await runSipp({
      scenario: 'register-digest.xml',
      remotePort: service.ports.udp!,
      transport: 'UDP',
      phones,
      calls: phones.length,
      rate: 20,
    });
    assert.equal(result.exitCode, 0, explain(result));
    assert.equal(result.successful, 6, explain(result));
    for (const p of PHONES) assert.ok(store.isRegistered(p.extension), `${p.extension} registered`);
    assert.deepEqual(
      store
        .contactsOf('2001')
        .map((b) => (b.contact.uri.kind === 'sip' ? b.contact.uri.user : ''))
        .sort(),
      ['2001', '2001-desk'],
    );
    assert.ok(store.contactsOf('2003').every((b) => b.source.transport === 'UDP'));
    assert.ok(changes.some((c) => c.kind === 'added' && c.extension === '2005'));
  });

  test('the same phones register over TCP; their bindings now name the TCP flow', async () => {
    requireSipp();
    const result = await runSipp({
      scenario: 'register-digest.xml',
      remotePort: service.ports.tcp!,
      transport: 'TCP',
      phones: PHONES,
      calls: PHONES.length,
      rate: 20,
    });
    assert.equal(result.exitCode, 0, explain(result));
    assert.equal(result.successful, 5, explain(result));
    for (const p of PHONES) {
      const tcp = store.contactsOf(p.extension).filter((b) => b.source.transport === 'TCP');
      assert.equal(tcp.length, 1, `${p.extension} has a TCP binding`);
      assert.ok(tcp[0]!.source.connectionId?.startsWith('tcp-'));
    }
  });

  test('a wrong password is answered 401 again and nothing is bound', async () => {
    requireSipp();
    const before = store.bindingCount;
    const result = await runSipp({
      scenario: 'register-digest-refused.xml',
      remotePort: service.ports.udp!,
      transport: 'UDP',
      phones: [{ extension: '2002', password: 'not-the-password', contactUser: 'intruder' }],
      calls: 1,
    });
    assert.equal(result.exitCode, 0, explain(result));
    assert.equal(result.successful, 1, explain(result));
    assert.equal(store.bindingCount, before);
  });

  test('an unknown user gets the same 401 again, over UDP and TCP', async () => {
    requireSipp();
    for (const transport of ['UDP', 'TCP'] as const) {
      const result = await runSipp({
        scenario: 'register-digest-refused.xml',
        remotePort: transport === 'UDP' ? service.ports.udp! : service.ports.tcp!,
        transport,
        phones: [{ extension: '9999', password: 'whatever' }],
        calls: 1,
      });
      assert.equal(result.exitCode, 0, `${transport}: ${explain(result)}`);
    }
    assert.equal(store.isRegistered('9999'), false);
  });
});
