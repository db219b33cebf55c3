// The durable registrations on SQLite, where the write is synchronous: a phone the registrar answers
// 200 is already in the table (a second connection reads it before anything else runs), and a write
// that fails - refused by the checks or by the database - is logged and counted, never thrown into
// the registrar, whose phone stays registered in memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  computeDigestAuthorization,
  InMemorySipUserDirectory,
  parseSipMessage,
  RegistrationStore,
  SipRegistrar,
  type SipRequest,
} from '@switchboard/telephony/sip';
import { Persistence, SqliteDatabase } from '../persistence/index.ts';
import { DurableRegistrations } from './durable-registrations.ts';
import { captureLog, sampleClock, T0, udpBinding } from './registration-samples.ts';

const SOURCE = { transport: 'UDP', address: '198.51.100.7', port: 5062, connectionId: undefined } as const;

function register(cseq: number, authorization?: string): SipRequest {
  const lines = [
    'REGISTER sip:switchboard.test SIP/2.0',
    'Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK-r1;rport',
    'Max-Forwards: 70',
    'From: <sip:1001@switchboard.test>;tag=f1',
    'To: <sip:1001@switchboard.test>',
    'Call-ID: reg-1',
    `CSeq: ${cseq} REGISTER`,
    'Contact: <sip:1001@198.51.100.7:5062>',
    'Expires: 600',
    ...(authorization === undefined ? [] : [`Authorization: ${authorization}`]),
    'Content-Length: 0',
    '',
    '',
  ];
  const parsed = parseSipMessage(lines.join('\r\n'));
  if (!parsed.ok || parsed.value.kind !== 'request') throw new Error('bad test REGISTER');
  return parsed.value;
}

describe('DurableRegistrations on SQLite', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-registrations-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function open(name: string) {
    const db = new SqliteDatabase(join(dir, name));
    const persistence = await Persistence.open(db, { now: T0 });
    const clock = sampleClock();
    const store = new RegistrationStore(clock);
    const { log, errors } = captureLog();
    const durable = await DurableRegistrations.open(db, log, store);
    return { db, persistence, clock, store, durable, errors };
  }

  test('a phone answered 200 is committed already: another connection reads its binding at once', async () => {
    const { persistence, clock, store, durable } = await open('sync.db');
    const registrar = new SipRegistrar({
      clock,
      directory: new InMemorySipUserDirectory([['1001', { password: 'secret-1001' }]]),
      store,
      policy: { realm: 'switchboard.test', nonceSecret: 'test-secret' },
    });
    const challenge = registrar.handle(register(1), SOURCE);
    assert.equal(challenge.status, 401);
    const offered = challenge.headers.find((h) => h.name === 'WWW-Authenticate' && h.value.includes('MD5'));
    const auth = computeDigestAuthorization({
      challenge: offered!.value,
      method: 'REGISTER',
      uri: 'sip:switchboard.test',
      username: '1001',
      password: 'secret-1001',
      cnonce: 'c0ffee',
      nc: 1,
    });
    assert.ok(auth.ok);
    const reader = new SqliteDatabase(join(dir, 'sync.db'));
    const answer = registrar.handle(register(2, auth.value), SOURCE);
    assert.equal(answer.status, 200);
    // No await between the 200 and the read: the row must already be committed.
    const rows = reader.querySync('SELECT extension, contact, transport, expires_at FROM sip_registrations');
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        {
          extension: '1001',
          contact: '<sip:1001@198.51.100.7:5062>',
          transport: 'UDP',
          expires_at: T0 + 600_000,
        },
      ],
    );
    const body = JSON.parse(String(reader.querySync('SELECT body FROM sip_registrations')[0]!.body));
    assert.deepEqual([body.callId, body.cseq], ['reg-1', 2]);
    assert.equal(durable.backlog, 0);
    assert.equal(durable.failures, 0);
    await reader.close();
    await persistence.close();
  });

  test('a binding its checks refuse is counted and logged; the phone stays registered, its other bindings written', async () => {
    const { db, persistence, store, durable, errors } = await open('refused.db');
    store.put(udpBinding(1));
    const bad = udpBinding(1, {
      contact: { ...udpBinding(2).contact },
      callId: 'line\nbreak',
    });
    store.put(bad);
    assert.equal(durable.failures, 1);
    assert.match(errors[0]!.msg, /refused/);
    assert.match(JSON.stringify(errors[0]!.fields), /callId/);
    assert.deepEqual(store.contactsOf('1001'), [udpBinding(1), bad]);
    assert.deepEqual(
      db.querySync('SELECT extension, position FROM sip_registrations').map((r) => ({ ...r })),
      [{ extension: '1001', position: 0 }],
    );
    await persistence.close();
  });

  test('a write the database fails is counted and logged, never thrown into the registrar', async () => {
    const { db, persistence, store, durable, errors } = await open('failing.db');
    store.put(udpBinding(1));
    db.runSync([{ sql: 'DROP TABLE sip_registrations', params: [] }]);
    assert.doesNotThrow(() => store.put(udpBinding(2)));
    assert.doesNotThrow(() => store.removeAll('1001'));
    assert.equal(durable.failures, 2);
    assert.equal(errors.length, 2);
    assert.ok(store.isRegistered('1002'), 'the registration itself stands');
    await persistence.close();
  });

  test('after close() the store is no longer followed: a stop clears memory, the rows stay for the next start', async () => {
    const { db, persistence, store, durable } = await open('close.db');
    store.put(udpBinding(1));
    await durable.close();
    store.removeAll('1001');
    store.put(udpBinding(2));
    assert.deepEqual(
      db.querySync('SELECT extension FROM sip_registrations').map((r) => r.extension),
      ['1001'],
    );
    await persistence.close();
  });
});
