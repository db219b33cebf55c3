import type { WireEvent } from '@switchboard/protocol';
import { agentsOfContact } from '../scope/role-filter.ts';
import type { ScopeDirectory, Viewer } from '../scope/viewer.ts';

// Broad topics (agents, queues, stats, contacts) are shared by many sessions with different scopes.
// Rather than asking the role filter about every one of them for every event, sessions on a broad
// topic are filed under the keys of their scope, and an event is matched only against the sessions
// filed under its keys. The keys are a coarse over-approximation of the role filter (a property
// test holds them to it): the filter still decides, the keys only spare it the sessions it would
// refuse anyway.
//   admin        '*'
//   supervisor   'q:<queue>' for each queue, 'g:<group>' for each agent group of its profile
//   agent        'a:<agent>'

export const ALL_SCOPE_KEY = '*';

export function viewerScopeKeys(viewer: Viewer): string[] {
  switch (viewer.role) {
    case 'admin':
      return [ALL_SCOPE_KEY];
    case 'agent':
      return [`a:${viewer.agentId}`];
    case 'supervisor':
      return [...[...viewer.queues].map((q) => `q:${q}`), ...[...viewer.agentGroups].map((g) => `g:${g}`)];
  }
}

/** The keys of every scope that may see the event: its queue, its agents and their groups, and '*'. */
export function eventScopeKeys(event: WireEvent, directory: ScopeDirectory): string[] {
  const keys = [ALL_SCOPE_KEY];
  const queue = (queueId: string | null) => {
    if (queueId !== null) keys.push(`q:${queueId}`);
  };
  const agent = (agentId: string) => {
    keys.push(`a:${agentId}`);
    for (const group of directory.groupsOf(agentId)) keys.push(`g:${group}`);
  };
  switch (event.type) {
    case 'agent.state':
      agent(event.agentId);
      break;
    case 'agent.stats':
      agent(event.stats.agentId);
      break;
    case 'queue.stats':
      queue(event.snapshot.queueId);
      break;
    case 'queue.log':
      queue(event.entry.queueId);
      if ('agentId' in event.entry) agent(event.entry.agentId);
      break;
    case 'contact.changed':
      queue(event.contact.queueId);
      for (const a of agentsOfContact(event.contact as never)) agent(a);
      break;
    case 'contact.ended':
      queue(event.record.queueId);
      for (const a of new Set(event.record.agents)) agent(a);
      break;
  }
  return keys;
}
