import {
  type EngineEvent,
  type EngineEventListener,
  type EventBus,
  InMemoryEventBus,
} from '@switchboard/engine';

/** What the gate waits for: the store's writes, counted from the start. */
export interface WrittenSignal {
  /** Writes queued and not yet durable. */
  readonly backlog: number;
  /** Writes queued so far. */
  readonly queued: number;
  /** Settles once the first `upTo` writes are durable (default: all queued so far). */
  written(upTo?: number): Promise<void>;
}

/** An event, or an answer to pass on after the events before it; with the writes queued before it. */
interface Held {
  readonly item: EngineEvent | (() => void);
  readonly upTo: number;
}

/**
 * What clients see of the engine (the WebSocket API, statistics pushes, metrics of reported things)
 * on a store that commits after the engine goes on (PostgreSQL, QueuedStore): the engine's events in
 * their order, each one only once the writes queued before it are durable. The engine saves a record
 * or a queue line and then publishes its event, so an event let through here is never ahead of its
 * data: a client that sees `contact.ended` and asks REST for the record finds it. While nothing is
 * waiting to be written an event passes straight through, in the same turn.
 *
 * `whenReported(fn)` runs `fn` after every event already taken in has been passed on: a command's
 * answer goes that way, so it still follows the events the command caused.
 *
 * The engine itself and the server's own bookkeeping (recovery journal, operator log) listen on the
 * engine's bus directly: they must not wait for the database.
 */
export class ReportGate implements EventBus {
  readonly #out: InMemoryEventBus;
  readonly #store: WrittenSignal;
  readonly #held: Held[] = [];
  readonly #unsubscribe: () => void;
  readonly #onError: (error: unknown) => void;
  #draining = false;
  readonly #drainedWaiters: (() => void)[] = [];

  constructor(engineBus: EventBus, store: WrittenSignal, onListenerError: (error: unknown) => void) {
    this.#out = new InMemoryEventBus(onListenerError);
    this.#onError = onListenerError;
    this.#store = store;
    this.#unsubscribe = engineBus.subscribe((event) => this.#take(event));
  }

  subscribe(listener: EngineEventListener): () => void {
    return this.#out.subscribe(listener);
  }

  /** Publishing goes through the engine's bus; this is the view of it. */
  publish(event: EngineEvent): void {
    this.#take(event);
  }

  whenReported(fn: () => void): void {
    if (this.#held.length === 0) this.#run(fn);
    else this.#held.push({ item: fn, upTo: this.#store.queued });
  }

  /** Events taken in and not yet passed on. */
  get holding(): number {
    return this.#held.length;
  }

  /** Settles once nothing is held (graceful stop: what was taken in is passed on first). */
  drained(): Promise<void> {
    if (this.#held.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainedWaiters.push(resolve));
  }

  close(): void {
    this.#unsubscribe();
  }

  #run(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#onError(error);
    }
  }

  #take(event: EngineEvent): void {
    if (this.#held.length === 0 && this.#store.backlog === 0) {
      this.#out.publish(event);
      return;
    }
    // The engine writes, then publishes: the writes this event depends on are those queued so far.
    this.#held.push({ item: event, upTo: this.#store.queued });
    if (!this.#draining) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    while (this.#held.length > 0) {
      const upTo = this.#held[0]!.upTo;
      await this.#store.written(upTo);
      // The head and whatever behind it needs no later write go, in order; the rest waits for more.
      let n = 0;
      while (n < this.#held.length && this.#held[n]!.upTo <= upTo) n++;
      for (const { item } of this.#held.splice(0, n)) {
        if (typeof item === 'function') this.#run(item);
        else this.#out.publish(item);
      }
    }
    this.#draining = false;
    for (const resolve of this.#drainedWaiters.splice(0)) resolve();
  }
}
