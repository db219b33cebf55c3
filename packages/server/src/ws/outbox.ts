/** Something with frames waiting to go out. */
export interface Flushable {
  /** `now`: the time of the flush (performance.now), read once for all connections of the turn. */
  flush(now: number): void;
}

/**
 * Coalesces sends per connection per turn of the event loop: frames produced while handling one
 * input (a command's result and the events it caused, a burst of engine events) are queued, and
 * every connection with something queued is flushed once, in one socket write, when the turn ends
 * (setImmediate runs after the current I/O callbacks). Order within a connection is kept.
 */
export class Outbox {
  readonly #dirty: Flushable[] = [];
  readonly #schedule: (run: () => void) => void;
  readonly #afterFlush: () => void;
  readonly #now: () => number;
  #scheduled = false;

  /**
   * `schedule` defaults to setImmediate; tests pass their own to flush by hand. `afterFlush` runs
   * once per flush (the hub settles its per-turn counters there).
   */
  constructor(
    schedule: (run: () => void) => void = (run) => setImmediate(run),
    afterFlush: () => void = () => {},
    now: () => number = () => performance.now(),
  ) {
    this.#schedule = schedule;
    this.#afterFlush = afterFlush;
    this.#now = now;
  }

  /** Whether a flush is due at the end of the current turn (something was queued in it). */
  get pending(): boolean {
    return this.#scheduled;
  }

  /** Called by a connection when its queue goes from empty to non-empty. */
  mark(connection: Flushable): void {
    this.#dirty.push(connection);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flushAll());
  }

  flushAll(): void {
    this.#scheduled = false;
    const dirty = this.#dirty.splice(0);
    const now = this.#now();
    for (const connection of dirty) connection.flush(now);
    this.#afterFlush();
  }
}
