// Blind (single-step) transfer: to a queue, an agent, an extension or an external number.
import type { Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact, Target } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { checkTarget, invalid } from './contact-input.ts';
import { handOver } from './handover.ts';
import { appendLeg, customerLeg, newLeg, partyOf, patchLeg, talkingAgentLeg } from './legs.ts';
import { checkOperation } from './phase-table.ts';

/**
 * To a queue: the agent's leg ends and the contact waits again in that queue (phase 'queued', a new
 * queuedAt, no agent), keeping its attached data, priority and disposition; recording stops because
 * the recorded conversation is over. To an agent, extension or external number: a 'transferred-to'
 * leg starts ringing, the agent's leg ends, the contact stays 'connected' with no agent of ours until
 * a target agent answers (answerLeg) — see README "Transfer and consult".
 */
export function blindTransfer(
  contact: Contact,
  input: { target: Target; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'blindTransfer', input.at);
  if (!guard.ok) return guard;
  const target = checkTarget(input.target);
  if (!target.ok) return target;
  const agent = talkingAgentLeg(contact);
  if (agent === undefined || contact.agentId === null) {
    return fail('no_call', 'no agent of ours is talking on this contact', { contactId: contact.id });
  }
  if (contact.consult !== null) {
    return fail('conflict', 'a consultation is in progress: complete it as a transfer instead', {
      contactId: contact.id,
    });
  }
  if (contact.conference) {
    return fail('conflict', 'the contact is in a conference: hang up to leave it to the other party', {
      contactId: contact.id,
    });
  }
  const to = target.value;
  if (to.kind === 'agent' && to.agentId === contact.agentId) {
    return invalid('target.agentId', 'is the agent already handling the contact', to.agentId);
  }
  if (to.kind === 'queue') {
    let after = patchLeg(contact, agent.id, { role: 'transferring', state: 'ended' }, input.at);
    const customer = customerLeg(after);
    if (customer.state === 'held') after = patchLeg(after, customer.id, { state: 'up' }, input.at);
    after = {
      ...after,
      phase: 'queued',
      queueId: to.queueId,
      queuedAt: input.at,
      offeredAt: null,
      offeredTo: null,
      connectedAt: null,
      agentId: null,
      onHold: false,
      recording: 'off',
    };
    return commit(contact, after, input.at, [
      { type: 'transferred', target: to, byAgentId: contact.agentId, mode: 'blind', toLegId: null },
    ]);
  }
  const leg = newLeg(contact, 'transferred-to', partyOf(to), 'ringing', input.at);
  const after = handOver(appendLeg(contact, leg), agent, leg, input.at);
  return commit(contact, after, input.at, [
    { type: 'transferred', target: to, byAgentId: contact.agentId, mode: 'blind', toLegId: leg.id },
  ]);
}
