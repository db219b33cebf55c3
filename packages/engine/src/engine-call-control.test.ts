import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ContactEvent, unwrap } from '@switchboard/core';
import { Harness, queueConfig } from './test-support/engine-harness.ts';

/** a1 has answered a call in `sales` (wrap-up 10 s) that carried attached data. */
function talking() {
  const h = new Harness({
    queues: [queueConfig('sales', { wrapupMs: 10_000 })],
    agents: ['a1'],
    members: [['a1', 'sales']],
  });
  h.ready('a1');
  const c = h.call('sales', { attached: [['order', '42']] });
  h.advance(2000);
  h.telephony.answer(c, 'a1');
  return { h, c };
}

/** Contact events published for one contact, in order. */
function contactEvents(h: Harness, contactId: string): ContactEvent[] {
  return h.events.flatMap((e) =>
    e.type === 'contact.changed' && e.contact.id === contactId ? e.events : [],
  );
}

describe('hold and resume', () => {
  test('time on hold is measured apart from talk, in the log line and the record', () => {
    const { h, c } = talking();
    h.advance(10_000);
    unwrap(h.engine.commands.hold('a1'));
    assert.equal(h.state('a1').onHold, true);
    assert.equal(h.engine.contact(c)?.onHold, true);
    h.advance(5000);
    unwrap(h.engine.commands.resume('a1'));
    assert.equal(h.state('a1').onHold, false);
    h.advance(20_000);
    unwrap(h.engine.commands.hold('a1'));
    h.advance(3000);
    h.telephony.sink.customerHangup(c);
    assert.deepEqual(
      h.telephony.requests.filter((r) => r.kind === 'hold' || r.kind === 'resume').map((r) => r.kind),
      ['hold', 'resume', 'hold'],
    );
    const completed = h.log('sales', c).find((e) => e.type === 'completed');
    assert.ok(completed?.type === 'completed');
    assert.deepEqual([completed.talkMs, completed.holdMs], [30_000, 8000]);
    h.advance(10_000);
    const record = h.record(c);
    assert.deepEqual([record.talkMs, record.holdMs, record.wrapupMs], [30_000, 8000, 10_000]);
    assert.equal(h.snapshot('sales').totalHoldMs, 8000);
    assert.equal(h.agentStats('a1').talkMs, 38_000, 'agent talk time includes hold');
  });

  test('holding a held call or resuming one not held is a conflict and changes nothing', () => {
    const { h } = talking();
    h.refused('conflict', () => h.engine.commands.resume('a1'));
    unwrap(h.engine.commands.hold('a1'));
    h.refused('conflict', () => h.engine.commands.hold('a1'));
  });
});

describe('DTMF and recording', () => {
  test('DTMF digits go to the switch and are announced on the contact', () => {
    const { h, c } = talking();
    unwrap(h.engine.commands.dtmf('a1', '12#'));
    assert.deepEqual(h.telephony.requestsOf('dtmf'), [{ kind: 'dtmf', contactId: c, digits: '12#' }]);
    h.engine.dtmfReceived(c, '5');
    const dtmf = contactEvents(h, c).filter((e) => e.type === 'dtmf');
    assert.deepEqual(
      dtmf.map((e) => e.type === 'dtmf' && e.digits),
      ['12#', '5'],
    );
    h.refused('invalid_argument', () => h.engine.commands.dtmf('a1', 'x'));
  });

  test('recording starts, pauses, resumes and stops; a command from the wrong state is refused', () => {
    const { h, c } = talking();
    const states: string[] = [];
    for (const action of ['start', 'pause', 'resume', 'stop'] as const) {
      unwrap(h.engine.commands.recording('a1', action));
      states.push(h.engine.contact(c)!.recording);
    }
    assert.deepEqual(states, ['on', 'paused', 'on', 'off']);
    h.refused('conflict', () => h.engine.commands.recording('a1', 'pause'));
    h.refused('invalid_argument', () => h.engine.commands.recording('a1', 'rewind' as 'start'));
    unwrap(h.engine.commands.recording('a1', 'start'));
    h.telephony.sink.customerHangup(c);
    assert.equal(h.engine.contact(c)?.recording, 'off', 'the end of the call stops the recording');
  });
});

describe('attached data and disposition', () => {
  test('attached data set during the call and a disposition set in wrap-up reach the record', () => {
    const { h, c } = talking();
    const contact = unwrap(h.engine.commands.setAttached(c, [['tier', 'gold']]));
    assert.deepEqual(contact.attached, [
      ['order', '42'],
      ['tier', 'gold'],
    ]);
    h.telephony.sink.customerHangup(c);
    assert.equal(h.show('a1'), 'Wrapup');
    unwrap(h.engine.commands.setDisposition(c, { level1: 'sales', level2: 'upsell', note: 'ok' }, 'a1'));
    unwrap(h.engine.commands.removeAttached(c, ['order']));
    h.advance(10_000);
    const record = h.record(c);
    assert.deepEqual(record.attached, [['tier', 'gold']]);
    assert.equal(record.disposition?.level1, 'sales');
    assert.equal(record.disposition?.level2, 'upsell');
    assert.equal(record.disposition?.setBy, 'a1');
    h.refused('unknown_contact', () => h.engine.commands.setDisposition(c, { level1: 'late' }, 'a1'));
  });

  test('a disposition is refused before the call is answered and a malformed one is refused', () => {
    const h = new Harness({ queues: [queueConfig('sales')], agents: ['a1'], members: [['a1', 'sales']] });
    const c = h.call('sales');
    h.refused('conflict', () => h.engine.commands.setDisposition(c, { level1: 'x' }, null));
    h.ready('a1');
    h.telephony.answer(c, 'a1');
    h.refused('invalid_argument', () => h.engine.commands.setDisposition(c, { level2: 'no level 1' }, 'a1'));
  });
});
