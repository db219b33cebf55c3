import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertRefused,
  changeOf,
  connected,
  consulting,
  eventTypes,
  must,
  offered,
  outboundDialing,
  queued,
  T0,
  wrapup,
} from './contact-fixtures.ts';
import { agentHangup, customerHangup, type EndOutcome, endContact, finishContactWrapup } from './hangup.ts';
import { connectContact } from './queueing.ts';
import { startRecording } from './recording.ts';
import { blindTransfer } from './transfer.ts';

const END = T0 + 60_000;

describe('customer hangup', () => {
  test('a customer hangup while connected ends every leg and moves to wrapup when the queue has wrap-up', () => {
    const result = customerHangup(connected(), { at: END, wrapup: true });
    const contact = must(result);
    assert.equal(contact.phase, 'wrapup');
    assert.equal(contact.wrapupAt, END);
    assert.equal(contact.endedAt, null);
    assert.equal(contact.outcome, null);
    assert.equal(contact.agentId, 'alice');
    assert.ok(contact.legs.every((leg) => leg.state === 'ended' && leg.endedAt === END));
    assert.deepEqual(eventTypes(result), ['legStateChanged', 'legStateChanged', 'phaseChanged']);
  });

  test('a customer hangup while connected is done and answered when the queue has no wrap-up', () => {
    const result = customerHangup(connected(), { at: END, wrapup: false });
    const contact = must(result);
    assert.equal(contact.phase, 'done');
    assert.equal(contact.outcome, 'answered');
    assert.equal(contact.endedAt, END);
    assert.deepEqual(eventTypes(result).slice(-2), ['phaseChanged', 'ended']);
  });

  test('a customer hangup while queued is an abandon', () => {
    const contact = must(customerHangup(queued(), { at: END, wrapup: true }));
    assert.equal(contact.phase, 'done');
    assert.equal(contact.outcome, 'abandoned');
  });

  test('a customer hangup while offered is an abandon and stops the agent ringing', () => {
    const contact = must(customerHangup(offered(), { at: END, wrapup: true }));
    assert.equal(contact.outcome, 'abandoned');
    assert.equal(contact.legs[1]?.state, 'ended');
  });

  test('outbound, the customer hanging up while their phone rings is a refusal, not an abandon', () => {
    const contact = must(customerHangup(outboundDialing(), { at: END, wrapup: true }));
    assert.equal(contact.outcome, 'refused');
    assert.ok(contact.legs.every((leg) => leg.state === 'ended'));
  });

  test('a hangup turns recording off and says so', () => {
    const recording = must(startRecording(connected(), { at: T0 + 4000 }));
    const result = customerHangup(recording, { at: END, wrapup: true });
    assert.equal(must(result).recording, 'off');
    assert.ok(eventTypes(result).includes('recordingChanged'));
  });

  test('a customer hangup during a consultation ends the consulted leg and the consultation too', () => {
    const result = customerHangup(consulting(), { at: END, wrapup: true });
    const contact = must(result);
    assert.equal(contact.consult, null);
    assert.equal(contact.onHold, false);
    assert.ok(contact.legs.every((leg) => leg.state === 'ended'));
    const ended = changeOf(result).events.find((event) => event.type === 'consultEnded');
    assert.equal(ended?.type === 'consultEnded' && ended.reason, 'call_ended');
  });

  test('after a handover outside, a customer hangup ends the contact as transferred with no wrap-up', () => {
    const away = must(
      blindTransfer(connected(), { target: { kind: 'external', number: '0600' }, at: T0 + 5000 }),
    );
    const contact = must(customerHangup(away, { at: END, wrapup: true }));
    assert.equal(contact.phase, 'done');
    assert.equal(contact.outcome, 'transferred');
  });
});

describe('agent hangup', () => {
  test('an agent hangup ends the call and moves to wrapup', () => {
    const contact = must(agentHangup(connected(), { at: END, wrapup: true }));
    assert.equal(contact.phase, 'wrapup');
    assert.ok(contact.legs.every((leg) => leg.state === 'ended'));
  });

  test('an agent hangup without wrap-up is done and answered', () => {
    const contact = must(agentHangup(connected(), { at: END, wrapup: false }));
    assert.equal(contact.outcome, 'answered');
  });

  test('an agent hangup during a consultation ends the whole call', () => {
    const contact = must(agentHangup(consulting(), { at: END, wrapup: true }));
    assert.equal(contact.phase, 'wrapup');
    assert.equal(contact.consult, null);
    assert.ok(contact.legs.every((leg) => leg.state === 'ended'));
  });

  test('an agent hangup with no agent of ours on the contact is no_call', () => {
    const away = must(
      blindTransfer(connected(), { target: { kind: 'extension', extension: '2001' }, at: T0 + 5000 }),
    );
    assertRefused(away, (c) => agentHangup(c, { at: END, wrapup: true }), 'no_call');
  });

  test('outbound: the dialing agent hanging up after the customer answered wraps up', () => {
    const answered = must(connectContact(outboundDialing(), { at: T0 + 8000 }));
    const contact = must(agentHangup(answered, { at: END, wrapup: true }));
    assert.equal(contact.phase, 'wrapup');
    assert.equal(contact.agentId, 'alice');
  });
});

describe('ending with an outcome', () => {
  const beforeConnect: EndOutcome[] = [
    'abandoned',
    'timeout',
    'overflowed',
    'refused',
    'interrupted',
    'failed',
  ];
  for (const outcome of beforeConnect) {
    test(`${outcome} ends a queued or offered contact at once with that outcome`, () => {
      for (const contact of [queued(), offered()]) {
        const ended = must(endContact(contact, { outcome, at: END }));
        assert.equal(ended.phase, 'done');
        assert.equal(ended.outcome, outcome);
        assert.equal(ended.endedAt, END);
        assert.ok(ended.legs.every((leg) => leg.state === 'ended'));
      }
    });
  }

  for (const outcome of ['interrupted', 'failed'] as const) {
    test(`${outcome} also ends a connected contact, without wrap-up`, () => {
      const ended = must(endContact(connected(), { outcome, at: END }));
      assert.equal(ended.phase, 'done');
      assert.equal(ended.outcome, outcome);
    });
  }

  for (const outcome of ['abandoned', 'timeout', 'overflowed', 'refused'] as const) {
    test(`${outcome} is refused once connected`, () => {
      assertRefused(connected(), (c) => endContact(c, { outcome, at: END }), 'conflict');
    });
  }

  test('answered and transferred are not outcomes endContact can set', () => {
    for (const outcome of ['answered', 'transferred', 'nonsense']) {
      assertRefused(
        queued(),
        (c) => endContact(c, { outcome: outcome as EndOutcome, at: END }),
        'invalid_argument',
      );
    }
  });

  test('outbound: no answer, busy and cancel end the dial with timeout, refused and abandoned', () => {
    assert.equal(must(endContact(outboundDialing(), { outcome: 'timeout', at: END })).outcome, 'timeout');
    assert.equal(must(endContact(outboundDialing(), { outcome: 'refused', at: END })).outcome, 'refused');
    assert.equal(must(endContact(outboundDialing(), { outcome: 'abandoned', at: END })).outcome, 'abandoned');
  });
});

describe('finishing wrap-up', () => {
  test('finishing wrap-up makes the contact done and answered', () => {
    const result = finishContactWrapup(wrapup(), { at: END + 30_000 });
    const contact = must(result);
    assert.equal(contact.phase, 'done');
    assert.equal(contact.outcome, 'answered');
    assert.equal(contact.endedAt, END + 30_000);
    assert.equal(contact.wrapupAt, END);
    assert.deepEqual(eventTypes(result), ['phaseChanged', 'ended']);
  });

  test('finishing wrap-up twice is a conflict', () => {
    const done = must(finishContactWrapup(wrapup(), { at: END + 30_000 }));
    assertRefused(done, (c) => finishContactWrapup(c, { at: END + 40_000 }), 'conflict');
  });

  test('a contact in wrap-up ends only by finishing it', () => {
    assertRefused(wrapup(), (c) => endContact(c, { outcome: 'interrupted', at: END + 1 }), 'conflict');
  });
});
