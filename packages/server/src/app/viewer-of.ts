import type { Principal } from '../auth/principal.ts';
import type { Viewer } from '../scope/viewer.ts';

/**
 * The role filter's view of an authenticated principal. An agent-role user's id is its agent's id:
 * that is how the directory links a login to the agent it speaks for (see docs/api.md).
 */
export function viewerOf(principal: Principal): Viewer {
  switch (principal.role) {
    case 'admin':
      return { role: 'admin' };
    case 'agent':
      return { role: 'agent', agentId: principal.userId };
    case 'supervisor':
      return {
        role: 'supervisor',
        queues: new Set(principal.scope?.queues ?? []),
        agentGroups: new Set(principal.scope?.agentGroups ?? []),
      };
  }
}
