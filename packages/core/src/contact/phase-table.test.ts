import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Result } from '../result.ts';
import { removeAttachedData, setAttachedData } from './attached-data.ts';
import { holdCustomer, muteLeg, resumeCustomer, sendDtmf, unmuteLeg } from './call-control.ts';
import {
  cancelConsult,
  completeConsultConference,
  completeConsultTransfer,
  retrieveConsult,
  startConsult,
} from './consult.ts';
import { CONTACT_PHASES, type Contact } from './contact.ts';
import type { ContactChange } from './contact-change.ts';
import { assertRefused, contactsByPhase, T0 } from './contact-fixtures.ts';
import { setDisposition } from './disposition.ts';
import { agentHangup, customerHangup, endContact, finishContactWrapup } from './hangup.ts';
import { ALLOWED_PHASES, CONTACT_OPERATIONS, type ContactOperation, isAllowedIn } from './phase-table.ts';
import { connectContact, enqueueContact, offerContact, withdrawOffer } from './queueing.ts';
import { pauseRecording, resumeRecording, startRecording, stopRecording } from './recording.ts';
import { answerLeg, endLeg } from './third-party.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 100_000;
const otherLeg = (c: Contact) => c.legs[1]?.id ?? 'c1.L9';

// One well-formed call of every operation, so only the phase decides.
const CALLS: { readonly [O in ContactOperation]: (c: Contact) => Result<ContactChange> } = {
  enqueue: (c) => enqueueContact(c, { queueId: 'support', at }),
  offer: (c) => offerContact(c, { agentId: 'carol', at }),
  withdrawOffer: (c) => withdrawOffer(c, { reason: 'no_answer', at }),
  connect: (c) => connectContact(c, { at }),
  customerHangup: (c) => customerHangup(c, { at, wrapup: true }),
  agentHangup: (c) => agentHangup(c, { at, wrapup: true }),
  abandon: (c) => endContact(c, { outcome: 'abandoned', at }),
  timeout: (c) => endContact(c, { outcome: 'timeout', at }),
  overflow: (c) => endContact(c, { outcome: 'overflowed', at }),
  refuse: (c) => endContact(c, { outcome: 'refused', at }),
  interrupt: (c) => endContact(c, { outcome: 'interrupted', at }),
  fail: (c) => endContact(c, { outcome: 'failed', at }),
  finishWrapup: (c) => finishContactWrapup(c, { at }),
  hold: (c) => holdCustomer(c, { at }),
  resume: (c) => resumeCustomer(c, { at }),
  mute: (c) => muteLeg(c, { at }),
  unmute: (c) => unmuteLeg(c, { at }),
  sendDtmf: (c) => sendDtmf(c, { digits: '1', at }),
  blindTransfer: (c) => blindTransfer(c, { target: { kind: 'queue', queueId: 'support' }, at }),
  startConsult: (c) => startConsult(c, { target: { kind: 'extension', extension: '2001' }, at }),
  cancelConsult: (c) => cancelConsult(c, { at }),
  retrieveConsult: (c) => retrieveConsult(c, { at }),
  completeConsultTransfer: (c) => completeConsultTransfer(c, { at }),
  completeConsultConference: (c) => completeConsultConference(c, { at }),
  answerLeg: (c) => answerLeg(c, { legId: otherLeg(c), at }),
  endLeg: (c) => endLeg(c, { legId: otherLeg(c), at }),
  startRecording: (c) => startRecording(c, { at }),
  pauseRecording: (c) => pauseRecording(c, { at }),
  resumeRecording: (c) => resumeRecording(c, { at }),
  stopRecording: (c) => stopRecording(c, { at }),
  setAttachedData: (c) => setAttachedData(c, { entries: [['k', 'v']], at }),
  removeAttachedData: (c) => removeAttachedData(c, { keys: ['k'], at }),
  setDisposition: (c) => setDisposition(c, { disposition: { level1: 'sale' }, at }),
};

describe('the operation × phase table', () => {
  const byPhase = contactsByPhase();
  for (const operation of CONTACT_OPERATIONS) {
    for (const phase of CONTACT_PHASES.filter((p) => !isAllowedIn(operation, p))) {
      test(`${operation} in phase ${phase} is refused with 'conflict' and changes nothing`, () => {
        assertRefused(byPhase[phase], CALLS[operation], 'conflict');
      });
    }
  }

  test('a done contact refuses every operation', () => {
    for (const operation of CONTACT_OPERATIONS)
      assertRefused(contactsByPhase().done, CALLS[operation], 'conflict');
  });

  test('the phase check names the operation, the phase and the allowed phases', () => {
    const result = CALLS.hold(byPhase.queued);
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.error.details.allowed, ['connected']);
  });

  test('README shows exactly the table in the code', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of readme.split('\n')) {
      const match = /^\|\s*`(\w+)`\s*\|[^|]*\|(.*)\|\s*$/.exec(line);
      if (match === null) continue;
      const cells = match[2]!.split('|').map((cell) => cell.trim());
      rows.set(
        match[1]!,
        CONTACT_PHASES.filter((_, i) => cells[i] === '✓'),
      );
    }
    assert.deepEqual([...rows.keys()].sort(), [...CONTACT_OPERATIONS].sort());
    for (const operation of CONTACT_OPERATIONS) {
      assert.deepEqual(rows.get(operation), [...ALLOWED_PHASES[operation]], operation);
    }
  });
});
