import type { EngineEvent } from '../engine-events.ts';
import type { EngineEventListener, EventBus } from '../ports/event-bus.ts';

/** In-process fan-out. A listener that throws is isolated so one bad subscriber cannot stop the engine. */
export class InMemoryEventBus implements EventBus {
  private readonly listeners = new Set<EngineEventListener>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void = () => {}) {
    this.onListenerError = onListenerError;
  }

  publish(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
