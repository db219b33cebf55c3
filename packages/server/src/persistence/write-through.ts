import type { Logger } from '../observability/json-logger.ts';
import { type Database, isSyncDatabase, type Step } from './database.ts';

/**
 * Writes a component's changes to the database from the middle of synchronous work (the SIP
 * registrar, the B2BUA), in order:
 *  - SQLite: committed (and fsynced, synchronous=FULL) before `write` returns;
 *  - PostgreSQL: queued and committed shortly after; `flush()` waits for the queue.
 * A failed or refused write is logged and counted (`failures`, which /health reads), never thrown
 * into the caller: the live work goes on, only its durability is lost.
 */
export class WriteThrough {
  readonly #db: Database;
  readonly #log: Logger;
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #failures = 0;

  constructor(db: Database, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  /** `what` names the write in the log ("dialog save" → "dialog save failed"); `fields` go with it. */
  write(steps: readonly Step[], what: string, fields: Record<string, unknown> = {}): void {
    const db = this.#db;
    if (isSyncDatabase(db)) {
      try {
        const done = db.runSync(steps);
        if (!done.ok) this.failed(`${what} refused by the database`, { ...fields, error: done.error });
      } catch (error) {
        this.failed(`${what} failed`, { ...fields, error });
      }
      return;
    }
    this.#pending++;
    this.#chain = this.#chain.then(async () => {
      try {
        const done = await db.run(steps);
        if (!done.ok) this.failed(`${what} refused by the database`, { ...fields, error: done.error });
      } catch (error) {
        this.failed(`${what} failed`, { ...fields, error });
      } finally {
        this.#pending--;
      }
    });
  }

  /** Counts and logs a failure found by the caller (a value refused by its checks). */
  failed(message: string, fields: Record<string, unknown>): void {
    this.#failures++;
    this.#log.error(message, fields);
  }

  /** Writes queued and not yet committed (always 0 on SQLite). */
  get backlog(): number {
    return this.#pending;
  }

  /** Writes that failed or were refused since start (logged each time). */
  get failures(): number {
    return this.#failures;
  }

  /** Resolves once every queued write is committed (or has failed and been logged). */
  flush(): Promise<void> {
    return this.#chain;
  }
}
