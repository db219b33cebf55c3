import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { changeOf, eventTypes, newInbound, outboundDialing, T0 } from './contact-fixtures.ts';
import { createInboundContact, createOutboundContact, type InboundContactInput } from './create.ts';

const inbound: InboundContactInput = {
  id: 'c1',
  customerNumber: '+33123456789',
  dialedNumber: '3000',
  at: T0,
};

function refusedInbound(patch: Partial<Record<keyof InboundContactInput, unknown>>, field: string): void {
  const result = createInboundContact({ ...inbound, ...patch } as InboundContactInput);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.error.code, 'invalid_argument');
    assert.equal(result.error.details.field, field);
  }
}

describe('creating an inbound contact', () => {
  test('a new inbound contact waits in the IVR: queued, no queue yet, customer leg up as caller', () => {
    const contact = newInbound();
    assert.equal(contact.phase, 'queued');
    assert.equal(contact.direction, 'inbound');
    assert.equal(contact.queueId, null);
    assert.equal(contact.queuedAt, null);
    assert.equal(contact.arrivedAt, T0);
    assert.equal(contact.priority, 0);
    assert.equal(contact.legs.length, 1);
    assert.deepEqual(contact.legs[0], {
      id: 'c1.L1',
      role: 'caller',
      party: { kind: 'customer', number: '+33123456789' },
      state: 'up',
      muted: false,
      startedAt: T0,
      endedAt: null,
    });
    assert.equal(contact.outcome, null);
    assert.equal(contact.endedAt, null);
    assert.equal(contact.recording, 'off');
  });

  test('creation announces the contact and its customer leg', () => {
    const change = changeOf(createInboundContact(inbound));
    assert.deepEqual(eventTypes(createInboundContact(inbound)), ['created', 'legAdded']);
    assert.deepEqual(change.events[0], {
      type: 'created',
      contactId: 'c1',
      at: T0,
      direction: 'inbound',
      customerNumber: '+33123456789',
      dialedNumber: '3000',
    });
  });

  test('trunk attached data keeps its order, and a repeated key keeps the first position with the last value', () => {
    const contact = newInbound([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
    assert.deepEqual(contact.attached, [
      ['a', '3'],
      ['b', '2'],
    ]);
  });

  test('a withheld caller number (empty or anonymous) is accepted', () => {
    assert.equal(createInboundContact({ ...inbound, customerNumber: '' }).ok, true);
    assert.equal(createInboundContact({ ...inbound, customerNumber: 'anonymous' }).ok, true);
  });

  test('priority is kept as given', () => {
    const change = changeOf(createInboundContact({ ...inbound, priority: 9999 }));
    assert.equal(change.contact.priority, 9999);
  });

  test('bad values are refused with invalid_argument naming the field', () => {
    refusedInbound({ id: '' }, 'id');
    refusedInbound({ id: 'x'.repeat(129) }, 'id');
    refusedInbound({ customerNumber: 'a\nb' }, 'customerNumber');
    refusedInbound({ dialedNumber: 42 }, 'dialedNumber');
    refusedInbound({ at: Number.NaN }, 'at');
    refusedInbound({ priority: 1.5 }, 'priority');
    refusedInbound({ priority: -1 }, 'priority');
    refusedInbound({ attached: [['', 'v']] }, 'attached key');
    refusedInbound({ attached: [['k', 7]] }, 'attached[k]');
    refusedInbound({ attached: [['k']] }, 'attached');
  });
});

describe('creating an outbound contact', () => {
  test('an agent dial starts offered: agent leg up, customer leg ringing as called, agent handling it', () => {
    const contact = outboundDialing();
    assert.equal(contact.direction, 'outbound');
    assert.equal(contact.phase, 'offered');
    assert.equal(contact.agentId, 'alice');
    assert.equal(contact.offeredTo, 'alice');
    assert.equal(contact.offeredAt, T0);
    assert.equal(contact.dialedNumber, '+4420123456');
    assert.deepEqual(
      contact.legs.map((leg) => [leg.id, leg.role, leg.state]),
      [
        ['o1.L1', 'called', 'ringing'],
        ['o1.L2', 'agent', 'up'],
      ],
    );
  });

  test('an outbound contact may count for a queue without waiting in it', () => {
    const change = changeOf(
      createOutboundContact({ id: 'o2', agentId: 'a', customerNumber: '100', at: T0, queueId: 'outbound' }),
    );
    assert.equal(change.contact.queueId, 'outbound');
    assert.equal(change.contact.queuedAt, null);
  });

  test('an outbound number must be dialable and the agent named', () => {
    for (const [patch, field] of [
      [{ customerNumber: 'abc' }, 'customerNumber'],
      [{ customerNumber: '' }, 'customerNumber'],
      [{ dialedNumber: '12 34' }, 'dialedNumber'],
      [{ agentId: '' }, 'agentId'],
      [{ queueId: '' }, 'queueId'],
    ] as const) {
      const result = createOutboundContact({
        id: 'o1',
        agentId: 'a',
        customerNumber: '100',
        at: T0,
        ...patch,
      });
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.details.field, field);
    }
  });
});
