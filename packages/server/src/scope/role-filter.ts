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

export function canSeeContact(viewer: Viewer, contact: Contact, directory: ScopeDirectory): boolean {
  if (seesQueue(viewer, contact.queueId)) return true;
  return agentsOfContact(contact).some((a) => supervisesAgent(viewer, a, directory));
}

export function canSeeRecord(viewer: Viewer, record: ContactRecord, directory: ScopeDirectory): boolean {
  if (seesQueue(viewer, record.queueId)) return true;
  return record.agents.some((a) => supervisesAgent(viewer, a, directory));
}

/** Every agent of ours the contact involves: offered to, handling, or on any leg. */
export function agentsOfContact(contact: Contact): AgentId[] {
  const agents = new Set<AgentId>();
  if (contact.offeredTo !== null) agents.add(contact.offeredTo);
  if (contact.agentId !== null) agents.add(contact.agentId);
  for (const leg of contact.legs) if (leg.party.kind === 'agent') agents.add(leg.party.agentId);
  return [...agents];
}
