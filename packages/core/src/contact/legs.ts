// Reading and rewriting a contact's legs. Legs are appended, never removed, so an id derived from
// the position is unique for the life of the contact and core needs no id generator.
import type { LegId, Millis } from '../ids.ts';
import type { Contact, Leg, LegState, Party, Target } from './contact.ts';
import type { LegRole } from './leg-roles.ts';

export function legIdAt(contactId: string, index: number): LegId {
  return `${contactId}.L${index + 1}`;
}

export function isLive(leg: Leg): boolean {
  return leg.state !== 'ended';
}

export function findLeg(contact: Contact, legId: LegId): Leg | undefined {
  return contact.legs.find((leg) => leg.id === legId);
}

export function customerLeg(contact: Contact): Leg {
  // legs[0] is the customer's by construction (create*.ts builds it first).
  return contact.legs[0]!;
}

/**
 * An outbound contact still dialing: the customer's phone rings while the agent waits. Only then
 * is 'offered' about the customer (connect = the customer answers); an outbound contact that was
 * later transferred to a queue is offered to agents like an inbound one.
 */
export function isDialing(contact: Contact): boolean {
  return contact.direction === 'outbound' && customerLeg(contact).state === 'ringing';
}

/** The live leg of the agent handling the contact (whatever role it plays), if any. */
export function agentLeg(contact: Contact): Leg | undefined {
  const agentId = contact.agentId;
  if (agentId === null) return undefined;
  return contact.legs.find(
    (leg) => isLive(leg) && leg.party.kind === 'agent' && leg.party.agentId === agentId,
  );
}

/** The live leg of an agent whose call is up (answered), which call actions need. */
export function talkingAgentLeg(contact: Contact): Leg | undefined {
  const leg = agentLeg(contact);
  return leg !== undefined && leg.state === 'up' ? leg : undefined;
}

export function partyOf(target: Exclude<Target, { kind: 'queue' }>): Party {
  switch (target.kind) {
    case 'agent':
      return { kind: 'agent', agentId: target.agentId };
    case 'extension':
      return { kind: 'extension', extension: target.extension };
    case 'external':
      return { kind: 'external', number: target.number };
  }
}

export function newLeg(contact: Contact, role: LegRole, party: Party, state: LegState, at: Millis): Leg {
  return {
    id: legIdAt(contact.id, contact.legs.length),
    role,
    party,
    state,
    muted: false,
    startedAt: at,
    endedAt: state === 'ended' ? at : null,
  };
}

export function appendLeg(contact: Contact, leg: Leg): Contact {
  return { ...contact, legs: [...contact.legs, leg] };
}

export interface LegPatch {
  readonly state?: LegState;
  readonly role?: LegRole;
  readonly muted?: boolean;
}

/** Rewrites one leg. An ended leg is never touched again, which is what keeps "ends once" true. */
export function patchLeg(contact: Contact, legId: LegId, patch: LegPatch, at: Millis): Contact {
  return {
    ...contact,
    legs: contact.legs.map((leg) => (leg.id === legId && isLive(leg) ? applyPatch(leg, patch, at) : leg)),
  };
}

/** Ends every live leg that matches (all of them by default). */
export function endLegs(contact: Contact, at: Millis, which: (leg: Leg) => boolean = () => true): Contact {
  return {
    ...contact,
    legs: contact.legs.map((leg) =>
      isLive(leg) && which(leg) ? applyPatch(leg, { state: 'ended' }, at) : leg,
    ),
  };
}

function applyPatch(leg: Leg, patch: LegPatch, at: Millis): Leg {
  const state = patch.state ?? leg.state;
  return {
    ...leg,
    role: patch.role ?? leg.role,
    muted: patch.muted ?? leg.muted,
    state,
    endedAt: state === 'ended' ? at : null,
  };
}

export function sameParty(a: Party, b: Party): boolean {
  switch (a.kind) {
    case 'customer':
      return b.kind === 'customer' && b.number === a.number;
    case 'agent':
      return b.kind === 'agent' && b.agentId === a.agentId;
    case 'extension':
      return b.kind === 'extension' && b.extension === a.extension;
    case 'external':
      return b.kind === 'external' && b.number === a.number;
  }
}
