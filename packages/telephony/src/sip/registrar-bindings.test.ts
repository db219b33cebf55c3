import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { headerValues } from './message.ts';
import { authenticated, header, register, SOURCE, setup } from './registrar-fixture.ts';

describe('registrar bindings', () => {
  test('the 200 lists every current contact with its expires and a Date; the store reports the phone registered', () => {
    const { registrar, store, changes } = setup();
    const { answer } = authenticated(registrar, {
      contacts: ['<sip:1001@198.51.100.7:5062>;expires=120', '<sip:1001@203.0.113.9>'],
      expires: 300,
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), [
      '<sip:1001@198.51.100.7:5062>;expires=120',
      '<sip:1001@203.0.113.9>;expires=300',
    ]);
    assert.equal(header(answer, 'Date').length, 1);
    assert.equal(store.contactsOf('1001').length, 2);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.registered]),
      [
        ['added', true],
        ['added', true],
      ],
    );
  });

  test('without any expiry the default (3600 s) applies; above the maximum the maximum is granted', () => {
    const { registrar } = setup({ maxExpires: 1800 });
    const a = authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>'] }).answer;
    assert.deepEqual(header(a, 'Contact'), ['<sip:1001@198.51.100.7>;expires=1800']);
    const { registrar: r2 } = setup();
    const b = authenticated(r2, { contacts: ['<sip:1001@198.51.100.7>'] }).answer;
    assert.deepEqual(header(b, 'Contact'), ['<sip:1001@198.51.100.7>;expires=3600']);
  });

  test('an expiry under the minimum is refused with 423 and Min-Expires, nothing bound', () => {
    const { registrar, store } = setup({ minExpires: 60 });
    const { answer } = authenticated(registrar, {
      contacts: ['<sip:1001@198.51.100.7>;expires=3600', '<sip:1001@203.0.113.9>;expires=30'],
    });
    assert.equal(answer.status, 423);
    assert.deepEqual(header(answer, 'Min-Expires'), ['60']);
    assert.equal(store.bindingCount, 0);
  });

  test('a binding expires by its timer: the phone is then unregistered and an expired event is sent', () => {
    const { registrar, store, clock, changes } = setup();
    authenticated(registrar, { expires: 120 });
    clock.advanceBy(119_999);
    assert.equal(store.isRegistered('1001'), true);
    clock.advanceBy(1);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(changes.at(-1)?.kind, 'expired');
    assert.equal(changes.at(-1)?.registered, false);
  });

  test('a refresh re-arms the expiry; the old timer does not remove the refreshed binding', () => {
    const { registrar, store, clock } = setup();
    authenticated(registrar, { expires: 120 });
    clock.advanceBy(100_000);
    authenticated(registrar, { expires: 120, callId: 'reg-1', cseq: 10 });
    clock.advanceBy(30_000);
    assert.equal(store.isRegistered('1001'), true);
    assert.equal(store.contactsOf('1001').length, 1);
  });

  test('Expires 0 on one contact removes only that contact', () => {
    const { registrar, store } = setup();
    authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>', '<sip:1001@203.0.113.9>'] });
    const { answer } = authenticated(registrar, { contacts: ['<sip:1001@203.0.113.9>;expires=0'], cseq: 5 });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), ['<sip:1001@198.51.100.7>;expires=3600']);
    assert.equal(store.contactsOf('1001').length, 1);
  });

  test('Contact "*" with Expires 0 removes every binding of the extension', () => {
    const { registrar, store, changes } = setup();
    authenticated(registrar, { contacts: ['<sip:1001@198.51.100.7>', '<sip:1001@203.0.113.9>'] });
    const { answer } = authenticated(registrar, { contacts: ['*'], expires: 0, cseq: 5 });
    assert.equal(answer.status, 200);
    assert.deepEqual(header(answer, 'Contact'), []);
    assert.equal(store.isRegistered('1001'), false);
    assert.deepEqual(
      changes.slice(-2).map((c) => [c.kind, c.registered]),
      [
        ['removed', false],
        ['removed', false],
      ],
    );
  });

  test('a REGISTER without Contact is a query: 200 with the current bindings, nothing changed', () => {
    const { registrar, store } = setup();
    authenticated(registrar, {});
    const { answer } = authenticated(registrar, { contacts: [], cseq: 7 });
    assert.equal(answer.status, 200);
    assert.equal(header(answer, 'Contact').length, 1);
    assert.equal(store.bindingCount, 1);
  });

  test("the same Call-ID with a CSeq not above the binding's is out of order (400); another Call-ID may bind", () => {
    const { registrar, store } = setup();
    authenticated(registrar, { callId: 'A', cseq: 10 });
    const stale = authenticated(registrar, { callId: 'A', cseq: 5, expires: 0 }).answer;
    assert.equal(stale.status, 400);
    assert.equal(store.isRegistered('1001'), true);
    const other = authenticated(registrar, { callId: 'B', cseq: 1, expires: 0 }).answer;
    assert.equal(other.status, 200);
    assert.equal(store.isRegistered('1001'), false);
  });

  test('several contacts per phone up to maxContacts; one more is refused with 403 and changes nothing', () => {
    const { registrar, store } = setup({ maxContacts: 2 });
    authenticated(registrar, { contacts: ['<sip:a@198.51.100.7>', '<sip:b@198.51.100.7>'] });
    const { answer } = authenticated(registrar, { contacts: ['<sip:c@198.51.100.7>'], cseq: 5 });
    assert.equal(answer.status, 403);
    assert.equal(store.contactsOf('1001').length, 2);
  });

  test('the binding keeps the flow it came over and the User-Agent, for reaching the phone later', () => {
    const { registrar, store } = setup();
    authenticated(registrar, {});
    const [binding] = store.contactsOf('1001');
    assert.deepEqual(binding?.source, SOURCE);
    assert.equal(binding?.contact.expires, undefined);
  });

  test('a Request-URI outside the served domains is answered 404 before any challenge', () => {
    const { registrar } = setup({ domains: ['other.test'] });
    assert.equal(registrar.handle(register(), SOURCE).status, 404);
  });

  test('the 401 answers carry one WWW-Authenticate row per algorithm and nothing else', () => {
    const { registrar } = setup();
    const answer = registrar.handle(register(), SOURCE);
    assert.deepEqual(
      answer.headers.map((h) => h.name),
      ['WWW-Authenticate', 'WWW-Authenticate'],
    );
    assert.equal(headerValues({ headers: answer.headers }, 'WWW-Authenticate').length, 2);
  });
});
