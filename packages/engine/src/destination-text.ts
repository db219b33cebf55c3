import type { Destination } from '@switchboard/core';

/** How a destination (or a transfer target, the same kinds without `hangup`) is written in the queue log. */
export function describeDestination(destination: Destination): string {
  switch (destination.kind) {
    case 'queue':
      return `queue:${destination.queueId}`;
    case 'agent':
      return `agent:${destination.agentId}`;
    case 'extension':
      return `extension:${destination.extension}`;
    case 'external':
      return `external:${destination.number}`;
    case 'hangup':
      return 'hangup';
  }
}
