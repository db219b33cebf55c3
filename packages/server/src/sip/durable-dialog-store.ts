// The B2BUA's DialogStore kept in the server's database, so that a server restarted after kill -9
// can send a BYE to both legs of every call it was running. The B2BUA reads `all()` synchronously
// and calls save/remove from the middle of its SIP handling, so the records live in memory and every
// change is written through:
//  - SQLite: synchronously, committed (and fsynced, synchronous=FULL) before save() returns - a leg
//    confirmed before the kill is on disk;
//  - PostgreSQL: queued in order and committed shortly after (like app/queued-store.ts); `flush()`
//    waits for the queue at a graceful stop. A kill can lose the last few changes: a leg saved but not
//    yet committed gets no BYE after the restart (its phone's own session timer or the far end's
//    patience ends it) - the price of an asynchronous database on a synchronous port.
// A failed write is logged and counted (health shows it), never thrown into the SIP handling: losing
// the after-crash BYE of one leg is better than failing the live call.
import type { DialogRecord, DialogStore } from '@switchboard/telephony/sip';
import type { Logger } from '../observability/json-logger.ts';
import type { Database } from '../persistence/database.ts';
import {
  type CorruptDialog,
  dialogsOf,
  LIST_DIALOGS_SQL,
  removeDialogWrite,
  saveDialogWrite,
} from '../persistence/dialog-repository.ts';
import { WriteThrough } from '../persistence/write-through.ts';

export class DurableDialogStore implements DialogStore {
  readonly #db: Database;
  readonly #log: Logger;
  readonly #records = new Map<string, DialogRecord>();
  readonly #writes: WriteThrough;

  private constructor(db: Database, log: Logger) {
    this.#db = db;
    this.#log = log;
    this.#writes = new WriteThrough(db, log);
  }

  /**
   * Loads the stored dialogs (before SIP starts: they are what a crash left). A corrupt row is never
   * handed to the B2BUA: it is logged with its body's reason and deleted, since nothing can end it.
   */
  static async open(db: Database, log: Logger): Promise<DurableDialogStore> {
    const store = new DurableDialogStore(db, log);
    const stored = dialogsOf(await db.query(LIST_DIALOGS_SQL));
    for (const record of stored.records) store.#records.set(record.key, record);
    if (stored.corrupt.length > 0) await store.#dropCorrupt(stored.corrupt);
    return store;
  }

  save(record: DialogRecord): void {
    this.#records.set(record.key, record);
    const steps = saveDialogWrite(record);
    if (!steps.ok) {
      this.#writes.failed('a dialog record was refused', { key: record.key, error: steps.error });
      return;
    }
    this.#writes.write(steps.value, 'dialog save');
  }

  remove(key: string): void {
    // Memory mirrors the table: a key not here is not there either.
    if (!this.#records.delete(key)) return;
    this.#writes.write(removeDialogWrite(key), 'dialog remove');
  }

  all(): readonly DialogRecord[] {
    return [...this.#records.values()];
  }

  get size(): number {
    return this.#records.size;
  }

  /** Writes queued and not yet committed (always 0 on SQLite). */
  get backlog(): number {
    return this.#writes.backlog;
  }

  /** Writes that failed since start (logged each time). */
  get failures(): number {
    return this.#writes.failures;
  }

  /** Resolves once every queued write is committed (or has failed and been logged). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  async #dropCorrupt(corrupt: readonly CorruptDialog[]): Promise<void> {
    this.#log.error('stored SIP dialogs are invalid and were dropped (no BYE can be built from them)', {
      dialogs: corrupt,
    });
    const done = await this.#db.run(corrupt.flatMap((c) => removeDialogWrite(c.key)));
    if (!done.ok) this.#writes.failed('could not drop invalid dialogs', { error: done.error });
  }
}
