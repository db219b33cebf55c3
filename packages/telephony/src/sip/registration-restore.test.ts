// RegistrationStore.restore: bindings a previous process kept come back registered at once, with
// their expiry timers on the store's clock, without change events, and take part in the registrar's
// REGISTER handling exactly like bindings registered in this process.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SipContact } from './message.ts';
import { parseNameAddr } from './name-addr.ts';
import { authenticated, header, SOURCE, setup } from './registrar-fixture.ts';
import type { SipBinding } from './registration-store.ts';

function contact(text: string): SipContact {
  const addr = parseNameAddr(text);
  if (!addr.ok) throw new Error(`bad test contact ${text}`);
  return { ...addr.value, expires: undefined, q: undefined };
}

/** A binding as the registrar makes it for `REGISTER Call-ID reg-1, CSeq cseq` from SOURCE. */
function binding(now: number, overrides: Partial<SipBinding> = {}): SipBinding {
  return {
    extension: '1001',
    contact: contact('<sip:1001@198.51.100.7:5062>'),
    callId: 'reg-1',
    cseq: 2,
    expiresAt: now + 600_000,
    registeredAt: now - 3_000_000,
    source: SOURCE,
    userAgent: 'desk-phone/1.0',
    ...overrides,
  };
}

describe('restoring registrations', () => {
  test('restored bindings are registered at once, in the order given, without change events', () => {
    const { clock, store, changes } = setup();
    const now = clock.now();
    const second = binding(now, { contact: contact('<sip:1001@203.0.113.9>') });
    const other = binding(now, { extension: '1002', contact: contact('<sip:1002@198.51.100.8>') });
    const taken = store.restore([binding(now), second, other]);
    assert.equal(taken.length, 3);
    assert.ok(store.isRegistered('1001'));
    assert.ok(store.isRegistered('1002'));
    assert.deepEqual(store.contactsOf('1001'), [binding(now), second]);
    assert.equal(store.bindingCount, 3);
    assert.deepEqual(changes, []);
  });

  test('a restored binding expires on the clock at its own expiry, with an expired event', () => {
    const { clock, store, changes } = setup();
    const now = clock.now();
    store.restore([binding(now, { expiresAt: now + 10_000 })]);
    clock.advanceBy(9_999);
    assert.ok(store.isRegistered('1001'));
    assert.equal(changes.length, 0);
    clock.advanceBy(1);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.extension, c.registered]),
      [['expired', '1001', false]],
    );
    assert.equal(clock.pending, 0, 'no timer is left behind');
  });

  test('an expired binding and one whose contact is bound already are not restored', () => {
    const { clock, store } = setup();
    const now = clock.now();
    const fresh = binding(now, { callId: 'newer', cseq: 1 });
    store.put(fresh);
    const taken = store.restore([
      binding(now),
      binding(now, { extension: '1002', expiresAt: now }),
      binding(now, { extension: '1003', expiresAt: now + 1 }),
    ]);
    assert.deepEqual(
      taken.map((b) => b.extension),
      ['1003'],
    );
    assert.deepEqual(store.contactsOf('1001'), [fresh], 'the registration made since is kept');
    assert.equal(store.isRegistered('1002'), false);
  });

  test('a REGISTER from the same Call-ID with a higher CSeq refreshes the restored binding', () => {
    const { clock, registrar, store, changes } = setup();
    const now = clock.now();
    const restored = binding(now);
    store.restore([restored]);
    // The fixture's REGISTER pair is CSeq 3 (challenged) then 4 (authorized), Call-ID reg-1.
    const { answer } = authenticated(registrar, { cseq: 3, expires: 300 });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), ['<sip:1001@198.51.100.7:5062>;expires=300']);
    assert.deepEqual(
      changes.map((c) => c.kind),
      ['refreshed'],
    );
    const [now1001] = store.contactsOf('1001');
    assert.equal(now1001?.cseq, 4);
    assert.equal(now1001?.expiresAt, now + 300_000);
    assert.equal(now1001?.registeredAt, restored.registeredAt, 'first registration time kept');
    // The restored timer was replaced: the binding lives to its new expiry, not the old one.
    clock.advanceBy(299_999);
    assert.ok(store.isRegistered('1001'));
    clock.advanceBy(1);
    assert.equal(store.isRegistered('1001'), false);
  });

  test('a REGISTER from the same Call-ID with a CSeq not above the restored one is refused 400, nothing changes', () => {
    const { clock, registrar, store, changes } = setup();
    const now = clock.now();
    store.restore([binding(now, { cseq: 10 })]);
    const { answer } = authenticated(registrar, { cseq: 9, expires: 300 });
    assert.deepEqual([answer.status, answer.reason], [400, 'Invalid CSeq number']);
    assert.deepEqual(store.contactsOf('1001'), [binding(now, { cseq: 10 })]);
    assert.deepEqual(changes, []);
  });

  test('a REGISTER with Expires 0 removes the restored binding with a removed event', () => {
    const { clock, registrar, store, changes } = setup();
    store.restore([binding(clock.now())]);
    const { answer } = authenticated(registrar, { callId: 'reboot-1', expires: 0 });
    assert.equal(answer.status, 200);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.registered]),
      [['removed', false]],
    );
    assert.equal(clock.pending, 0);
  });
});
