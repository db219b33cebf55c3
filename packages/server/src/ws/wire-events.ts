import type { EngineEvent } from '@switchboard/engine';
import type { WireEvent } from '@switchboard/protocol';
import { canSee } from '../scope/role-filter.ts';
import { type ScopeDirectory, seesQueue, supervisesAgent, type Viewer } from '../scope/viewer.ts';

/**
 * The wire event of an engine event: the published engine events are already wire-shaped (the
 * protocol conformance test holds them to it); the internal agent log is not published.
 */
export function wireEventOf(event: EngineEvent): WireEvent | null {
  return event.type === 'agent.log' ? null : event;
}

/**
 * The role filter for everything the WebSocket sends: engine events through `canSee`, and the
 * statistics events the server makes itself by the same rule (a queue's figures to whom sees the
 * queue, an agent's figures to whom supervises the agent).
 */
export function canSeeWire(viewer: Viewer, event: WireEvent, directory: ScopeDirectory): boolean {
  switch (event.type) {
    case 'queue.stats':
      return seesQueue(viewer, event.snapshot.queueId);
    case 'agent.stats':
      return supervisesAgent(viewer, event.stats.agentId, directory);
    default:
      return canSee(viewer, event as EngineEvent, directory);
  }
}
