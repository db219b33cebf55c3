// Property test: random operation sequences from a new inbound contact keep the contact's
// invariants (see README "Phases" and "Legs and roles"). Every step runs on a deep-frozen
// contact, so an operation that mutated its input would throw instead of passing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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
import type { Contact, ContactPhase, Target } from './contact.ts';
import type { ContactChange } from './contact-change.ts';
import type { ContactEvent } from './contact-events.ts';
import { deepFreeze, newInbound, outboundDialing } from './contact-fixtures.ts';
import { setDisposition } from './disposition.ts';
import { agentHangup, customerHangup, type EndOutcome, endContact, finishContactWrapup } from './hangup.ts';
import { connectContact, enqueueContact, offerContact, withdrawOffer } from './queueing.ts';
import { pauseRecording, resumeRecording, startRecording, stopRecording } from './recording.ts';
import { answerLeg, endLeg } from './third-party.ts';
import { blindTransfer } from './transfer.ts';

const agents = fc.constantFrom('a1', 'a2', 'a3');
const targets: fc.Arbitrary<Target> = fc.oneof(
  agents.map((agentId): Target => ({ kind: 'agent', agentId })),
  fc.constantFrom('q1', 'q2').map((queueId): Target => ({ kind: 'queue', queueId })),
  fc.constant<Target>({ kind: 'extension', extension: '2001' }),
  fc.constant<Target>({ kind: 'external', number: '+33600' }),
  fc.constant<Target>({ kind: 'external', number: 'bad number' }),
);
const legIndex = fc.option(fc.nat(7), { nil: undefined, freq: 2 });

// Each operation with its arguments drawn at random. The weights keep the ending operations rare so
// sequences live long enough to reach consultations, conferences and transfers.
const OPERATIONS = {
  enqueue: [4, fc.constantFrom('q1', 'q2', '')],
  offer: [6, agents],
  withdrawOffer: [2, fc.constantFrom('withdrawn', 'no_answer')],
  connect: [8, fc.option(agents, { nil: undefined })],
  customerHangup: [1, fc.boolean()],
  agentHangup: [1, fc.boolean()],
  endContact: [
    1,
    fc.constantFrom('abandoned', 'timeout', 'overflowed', 'refused', 'interrupted', 'failed', 'answered'),
  ],
  finishWrapup: [4, fc.constant(null)],
  hold: [4, fc.constant(null)],
  resume: [4, fc.constant(null)],
  mute: [3, legIndex],
  unmute: [3, legIndex],
  sendDtmf: [2, fc.constantFrom('12#', 'A*', 'E', '')],
  blindTransfer: [3, targets],
  startConsult: [6, targets],
  cancelConsult: [2, fc.constant(null)],
  retrieveConsult: [2, fc.constant(null)],
  completeConsultTransfer: [2, fc.constant(null)],
  completeConsultConference: [4, fc.constant(null)],
  answerLeg: [6, fc.nat(7)],
  endLeg: [2, fc.nat(7)],
  startRecording: [2, fc.constant(null)],
  pauseRecording: [2, fc.constant(null)],
  resumeRecording: [2, fc.constant(null)],
  stopRecording: [2, fc.constant(null)],
  setAttachedData: [1, fc.constantFrom('k1', 'k2', 'k3', '')],
  removeAttachedData: [1, fc.constantFrom('k1', 'k2', 'zz')],
  setDisposition: [1, fc.constantFrom('sale', '')],
} as const satisfies Record<string, readonly [number, fc.Arbitrary<unknown>]>;
type OpName = keyof typeof OPERATIONS;
type Step = { readonly op: OpName; readonly arg: unknown; readonly dt: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  ...(Object.entries(OPERATIONS) as [OpName, readonly [number, fc.Arbitrary<unknown>]][]).map(
    ([op, [weight, arg]]) => ({
      weight,
      arbitrary: fc.record({ op: fc.constant(op), arg, dt: fc.integer({ min: -1, max: 3000 }) }),
    }),
  ),
);

function legAt(contact: Contact, index: unknown): string | undefined {
  if (typeof index !== 'number') return undefined;
  return contact.legs[index % (contact.legs.length + 1)]?.id ?? 'no-such-leg';
}

function apply(c: Contact, { op, arg }: Step, at: number): Result<ContactChange> {
  switch (op) {
    case 'enqueue':
      return enqueueContact(c, { queueId: arg as string, at });
    case 'offer':
      return offerContact(c, { agentId: arg as string, at });
    case 'withdrawOffer':
      return withdrawOffer(c, { reason: arg as 'withdrawn', at });
    case 'connect':
      return connectContact(c, arg === undefined ? { at } : { at, agentId: arg as string });
    case 'customerHangup':
      return customerHangup(c, { at, wrapup: arg as boolean });
    case 'agentHangup':
      return agentHangup(c, { at, wrapup: arg as boolean });
    case 'endContact':
      return endContact(c, { outcome: arg as EndOutcome, at });
    case 'finishWrapup':
      return finishContactWrapup(c, { at });
    case 'hold':
      return holdCustomer(c, { at });
    case 'resume':
      return resumeCustomer(c, { at });
    case 'mute':
      return muteLeg(c, { legId: legAt(c, arg), at });
    case 'unmute':
      return unmuteLeg(c, { legId: legAt(c, arg), at });
    case 'sendDtmf':
      return sendDtmf(c, { digits: arg as string, at });
    case 'blindTransfer':
      return blindTransfer(c, { target: arg as Target, at });
    case 'startConsult':
      return startConsult(c, { target: arg as Target, at });
    case 'cancelConsult':
      return cancelConsult(c, { at });
    case 'retrieveConsult':
      return retrieveConsult(c, { at });
    case 'completeConsultTransfer':
      return completeConsultTransfer(c, { at });
    case 'completeConsultConference':
      return completeConsultConference(c, { at });
    case 'answerLeg':
      return answerLeg(c, { legId: legAt(c, arg) ?? '', at });
    case 'endLeg':
      return endLeg(c, { legId: legAt(c, arg) ?? '', at });
    case 'startRecording':
      return startRecording(c, { at });
    case 'pauseRecording':
      return pauseRecording(c, { at });
    case 'resumeRecording':
      return resumeRecording(c, { at });
    case 'stopRecording':
      return stopRecording(c, { at });
    case 'setAttachedData':
      return setAttachedData(c, { entries: [[arg as string, String(at)]], at });
    case 'removeAttachedData':
      return removeAttachedData(c, { keys: [arg as string], at });
    case 'setDisposition':
      return setDisposition(c, { disposition: { level1: arg as string }, at });
  }
}

// Phase moves allowed by the model: forward along queued → offered → connected → wrapup → done
// (skipping ahead to done), plus offered → queued (withdraw) and connected → queued (transfer to a queue).
const ALLOWED_MOVES = new Set([
  'queued>offered',
  'queued>done',
  'offered>connected',
  'offered>queued',
  'offered>done',
  'connected>wrapup',
  'connected>done',
  'connected>queued',
  'wrapup>done',
]);

/** What must hold of any contact, whatever happened before. */
function checkContact(c: Contact): void {
  assert.equal(c.legs[0]?.party.kind, 'customer');
  c.legs.forEach((leg, i) => {
    assert.equal(leg.id, `${c.id}.L${i + 1}`);
    assert.equal(leg.state === 'ended', leg.endedAt !== null);
  });
  const isDone = c.phase === 'done';
  assert.equal(c.endedAt !== null, isDone, 'endedAt set iff done');
  assert.equal(c.outcome !== null, isDone, 'outcome set iff done');
  assert.equal(c.onHold, c.legs[0]?.state === 'held', 'onHold iff the customer leg is held');
  const live = c.legs.filter((leg) => leg.state !== 'ended');
  const liveConsulted = live.filter((leg) => leg.role === 'consulted');
  assert.ok(liveConsulted.length <= 1, 'at most one consultation');
  assert.equal(c.consult !== null, liveConsulted.length === 1);
  if (c.consult !== null) assert.equal(c.consult.legId, liveConsulted[0]?.id);
  assert.equal(
    c.conference,
    live.some((leg) => leg.role === 'conference'),
  );
  if (c.phase === 'wrapup' || c.phase === 'done') assert.equal(live.length, 0, 'no live leg after the call');
  if (c.phase === 'queued')
    assert.deepEqual(
      live.map((leg) => leg.role),
      [c.legs[0]?.role],
    );
  if (c.phase !== 'connected') {
    assert.equal(c.recording, 'off');
    assert.equal(c.consult, null);
    assert.equal(c.conference, false);
  }
  if (c.phase === 'connected' && c.agentId !== null) {
    const own = live.find((leg) => leg.party.kind === 'agent' && leg.party.agentId === c.agentId);
    assert.equal(own?.state, 'up', 'the handling agent is on the call');
  }
  for (const t of [c.queuedAt, c.offeredAt, c.connectedAt, c.wrapupAt, c.endedAt]) {
    if (t !== null) assert.ok(c.arrivedAt <= t && t <= c.updatedAt);
  }
}

function checkStep(prev: Contact, next: Contact, events: readonly ContactEvent[], at: number): void {
  if (prev.phase !== next.phase) {
    assert.ok(ALLOWED_MOVES.has(`${prev.phase}>${next.phase}`), `${prev.phase} → ${next.phase}`);
    const moves = events.filter((e) => e.type === 'phaseChanged');
    assert.deepEqual(
      moves.map((e) => e.type === 'phaseChanged' && [e.from, e.to]),
      [[prev.phase, next.phase]],
    );
  }
  if (prev.phase === 'offered' && next.phase === 'queued') assert.equal(next.queuedAt, prev.queuedAt);
  // Legs are only appended, and an ended leg never changes again (so it cannot end twice).
  prev.legs.forEach((leg, i) => {
    assert.equal(next.legs[i]?.id, leg.id);
    if (leg.state === 'ended') assert.equal(next.legs[i], leg);
  });
  for (const event of events) {
    assert.equal(event.contactId, prev.id);
    assert.equal(event.at, at);
  }
}

interface Coverage {
  readonly succeeded: Map<OpName, number>;
  readonly phasesSeen: Set<ContactPhase>;
}

/** Runs random sequences from `start`, checking every step; returns what the sequences reached. */
function runSequences(start: () => Contact, numRuns: number): Coverage {
  const coverage: Coverage = { succeeded: new Map(), phasesSeen: new Set() };
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
      let contact = deepFreeze(start());
      let at = contact.updatedAt;
      let endedEvents = 0;
      let openConsults = 0;
      const legEnds = new Map<string, number>();
      for (const s of steps) {
        at += s.dt;
        const result = apply(contact, s, at);
        if (!result.ok) {
          assert.ok(
            ['conflict', 'no_call', 'invalid_argument'].includes(result.error.code),
            result.error.message,
          );
          continue;
        }
        assert.notEqual(contact.phase, 'done', 'done is terminal');
        const { contact: next, events } = result.value;
        coverage.succeeded.set(s.op, (coverage.succeeded.get(s.op) ?? 0) + 1);
        checkContact(next);
        checkStep(contact, next, events, at);
        for (const event of events) {
          if (event.type === 'ended') endedEvents += 1;
          if (event.type === 'consultStarted') openConsults += 1;
          if (event.type === 'consultEnded') openConsults -= 1;
          if (event.type === 'legStateChanged' && event.to === 'ended') {
            legEnds.set(event.legId, (legEnds.get(event.legId) ?? 0) + 1);
          }
        }
        assert.equal(openConsults, next.consult === null ? 0 : 1, 'one consultation at a time');
        assert.equal(endedEvents, next.phase === 'done' ? 1 : 0, 'done reached at most once');
        assert.ok(
          [...legEnds.values()].every((n) => n === 1),
          'no leg ends twice',
        );
        contact = deepFreeze(next);
        coverage.phasesSeen.add(contact.phase);
      }
    }),
    { numRuns },
  );
  if (process.env.FC_COVERAGE) console.log(Object.fromEntries(coverage.succeeded));
  return coverage;
}

// The generator must actually reach every phase and make every operation succeed somewhere,
// or the properties would be checking less than they claim.
function assertCovered(coverage: Coverage): void {
  assert.deepEqual([...coverage.phasesSeen].sort(), ['connected', 'done', 'offered', 'queued', 'wrapup']);
  assert.deepEqual([...coverage.succeeded.keys()].sort(), Object.keys(OPERATIONS).sort());
}

const RUNS = Number(process.env.FC_RUNS ?? 10000);

test('random operation sequences from a new inbound contact keep phases, outcome, legs and consultations consistent', () => {
  assertCovered(runSequences(newInbound, RUNS));
});

test('the same holds from a new outbound contact (dialing, then perhaps transferred to a queue)', () => {
  const coverage = runSequences(outboundDialing, Math.ceil(RUNS / 5));
  assert.deepEqual([...coverage.phasesSeen].sort(), ['connected', 'done', 'offered', 'queued', 'wrapup']);
  // Requeued and offered to an agent again, after which it behaves like an inbound contact.
  assert.ok(coverage.succeeded.has('offer'));
});
