// Orphaned calls and restarts: the in-dialog OPTIONS keepalive clears a call whose party vanished,
// and dialogs recorded in the store are ended with BYE on both legs by a restarted B2BUA. Also the
// trunk admission rules (source address, digest credentials, refusal).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeDigestAuthorization } from '../digest-client.ts';
import { headerValues, type SipResponse } from '../message.ts';
import { parseSipMessage } from '../parse-message.ts';
import type { SipSource } from '../sip-transport.ts';
import { agentIdOf, startCenter } from './b2bua-fixture.ts';
import { InMemoryDialogStore } from './dialog-store.ts';
import { scriptedCenter, until } from './scripted-center.ts';
import { TrunkDirectory } from './trunk-directory.ts';

describe('robustness', () => {
  test('a caller who vanished without BYE is cleared by the in-dialog OPTIONS keepalive (481)', async () => {
    const center = await scriptedCenter({ agents: 1, keepaliveMs: 200 });
    try {
      center.login(0);
      const answer = await center.trunk.call(center.port, '100', '0991234567');
      assert.equal(answer.status, 200);
      await until(() => center.trunk.requests('OPTIONS').length >= 1, 3_000, 'keepalive');
      // The trunk forgets the call: its next OPTIONS is answered 481 by our scripted peer below.
      center.trunk.gone = true;
      await until(
        () => center.phones[0]!.requests('BYE').length === 1,
        15_000,
        'agent BYE after keepalive failure',
      );
      await until(() => center.store.contactRecords.length === 1, 3_000, 'record');
      assert.equal(center.telephony.activeCalls, 0);
      assert.equal(center.engine.agentState(agentIdOf(0))?.name, 'Ready');
    } finally {
      await center.close();
    }
  });

  test('after a crash, a restarted B2BUA ends the recorded dialogs with a BYE to both legs', async () => {
    const store = new InMemoryDialogStore();
    const center = await scriptedCenter({ agents: 1 });
    try {
      center.login(0);
      const answer = await center.trunk.call(center.port, '100', '0991234567');
      assert.equal(answer.status, 200);
      await until(() => center.telephony.dialogStore.all().length === 2, 3_000, 'two legs recorded');
      for (const record of center.telephony.dialogStore.all()) store.save(record);
      assert.deepEqual(
        store
          .all()
          .map((r) => r.role)
          .sort(),
        ['agent', 'customer'],
      );
      // The "restart": a new B2BUA with an engine of its own, given the surviving records.
      const restarted = await startCenter({ agents: 1 });
      try {
        const report = await restarted.telephony.recoverDialogs(store.all());
        assert.equal(report.ended, 2);
        assert.equal(report.confirmed, 2, 'both parties answered the BYE 200');
        const trunkBye = center.trunk.requests('BYE')[0];
        const phoneBye = center.phones[0]!.requests('BYE')[0];
        assert.equal(trunkBye?.callId, answer.callId);
        assert.ok(phoneBye !== undefined);
        assert.ok(trunkBye.cseq.seq > 1, 'the BYE’s CSeq is above the recorded one');
        assert.equal(trunkBye.to.tag, answer.from.tag, 'in the caller’s dialog');
      } finally {
        await restarted.close();
      }
    } finally {
      await center.close();
    }
  });
});

describe('refusals by the engine', () => {
  test('a call the queue refuses at once (nobody logged in) is answered 480 with its Q.850 cause and recorded refused', async () => {
    const center = await scriptedCenter({ agents: 1, queue: { joinEmpty: 'no-logged-in' } });
    try {
      const final = await center.trunk.call(center.port, '100', '0991234567');
      assert.equal(final.status, 480);
      assert.equal(
        final.headers.find((h) => h.name === 'Reason')?.value,
        'Q.850;cause=20;text="No agents available"',
      );
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.store.contactRecords[0]?.outcome, 'refused');
      assert.equal(center.telephony.activeCalls, 0);
    } finally {
      await center.close();
    }
  });
});

describe('trunk admission', () => {
  const source = (address: string): SipSource => ({
    transport: 'UDP',
    address,
    port: 5060,
    connectionId: undefined,
  });
  const invite = (auth?: string) => {
    const text = [
      'INVITE sip:100@switchboard.test SIP/2.0',
      'Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK-t1',
      'From: <sip:0991234567@carrier.test>;tag=c1',
      'To: <sip:100@switchboard.test>',
      'Call-ID: trunk-1',
      'CSeq: 1 INVITE',
      'Max-Forwards: 70',
      ...(auth === undefined ? [] : [`Proxy-Authorization: ${auth}`]),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const parsed = parseSipMessage(text);
    assert.ok(parsed.ok && parsed.value.kind === 'request');
    return parsed.value;
  };

  test('a trunk is recognised by its source address; any other source is refused', () => {
    const trunks = new TrunkDirectory({ trunks: [{ id: 'carrier', addresses: ['203.0.113.9'] }] });
    assert.equal(trunks.admit(invite(), source('203.0.113.9'), Date.now()).kind, 'trunk');
    assert.equal(trunks.admit(invite(), source('198.51.100.1'), Date.now()).kind, 'refused');
  });

  test('a trunk with credentials is challenged with 407 and admitted with the right digest only', () => {
    const trunks = new TrunkDirectory({
      trunks: [{ id: 'carrier', credentials: { username: 'carrier', password: 's3cret' } }],
      realm: 'switchboard.test',
    });
    const now = Date.now();
    const first = trunks.admit(invite(), source('203.0.113.9'), now);
    assert.equal(first.kind, 'challenge');
    const challenge =
      first.kind === 'challenge' ? first.headers.find((h) => /MD5/.test(h.value))?.value : undefined;
    assert.ok(challenge);
    const answer = (password: string, nc: number) =>
      computeDigestAuthorization({
        challenge,
        method: 'INVITE',
        uri: 'sip:100@switchboard.test',
        username: 'carrier',
        password,
        cnonce: 'abc',
        nc,
      });
    const good = answer('s3cret', 1);
    assert.ok(good.ok);
    const admitted = trunks.admit(invite(good.value), source('203.0.113.9'), now);
    assert.equal(admitted.kind === 'trunk' ? admitted.trunk.id : admitted.kind, 'carrier');
    const bad = answer('guess', 2);
    assert.ok(bad.ok);
    assert.equal(trunks.admit(invite(bad.value), source('203.0.113.9'), now).kind, 'challenge');
  });

  test('an INVITE from a source that is no trunk gets 403 over the network', async () => {
    const center = await startCenter({
      agents: 1,
      trunks: [{ id: 'elsewhere', addresses: ['203.0.113.9'] }],
    });
    const { ScriptedUa } = await import('./scripted-ua.ts');
    const ua = await ScriptedUa.open('stranger');
    try {
      const final: SipResponse = await ua.call(center.port, '100', '0990000000');
      assert.equal(final.status, 403);
      assert.equal(center.store.contactRecords.length, 0);
      assert.deepEqual(headerValues(final, 'Proxy-Authenticate'), []);
    } finally {
      ua.close();
      await center.close();
    }
  });
});
