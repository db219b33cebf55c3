import type { Viewer } from '../scope/viewer.ts';

// Broad topics (agents, queues, stats, contacts) are shared by many sessions with different scopes.
// Rather than asking the role filter about every one of them for every event, sessions on a broad
// topic are filed under the keys of their scope, and an event is matched only against the sessions
// filed under its keys. The keys are a coarse over-approximation of the role filter (a property
// test holds them to it): the filter still decides, the keys only spare it the sessions it would
// refuse anyway. The event's keys are worked out by EventRouter.scopeKeys (event-route.ts).
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
