import type { AgentId, Contact } from '@switchboard/core';
import type { ContactRecord, EngineEvent } from '@switchboard/engine';
import { type ScopeDirectory, seesQueue, supervisesAgent, type Viewer } from './viewer.ts';

/**
 * The role filter every event and every REST answer passes before it leaves the server.
 * - admin: everything;
 * - supervisor: queue lines and contacts of its queues, and agents of its groups (with the contacts
 *   they handle);
 * - agent: its own state and log, contacts it is or was offered/handling, queue lines naming it.
 */
export function canSee(viewer: Viewer, event: EngineEvent, directory: ScopeDirectory): boolean {
  if (viewer.role === 'admin') return true;
  switch (event.type) {
    case 'agent.state':
      return supervisesAgent(viewer, event.agentId, directory);
    case 'agent.log':
      return supervisesAgent(viewer, event.entry.agentId, directory);
    case 'queue.log': {
      if (seesQueue(viewer, event.entry.queueId)) return true;
      const named = 'agentId' in event.entry ? event.entry.agentId : null;
      return viewer.role === 'agent' && named === viewer.agentId;
    }
    case 'contact.changed':
      return canSeeContact(viewer, event.contact, directory);
    case 'contact.ended':
      return canSeeRecord(viewer, event.record, directory);
  }
}

// These run for every candidate recipient of every event: they loop instead of building the
// contact's agent list (a Set and an array per check were a measurable share of the fan-out).
export function canSeeContact(viewer: Viewer, contact: Contact, directory: ScopeDirectory): boolean {
  if (seesQueue(viewer, contact.queueId)) return true;
  if (contact.offeredTo !== null && supervisesAgent(viewer, contact.offeredTo, directory)) return true;
  if (contact.agentId !== null && supervisesAgent(viewer, contact.agentId, directory)) return true;
  for (const leg of contact.legs) {
    if (leg.party.kind === 'agent' && supervisesAgent(viewer, leg.party.agentId, directory)) return true;
  }
  return false;
}

export function canSeeRecord(viewer: Viewer, record: ContactRecord, directory: ScopeDirectory): boolean {
  if (seesQueue(viewer, record.queueId)) return true;
  for (const agentId of record.agents) if (supervisesAgent(viewer, agentId, directory)) return true;
  return false;
}

/** Every agent of ours the contact involves: offered to, handling, or on any leg. */
export function agentsOfContact(contact: Contact): AgentId[] {
  const agents = new Set<AgentId>();
  if (contact.offeredTo !== null) agents.add(contact.offeredTo);
  if (contact.agentId !== null) agents.add(contact.agentId);
  for (const leg of contact.legs) if (leg.party.kind === 'agent') agents.add(leg.party.agentId);
  return [...agents];
}
