// The handover: the handling agent leaves and the customer stays bridged with another party.
// Blind transfer, consult-then-transfer and leaving a conference all end this way, so the rule
// lives once: the agent's leg ends as 'transferring', the other leg becomes 'transferred-to', the
// customer is off hold, and the new handler is that party if it is an agent who has answered.
import type { Millis } from '../ids.ts';
import type { Contact, Leg, Party, Target } from './contact.ts';
import { customerLeg, patchLeg } from './legs.ts';

export function handOver(contact: Contact, from: Leg, to: Leg, at: Millis): Contact {
  let after = patchLeg(contact, from.id, { role: 'transferring', state: 'ended' }, at);
  after = patchLeg(after, to.id, { role: 'transferred-to' }, at);
  const customer = customerLeg(after);
  if (customer.state === 'held') after = patchLeg(after, customer.id, { state: 'up' }, at);
  return {
    ...after,
    onHold: false,
    consult: null,
    conference: false,
    agentId: to.party.kind === 'agent' && to.state === 'up' ? to.party.agentId : null,
  };
}

export function targetOfParty(party: Exclude<Party, { kind: 'customer' }>): Target {
  switch (party.kind) {
    case 'agent':
      return { kind: 'agent', agentId: party.agentId };
    case 'extension':
      return { kind: 'extension', extension: party.extension };
    case 'external':
      return { kind: 'external', number: party.number };
  }
}
