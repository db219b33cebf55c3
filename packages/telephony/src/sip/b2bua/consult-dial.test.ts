// Consultation, its completion as transfer or as a three-party call, and outbound dialing in two
// steps, through the B2BUA with scripted user agents on real UDP (the engine on the wall clock).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '@switchboard/core';
import type { SipMessage, SipRequest } from '../message.ts';
import { agentIdOf } from './b2bua-fixture.ts';
import { scriptedCenter, until } from './scripted-center.ts';
import type { ScriptedUa } from './scripted-ua.ts';
import { directionOf } from './sdp-text.ts';

const text = (m: SipMessage) => new TextDecoder().decode(m.body);
const reinvites = (ua: ScriptedUa): SipRequest[] =>
  ua.requests('INVITE').filter((r) => r.to.tag !== undefined);
const media = (m: SipMessage) => /m=audio (\d+) /.exec(text(m))?.[1];

/** Agent 0 talks with a trunk caller; agent 1 is logged in (Ready) for the consultation. */
async function talking() {
  const center = await scriptedCenter({ agents: 2 });
  center.login(0);
  const answer = await center.trunk.call(center.port, '100', '0991234567');
  assert.equal(answer.status, 200);
  center.login(1);
  return { center, callId: answer.callId };
}

describe('consultation and outbound dialing over SIP', () => {
  test('a consultation holds the caller, rings the consulted phone with the agent’s SDP and re-points the agent on answer', async () => {
    const { center } = await talking();
    try {
      const [agentA, agentB] = center.phones as [ScriptedUa, ScriptedUa];
      unwrap(center.engine.commands.startConsult(agentIdOf(0), { kind: 'agent', agentId: agentIdOf(1) }));
      const hold = await center.trunk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'hold',
      );
      assert.equal(directionOf(text(hold)), 'sendonly');
      const ring = await agentB.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'consult INVITE',
      );
      assert.equal(media(ring), '41000', 'the consulted phone gets the consulting agent’s media');
      await until(() => reinvites(agentA).length === 1, 3_000, 'agent re-pointed');
      assert.equal(media(reinvites(agentA)[0]!), '41002');
      await until(() => center.engine.agentState(agentIdOf(1))?.name === 'OnCall', 3_000, 'consult answered');
      // Completed as a transfer: A leaves, the caller and B get each other's media.
      unwrap(center.engine.commands.completeConsultTransfer(agentIdOf(0)));
      await agentA.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'A released');
      await until(() => reinvites(center.trunk).length === 2, 3_000, 'caller bridged to B');
      assert.equal(media(reinvites(center.trunk)[1]!), '41002');
      assert.equal(directionOf(text(reinvites(center.trunk)[1]!)), 'sendrecv');
      await until(() => reinvites(agentB).length === 1, 3_000, 'B re-pointed');
      assert.equal(media(reinvites(agentB)[0]!), '42000');
      // B hangs up: the caller's leg ends and the contact is done.
      agentB.bye(agentB.incomingCalls[0]!, center.port);
      await center.trunk.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'caller BYE');
      await until(() => center.store.contactRecords.length === 1, 3_000, 'record');
      assert.deepEqual(center.store.contactRecords[0]?.agents, [agentIdOf(0), agentIdOf(1)]);
    } finally {
      await center.close();
    }
  });

  test('a consultation ended by the agent hangs up the consulted phone and re-points the agent to the caller', async () => {
    const { center } = await talking();
    try {
      const [agentA, agentB] = center.phones as [ScriptedUa, ScriptedUa];
      unwrap(center.engine.commands.startConsult(agentIdOf(0), { kind: 'agent', agentId: agentIdOf(1) }));
      await until(() => center.engine.agentState(agentIdOf(1))?.name === 'OnCall', 3_000, 'consult answered');
      unwrap(center.engine.commands.retrieveConsult(agentIdOf(0)));
      await agentB.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'B released');
      await until(() => reinvites(agentA).length === 2, 3_000, 'A back on the caller');
      assert.equal(media(reinvites(agentA)[1]!), '42000');
      await until(() => reinvites(center.trunk).length === 2, 3_000, 'caller resumed');
      assert.equal(directionOf(text(reinvites(center.trunk)[1]!)), 'sendrecv');
    } finally {
      await center.close();
    }
  });

  test('a three-party conference keeps the consulted leg; when the host hangs up the other agent takes the caller', async () => {
    const { center } = await talking();
    try {
      const [agentA, agentB] = center.phones as [ScriptedUa, ScriptedUa];
      unwrap(center.engine.commands.startConsult(agentIdOf(0), { kind: 'agent', agentId: agentIdOf(1) }));
      await until(() => center.engine.agentState(agentIdOf(1))?.name === 'OnCall', 3_000, 'consult answered');
      unwrap(center.engine.commands.completeConsultConference(agentIdOf(0)));
      await until(() => reinvites(center.trunk).length === 2, 3_000, 'caller off hold');
      agentA.bye(agentA.incomingCalls[0]!, center.port);
      await until(() => reinvites(center.trunk).length === 3, 3_000, 'caller bridged to B');
      assert.equal(media(reinvites(center.trunk)[2]!), '41002');
      assert.equal(agentB.requests('BYE').length, 0, 'B stays in the call');
      assert.equal(center.engine.agentState(agentIdOf(1))?.name, 'OnCall');
      assert.equal(center.telephony.activeCalls, 1);
    } finally {
      await center.close();
    }
  });

  test('an outbound dial rings the agent first, then calls the number through the trunk with the caller id', async () => {
    const center = await scriptedCenter({ agents: 1 });
    try {
      center.login(0);
      const contactId = unwrap(
        center.engine.commands.dial(agentIdOf(0), '0987654321', { callerId: '0211234567' }),
      );
      const agentInvite = await center.phones[0]!.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'agent INVITE',
      );
      assert.equal(
        directionOf(text(agentInvite)),
        'inactive',
        'a placeholder offer until the callee answers',
      );
      const out = await center.trunk.waitFor(
        (m) => m.kind === 'request' && m.method === 'INVITE',
        3_000,
        'trunk INVITE',
      );
      assert.ok(out.kind === 'request' && out.uri.kind === 'sip' && out.uri.user === '0987654321');
      assert.match(out.headers.find((h) => h.name === 'From')?.value ?? '', /sip:0211234567@/);
      assert.equal(media(out), '41000', 'the callee gets the agent phone’s media');
      await until(() => reinvites(center.phones[0]!).length === 1, 3_000, 'agent re-pointed');
      assert.equal(media(reinvites(center.phones[0]!)[0]!), '42000');
      await until(() => center.engine.contact(contactId)?.phase === 'connected', 3_000, 'dial answered');
      // The callee hangs up: the agent's leg ends too.
      const callee = center.trunk;
      const sent = callee.requests('INVITE')[0]!;
      callee.bye(sent.callId, center.port);
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'agent BYE');
      await until(() => center.store.contactRecords.length === 1, 3_000, 'record');
    } finally {
      await center.close();
    }
  });

  test('a dial the callee refuses with 486 ends with the agent’s leg released', async () => {
    const center = await scriptedCenter({ agents: 1 });
    try {
      center.login(0);
      center.trunk.mode = 486;
      unwrap(center.engine.commands.dial(agentIdOf(0), '0987654321'));
      await center.phones[0]!.waitFor((m) => m.kind === 'request' && m.method === 'BYE', 3_000, 'agent BYE');
      await until(() => center.store.contactRecords.length === 1, 3_000, 'record');
      assert.equal(center.store.contactRecords[0]?.outcome, 'refused');
      assert.equal(center.engine.agentState(agentIdOf(0))?.name, 'Ready');
    } finally {
      await center.close();
    }
  });
});
