import type { EngineEvent } from '../engine-events.ts';

export type EngineEventListener = (event: EngineEvent) => void;

/** Where engine events go: in-process now, a message bus (NATS) when several nodes share the work. */
export interface EventBus {
  publish(event: EngineEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EngineEventListener): () => void;
}
