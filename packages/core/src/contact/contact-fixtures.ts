// Test fixtures: contacts brought to each phase and call situation through the public operations
// (never hand-built), plus the assertions the rule tests share. Used only by *.test.ts files.
import assert from 'node:assert/strict';
import type { ErrorCode } from '../error.ts';
import type { Result } from '../result.ts';
import { completeConsultConference, startConsult } from './consult.ts';
import type { Contact } from './contact.ts';
import type { ContactChange } from './contact-change.ts';
import type { ContactEventType } from './contact-events.ts';
import { createInboundContact, createOutboundContact } from './create.ts';
import { answerLeg } from './third-party.ts';
import { customerHangup } from './hangup.ts';
import { connectContact, enqueueContact, offerContact } from './queueing.ts';

export const T0 = 1_700_000_000_000;

export function must(result: Result<ContactChange>): Contact {
  if (!result.ok) throw result.error;
  return result.value.contact;
}

export function changeOf(result: Result<ContactChange>): ContactChange {
  if (!result.ok) throw result.error;
  return result.value;
}

export function eventTypes(result: Result<ContactChange>): ContactEventType[] {
  return changeOf(result).events.map((event) => event.type);
}

/** Freezes deeply so an operation that mutated its input would throw instead of passing. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Runs an operation on a frozen contact and checks it was refused with `code`, input untouched. */
export function assertRefused(
  contact: Contact,
  operation: (contact: Contact) => Result<ContactChange>,
  code: ErrorCode,
): void {
  const snapshot = structuredClone(contact);
  const result = operation(deepFreeze(contact));
  assert.equal(result.ok, false, 'expected the operation to be refused');
  if (!result.ok) assert.equal(result.error.code, code, result.error.message);
  assert.deepEqual(contact, snapshot);
}

export function newInbound(attached: readonly (readonly [string, string])[] = []): Contact {
  return must(
    createInboundContact({
      id: 'c1',
      customerNumber: '+33123456789',
      dialedNumber: '3000',
      at: T0,
      attached,
    }),
  );
}

export function queued(): Contact {
  return must(enqueueContact(newInbound([['USR_ref', 'A-1']]), { queueId: 'sales', at: T0 + 1000 }));
}

export function offered(): Contact {
  return must(offerContact(queued(), { agentId: 'alice', at: T0 + 2000 }));
}

export function connected(): Contact {
  return must(connectContact(offered(), { at: T0 + 3000 }));
}

export function wrapup(): Contact {
  return must(customerHangup(connected(), { at: T0 + 60_000, wrapup: true }));
}

export function done(): Contact {
  return must(customerHangup(connected(), { at: T0 + 60_000, wrapup: false }));
}

export function consulting(answered = true): Contact {
  const started = must(
    startConsult(connected(), { target: { kind: 'agent', agentId: 'bob' }, at: T0 + 10_000 }),
  );
  return answered ? must(answerLeg(started, { legId: started.consult!.legId, at: T0 + 12_000 })) : started;
}

export function conferenced(): Contact {
  return must(completeConsultConference(consulting(), { at: T0 + 15_000 }));
}

export function outboundDialing(): Contact {
  return must(createOutboundContact({ id: 'o1', agentId: 'alice', customerNumber: '+4420123456', at: T0 }));
}

/** One contact per phase, for the phase-table test. */
export function contactsByPhase(): Record<Contact['phase'], Contact> {
  return { queued: queued(), offered: offered(), connected: connected(), wrapup: wrapup(), done: done() };
}
