import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { holdCustomer, muteLeg, resumeCustomer, sendDtmf, unmuteLeg } from './call-control.ts';
import {
  assertRefused,
  changeOf,
  conferenced,
  connected,
  consulting,
  eventTypes,
  must,
  T0,
} from './contact-fixtures.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 20_000;
const handedOutside = () =>
  must(blindTransfer(connected(), { target: { kind: 'external', number: '0600' }, at: T0 + 5000 }));

describe('hold and resume', () => {
  test('hold puts the customer leg on hold and sets onHold', () => {
    const result = holdCustomer(connected(), { at });
    const contact = must(result);
    assert.equal(contact.onHold, true);
    assert.equal(contact.legs[0]?.state, 'held');
    assert.deepEqual(eventTypes(result), ['legStateChanged', 'holdChanged']);
  });

  test('resume brings the customer back', () => {
    const contact = must(resumeCustomer(must(holdCustomer(connected(), { at })), { at: at + 1 }));
    assert.equal(contact.onHold, false);
    assert.equal(contact.legs[0]?.state, 'up');
  });

  test('hold while already on hold is a conflict', () => {
    assertRefused(
      must(holdCustomer(connected(), { at })),
      (c) => holdCustomer(c, { at: at + 1 }),
      'conflict',
    );
  });

  test('resume while not on hold is a conflict', () => {
    assertRefused(connected(), (c) => resumeCustomer(c, { at }), 'conflict');
  });

  test('hold and resume during a consultation are conflicts (retrieve returns to the customer)', () => {
    assertRefused(consulting(), (c) => holdCustomer(c, { at }), 'conflict');
    assertRefused(consulting(), (c) => resumeCustomer(c, { at }), 'conflict');
  });

  test('hold in a conference is a conflict', () => {
    assertRefused(conferenced(), (c) => holdCustomer(c, { at }), 'conflict');
  });

  test('hold or resume with no agent of ours talking is no_call', () => {
    assertRefused(handedOutside(), (c) => holdCustomer(c, { at }), 'no_call');
    assertRefused(handedOutside(), (c) => resumeCustomer(c, { at }), 'no_call');
  });
});

describe('mute and unmute', () => {
  test("mute without a leg mutes the handling agent's leg", () => {
    const result = muteLeg(connected(), { at });
    assert.equal(must(result).legs[1]?.muted, true);
    assert.deepEqual(
      changeOf(result).events.map((e) => e.type),
      ['legMuteChanged'],
    );
  });

  test('mute a named leg, then unmute it', () => {
    const muted = must(muteLeg(connected(), { legId: 'c1.L1', at }));
    assert.equal(muted.legs[0]?.muted, true);
    assert.equal(must(unmuteLeg(muted, { legId: 'c1.L1', at: at + 1 })).legs[0]?.muted, false);
  });

  test('a held leg can be muted', () => {
    const held = must(holdCustomer(connected(), { at }));
    assert.equal(must(muteLeg(held, { legId: 'c1.L1', at })).legs[0]?.muted, true);
  });

  test('mute twice or unmute an unmuted leg is a conflict', () => {
    assertRefused(must(muteLeg(connected(), { at })), (c) => muteLeg(c, { at }), 'conflict');
    assertRefused(connected(), (c) => unmuteLeg(c, { at }), 'conflict');
  });

  test('mute an unknown leg is invalid', () => {
    assertRefused(connected(), (c) => muteLeg(c, { legId: 'nope', at }), 'invalid_argument');
  });

  test('mute an ended leg or a ringing leg is no_call', () => {
    assertRefused(handedOutside(), (c) => muteLeg(c, { legId: 'c1.L2', at }), 'no_call');
    assertRefused(handedOutside(), (c) => muteLeg(c, { legId: 'c1.L3', at }), 'no_call');
  });

  test('mute with no agent leg and no leg named is no_call', () => {
    assertRefused(handedOutside(), (c) => muteLeg(c, { at }), 'no_call');
  });
});

describe('DTMF', () => {
  test('DTMF is an event only: the same contact comes back with one dtmf event', () => {
    const before = connected();
    const change = changeOf(sendDtmf(before, { digits: '0123456789*#ABCD', at }));
    assert.equal(change.contact, before);
    assert.deepEqual(change.events, [
      { type: 'dtmf', contactId: 'c1', at, legId: 'c1.L2', digits: '0123456789*#ABCD' },
    ]);
  });

  test('DTMF digits outside 0-9 * # A-D, empty or longer than 64 are invalid', () => {
    for (const digits of ['', 'E', '12 3', 'a', '1'.repeat(65)]) {
      assertRefused(connected(), (c) => sendDtmf(c, { digits, at }), 'invalid_argument');
    }
  });

  test('DTMF with no agent talking, or on a leg that is not up, is no_call', () => {
    assertRefused(handedOutside(), (c) => sendDtmf(c, { digits: '1', at }), 'no_call');
    assertRefused(
      must(holdCustomer(connected(), { at })),
      (c) => sendDtmf(c, { digits: '1', legId: 'c1.L1', at }),
      'no_call',
    );
  });
});
