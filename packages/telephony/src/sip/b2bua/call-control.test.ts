// Call control through the B2BUA with scripted user agents on real UDP sockets (the engine on the
// wall clock): hold and resume by re-INVITE, DTMF both ways, blind transfer to an extension,
// rejects and ring-no-answer, an agent's BYE ending the caller's leg.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import type { SipMessage, SipRequest } from '../message.ts';
import { agentIdOf } from './b2bua-fixture.ts';
import { scriptedCenter, until } from './scripted-center.ts';
import { directionOf, readOrigin } from './sdp-text.ts';

const text = (m: SipMessage) => new TextDecoder().decode(m.body);
const reinvites = (requests: SipRequest[]) => requests.filter((r) => r.to.tag !== undefined);

/** A trunk call answered by agent 0's phone; returns the center and the trunk's Call-ID. */
async function connected(options: Parameters<typeof scriptedCenter>[0] = { agents: 1 }) {
  const center = await scriptedCenter(options);
  center.login(0);
  const answer = await center.trunk.call(center.port, '100', '0991234567');
  assert.equal(answer.status, 200);
  await until(() => center.engine.agentState(agentIdOf(0))?.contactId != null);
  return { center, callId: answer.callId, answer };
}

describe('call control over SIP', () => {
  test('the caller gets the agent phone’s SDP in the 200 and the agent phone the caller’s offer', async () => {
    const { center, answer } = await connected();
    try {
      assert.match(text(answer), /m=audio 41000 /);
      const invite = center.phones[0]!.requests('INVITE')[0]!;
      assert.match(text(invite), /m=audio 42000 /);
      assert.match(text(invite), /telephone-event/);
    } finally {
      await center.close();
    }
  });

  test('hold re-INVITEs the caller sendonly with the same origin and a higher version; resume sendrecv', async () => {
    const { center, answer } = await connected();
    try {
      unwrap(center.engine.commands.hold(agentIdOf(0)));
      const hold = await center.trunk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'hold',
      );
      assert.equal(directionOf(text(hold)), 'sendonly');
      const first = readOrigin(text(answer))!;
      const held = readOrigin(text(hold))!;
      assert.equal(held.sessionId, first.sessionId);
      assert.equal(held.version, first.version + 1n);
      unwrap(center.engine.commands.resume(agentIdOf(0)));
      await until(() => reinvites(center.trunk.requests('INVITE')).length === 2, 3_000, 'resume');
      const resumed = reinvites(center.trunk.requests('INVITE'))[1]!;
      assert.equal(directionOf(text(resumed)), 'sendrecv');
      assert.equal(readOrigin(text(resumed))!.version, first.version + 2n);
    } finally {
      await center.close();
    }
  });

  test('DTMF: the engine’s digits reach the caller as INFO, the caller’s reach the agent phone and the engine', async () => {
    const { center, callId } = await connected();
    try {
      unwrap(center.engine.commands.dtmf(agentIdOf(0), '4#'));
      await until(() => center.trunk.requests('INFO').length === 2, 3_000, 'two INFOs');
      assert.deepEqual(
        center.trunk.requests('INFO').map((r) => text(r).match(/Signal=(.)/)?.[1]),
        ['4', '#'],
      );
      const reported: string[] = [];
      center.bus.subscribe((event) => {
        if (event.type !== 'contact.changed') return;
        for (const e of event.events) if (e.type === 'dtmf') reported.push(e.digits);
      });
      center.trunk.info(callId, center.port, 'Signal=7\r\nDuration=160\r\n');
      await until(() => center.phones[0]!.requests('INFO').length === 1, 3_000, 'relayed INFO');
      assert.match(text(center.phones[0]!.requests('INFO')[0]!), /Signal=7/);
      assert.deepEqual(reported, ['7'], 'the engine heard the caller’s digit');
    } finally {
      await center.close();
    }
  });

  test('the agent phone’s BYE ends the caller’s leg and the contact', async () => {
    const { center } = await connected();
    try {
      const phone = center.phones[0]!;
      phone.bye(phone.incomingCalls[0]!, center.port);
      await center.trunk.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'BYE');
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.telephony.activeCalls, 0);
    } finally {
      await center.close();
    }
  });

  test('the engine’s hangup of a connected call sends BYE to both legs', async () => {
    const { center } = await connected();
    try {
      unwrap(center.engine.commands.hangup(agentIdOf(0)));
      await center.trunk.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'caller BYE');
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'phone BYE');
      await until(() => center.telephony.dialogStore.all().length === 0);
    } finally {
      await center.close();
    }
  });

  test('a blind transfer to an extension rings it with the caller’s SDP and bridges it by re-INVITE', async () => {
    const { center, callId } = await connected();
    try {
      const desk = await center.addPhone('4001');
      unwrap(center.engine.commands.transfer(agentIdOf(0), { kind: 'extension', extension: '4001' }));
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'agent BYE');
      const invite = await desk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'desk INVITE',
      );
      assert.match(text(invite), /m=audio 42000 /);
      const bridge = await center.trunk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'bridging re-INVITE',
      );
      assert.match(text(bridge), new RegExp(`m=audio ${43_000 + 2} `));
      center.trunk.bye(callId, center.port);
      await desk.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'desk BYE');
      await until(() => center.store.contactRecords.length === 1);
      assert.equal(center.store.contactRecords[0]?.outcome, 'transferred');
    } finally {
      await center.close();
    }
  });

  test('a blind transfer to an external number goes out through the trunk and is bridged on answer', async () => {
    const { center, callId } = await connected();
    try {
      unwrap(center.engine.commands.transfer(agentIdOf(0), { kind: 'external', number: '0987654321' }));
      const out = await center.trunk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE' && m.callId !== callId,
        3_000,
        'INVITE through the trunk',
      );
      assert.ok(out.kind === 'request' && out.uri.kind === 'sip' && out.uri.user === '0987654321');
      assert.match(text(out), /m=audio 42000 /, 'the callee gets the caller’s SDP');
      await until(
        () => reinvites(center.trunk.requests('INVITE')).some((r) => r.callId === callId),
        3_000,
        'bridge',
      );
      center.trunk.bye(callId, center.port);
      await until(() => center.store.contactRecords.length === 1, 3_000, 'record');
      assert.equal(center.store.contactRecords[0]?.outcome, 'transferred');
      await until(
        () => center.trunk.requests('BYE').some((r) => r.callId === out.callId),
        3_000,
        'callee BYE',
      );
    } finally {
      await center.close();
    }
  });

  test('every contact of the extension rings; the first 200 wins and the other fork is cancelled', async () => {
    const center = await scriptedCenter({ agents: 1 });
    try {
      const second = await center.addPhone('3001');
      center.phones[0]!.mode = 'ring';
      center.login(0);
      const answered = center.trunk.call(center.port, '100', '0990000001');
      await until(
        () => second.requests('INVITE').length === 1 && center.phones[0]!.requests('INVITE').length === 1,
      );
      second.pickUp(second.incomingCalls[0]!, center.port);
      assert.equal((await answered).status, 200);
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'CANCEL', 3_000, 'CANCEL');
    } finally {
      await center.close();
    }
  });

  test('a phone answering 486 is a reject for the engine; the call goes to the next agent', async () => {
    const center = await scriptedCenter({ agents: 2 });
    try {
      center.phones[0]!.mode = 486;
      center.login(0);
      center.login(1);
      const answer = await center.trunk.call(center.port, '100', '0990000002');
      assert.equal(answer.status, 200);
      assert.ok(center.phones[0]!.requests('INVITE').length >= 1, 'the longest idle agent was rung first');
      assert.match(text(answer), /m=audio 41002 /);
      assert.equal(center.engine.agentState(agentIdOf(1))?.name, 'OnCall');
    } finally {
      await center.close();
    }
  });

  test('ring-no-answer: the engine’s ring timeout CANCELs the phone and the agent is paused', async () => {
    const center = await scriptedCenter({ agents: 1, queue: { ringTimeoutMs: 400 } });
    try {
      center.phones[0]!.mode = 'ring';
      center.login(0);
      void center.trunk.call(center.port, '100', '0990000003').catch(() => undefined);
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'CANCEL', 3_000, 'CANCEL');
      assert.equal(center.engine.agentState(agentIdOf(0))?.name, 'Paused');
    } finally {
      await center.close();
    }
  });
});
