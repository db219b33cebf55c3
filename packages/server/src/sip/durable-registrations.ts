// The registrar's bindings kept in the server's database (table sip_registrations), so that a server
// restarted - gracefully or after kill -9 - knows at once every phone registered before: its agents
// can log in and its calls reach it without waiting for the phone's next refresh (an hour, on many
// desk phones). The registrar and the B2BUA keep using the in-memory RegistrationStore; this follows
// its change events and writes each extension's bindings through, like DurableDialogStore:
//  - SQLite: synchronously, committed (synchronous=FULL) inside the change event, which the store
//    emits before the registrar builds its 200 - a phone told "registered" is registered on disk;
//  - PostgreSQL: queued in order and committed shortly after; `flush()` waits for the queue. A kill
//    can lose the last few changes (a refresh: the binding comes back with its older expiry and CSeq,
//    which the phone's next refresh, with a higher CSeq, still passes).
// A failed write is logged and counted (the sip /health component shows it), never thrown into the
// SIP handling: a phone that cannot be made durable is still registered for this process's life.
//
// On open, before SIP listens, the stored bindings come back into the store with their expiry timers
// (RegistrationStore.restore) - but only those that came over UDP. A TCP or WebSocket binding is
// reached on its connection, and that connection died with the process (the kernel closed the socket
// even on kill -9, so the phone saw it close and reconnects and registers again - RFC 5626 §4.4.1,
// what JsSIP and TCP desk phones do); restored, it would let an agent log in on a phone no call can
// reach. Those rows are deleted, as are expired and corrupt ones (logged; never handed to the registrar).
import type { RegistrationStore, SipBinding } from '@switchboard/telephony/sip';
import type { Logger } from '../observability/json-logger.ts';
import type { Database, Step } from '../persistence/database.ts';
import {
  LIST_REGISTRATIONS_SQL,
  registrationsOf,
  removeRegistrationWrite,
  replaceRegistrationsWrite,
} from '../persistence/registration-repository.ts';
import { WriteThrough } from '../persistence/write-through.ts';

/** What the start found in the table. */
export interface RegistrationRestore {
  /** Bindings back in the registrar (UDP, unexpired). */
  readonly restored: number;
  /** Extensions registered again by them. */
  readonly extensions: number;
  /** TCP and WebSocket bindings dropped: their connection died with the previous process. */
  readonly connectionBound: number;
  /** Bindings whose expiry passed while the server was down. */
  readonly expired: number;
  /** Rows that failed validation (logged with their reason). */
  readonly corrupt: number;
}

/** A binding that is reached on its connection (TCP, WS) rather than at an address. */
export function isConnectionBound(binding: SipBinding): boolean {
  return binding.source.transport !== 'UDP' || binding.source.connectionId !== undefined;
}

export class DurableRegistrations {
  readonly #store: RegistrationStore;
  readonly #restore: RegistrationRestore;
  #unsubscribe: () => void = () => {};
  readonly #writes: WriteThrough;

  private constructor(db: Database, log: Logger, store: RegistrationStore, restore: RegistrationRestore) {
    this.#store = store;
    this.#restore = restore;
    this.#writes = new WriteThrough(db, log);
  }

  /**
   * Restores the stored UDP bindings into `store` (before SIP listens), deletes the rows that are
   * not restored, then writes every later change of `store` through.
   */
  static async open(db: Database, log: Logger, store: RegistrationStore): Promise<DurableRegistrations> {
    const stored = registrationsOf(await db.query(LIST_REGISTRATIONS_SQL));
    const drop: Step[] = stored.corrupt.flatMap((c) => removeRegistrationWrite(c.extension, c.position));
    if (stored.corrupt.length > 0)
      log.error('stored SIP registrations are invalid and were dropped (the phones register again)', {
        registrations: stored.corrupt,
      });
    const reachable = stored.bindings.filter((s) => !isConnectionBound(s.binding));
    const taken = new Set(store.restore(reachable.map((s) => s.binding)));
    for (const s of stored.bindings)
      if (!taken.has(s.binding)) drop.push(...removeRegistrationWrite(s.binding.extension, s.position));
    const restore: RegistrationRestore = {
      restored: taken.size,
      extensions: new Set([...taken].map((b) => b.extension)).size,
      connectionBound: stored.bindings.length - reachable.length,
      expired: reachable.length - taken.size,
      corrupt: stored.corrupt.length,
    };
    const durable = new DurableRegistrations(db, log, store, restore);
    if (drop.length > 0) {
      const done = await db.run(drop);
      if (!done.ok) durable.#writes.failed('could not drop stored registrations', { error: done.error });
    }
    if (stored.bindings.length + stored.corrupt.length > 0)
      log.info('phone registrations restored from the database', { ...restore });
    durable.#unsubscribe = store.onChange((change) => durable.#write(change.extension));
    return durable;
  }

  /** What the start found in the table. */
  get restore(): RegistrationRestore {
    return this.#restore;
  }

  /** Writes queued and not yet committed (always 0 on SQLite). */
  get backlog(): number {
    return this.#writes.backlog;
  }

  /** Writes that failed or were refused since start (logged each time). */
  get failures(): number {
    return this.#writes.failures;
  }

  /** Resolves once every queued write is committed (or has failed and been logged). */
  flush(): Promise<void> {
    return this.#writes.flush();
  }

  /**
   * Stops following the store (before its clear() at a stop: the rows stay, the next start restores
   * them) and waits for the queued writes.
   */
  close(): Promise<void> {
    this.#unsubscribe();
    return this.#writes.flush();
  }

  #write(extension: string): void {
    const { steps, refused } = replaceRegistrationsWrite(extension, this.#store.contactsOf(extension));
    if (refused.length > 0)
      this.#writes.failed('a phone registration was refused by its checks', { refused });
    this.#writes.write(steps, 'registration write', { extension });
  }
}
