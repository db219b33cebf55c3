import type { AgentId, QueueId } from '@switchboard/core';

/**
 * Who is looking, as the role filter needs it: admins see everything, a supervisor the queues and
 * agent groups of its profile (xuc's Supervisor profile), an agent only itself.
 */
export type Viewer =
  | { readonly role: 'admin' }
  | {
      readonly role: 'supervisor';
      readonly queues: ReadonlySet<QueueId>;
      readonly agentGroups: ReadonlySet<string>;
    }
  | { readonly role: 'agent'; readonly agentId: AgentId };

/** What the filter must know about agents that events do not carry. */
export interface ScopeDirectory {
  groupsOf(agentId: AgentId): readonly string[];
}

/** An agent is in a supervisor's scope when it belongs to one of the supervisor's agent groups. */
export function supervisesAgent(viewer: Viewer, agentId: AgentId, directory: ScopeDirectory): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'agent':
      return viewer.agentId === agentId;
    case 'supervisor':
      for (const group of directory.groupsOf(agentId)) if (viewer.agentGroups.has(group)) return true;
      return false;
  }
}

/** A queue is in scope for admins and for supervisors that list it; agents see no queue as a whole. */
export function seesQueue(viewer: Viewer, queueId: QueueId | null): boolean {
  if (viewer.role === 'admin') return true;
  return viewer.role === 'supervisor' && queueId !== null && viewer.queues.has(queueId);
}
