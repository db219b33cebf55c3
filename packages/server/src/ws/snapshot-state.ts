import {
  type AgentId,
  type AgentStats,
  allowedActions,
  type Contact,
  type QueueSnapshot,
} from '@switchboard/core';
import type { Engine } from '@switchboard/engine';
import { parseTopic, type SnapshotState, type Topic } from '@switchboard/protocol';
import { agentsOfContact, canSeeContact } from '../scope/role-filter.ts';
import { type ScopeDirectory, seesQueue, supervisesAgent, type Viewer } from '../scope/viewer.ts';

export interface SnapshotSources {
  readonly engine: Engine;
  readonly directory: ScopeDirectory;
}

/**
 * What a set of topics covers right now, through the role filter: the same things the topics'
 * events would carry (agent states, contacts, queue figures, agent figures), each listed once.
 */
export function snapshotState(
  topics: readonly Topic[],
  viewer: Viewer,
  ownAgentId: AgentId,
  sources: SnapshotSources,
): SnapshotState {
  const { engine, directory } = sources;
  const agents = new Set<AgentId>();
  const agentStats = new Set<AgentId>();
  const queues = new Set<string>();
  const contactAgents = new Set<AgentId>();
  let allContacts = false;
  const visibleAgents = () => engine.agentIds().filter((a) => supervisesAgent(viewer, a, directory));
  const visibleQueues = () => engine.queueIds().filter((q) => seesQueue(viewer, q));
  for (const topic of topics) {
    const parsed = parseTopic(topic);
    if (!parsed.ok) continue;
    const t = parsed.value;
    switch (t.kind) {
      case 'agent-self':
      case 'agent': {
        const agentId = t.kind === 'agent' ? t.agentId : ownAgentId;
        if (!supervisesAgent(viewer, agentId, directory)) break;
        agents.add(agentId);
        agentStats.add(agentId);
        contactAgents.add(agentId);
        break;
      }
      case 'agents':
        for (const a of visibleAgents()) agents.add(a);
        break;
      case 'queue':
        if (seesQueue(viewer, t.queueId)) queues.add(t.queueId);
        break;
      case 'queues':
        for (const q of visibleQueues()) queues.add(q);
        break;
      case 'stats':
        for (const q of visibleQueues()) queues.add(q);
        for (const a of visibleAgents()) agentStats.add(a);
        break;
      case 'contacts':
        allContacts = true;
        break;
    }
  }
  const contacts: Contact[] = [];
  for (const contact of engine.liveContactList()) {
    const wanted = allContacts
      ? canSeeContact(viewer, contact, directory)
      : agentsOfContact(contact).some((a) => contactAgents.has(a));
    if (wanted) contacts.push(contact);
  }
  return {
    topics: [...topics],
    agents: [...agents].flatMap((agentId) => {
      const state = engine.agentState(agentId);
      return state === undefined ? [] : [{ state, actions: allowedActions(state) }];
    }),
    contacts,
    queues: [...queues].flatMap((q): QueueSnapshot[] => {
      const snapshot = engine.queueSnapshot(q);
      return snapshot.ok ? [snapshot.value] : [];
    }),
    agentStats: [...agentStats].flatMap((a): AgentStats[] => {
      const stats = engine.agentStats(a);
      return stats.ok ? [stats.value] : [];
    }),
  };
}
