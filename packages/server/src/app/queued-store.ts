import type { AgentId, AgentLogEvent, QueueLogEvent, Result } from '@switchboard/core';
import type { ContactRecord, Store } from '@switchboard/engine';
import type { Logger } from '../observability/json-logger.ts';
import { agentLogWrite } from '../persistence/agent-log-repository.ts';
import { contactRecordWrite } from '../persistence/contact-record-repository.ts';
import type { Database, Step } from '../persistence/database.ts';
import type { JournaledAgent, JournaledContact } from '../persistence/index.ts';
import { queueLogWrite } from '../persistence/queue-log-repository.ts';
import {
  agentLoggedInWrite,
  agentLoggedOutWrite,
  contactChangedWrite,
  contactStartedWrite,
} from '../persistence/recovery-journal.ts';
import type { JournalSink } from './journal-wiring.ts';

interface Write {
  readonly what: string;
  readonly steps: readonly Step[];
}

/**
 * The engine's synchronous Store (and the recovery journal) over an asynchronous database
 * (PostgreSQL). Writes queue in order and are committed by **group commit**: whatever queued while
 * the previous transaction was in flight goes in the next one, so a burst costs one round trip and
 * one fsync, not one per line. The engine reports a record right after saving it; ReportGate holds
 * what clients see until `written()` says the writes before it are committed, which is how "durable
 * before reported" holds here as it does for the SQLite store's write-through.
 *
 * A transaction the database refuses as a whole is retried one write at a time, so one bad write
 * cannot take its neighbours down; a write refused on its own is logged and counted (the server's
 * /health says degraded), never dropped silently. A value that fails validation is refused before
 * it queues, the same way.
 */
export class QueuedStore implements Store, JournalSink {
  readonly #db: Database;
  readonly #log: Logger;
  #queue: Write[] = [];
  /** Writes queued since the start, and those of them done (committed, or refused and logged). */
  #queued = 0;
  #done = 0;
  /** Who waits for the writes up to a count to be done (`written()`), in count order. */
  readonly #waiting: { readonly upTo: number; readonly resolve: () => void }[] = [];
  #running = false;
  failures = 0;

  constructor(db: Database, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  saveContactRecord(record: ContactRecord): void {
    this.#enqueue('contact record', contactRecordWrite(record));
  }

  appendQueueLog(entry: QueueLogEvent): void {
    this.#enqueue('queue log', queueLogWrite(entry));
  }

  appendAgentLog(entry: AgentLogEvent): void {
    this.#enqueue('agent log', agentLogWrite(entry));
  }

  contactStarted(entry: JournaledContact): void {
    this.#enqueue('journal', contactStartedWrite(entry));
  }

  contactChanged(entry: JournaledContact): void {
    this.#enqueue('journal', contactChangedWrite(entry));
  }

  agentLoggedIn(agent: JournaledAgent): void {
    this.#enqueue('journal', agentLoggedInWrite(agent));
  }

  agentLoggedOut(agentId: AgentId): void {
    this.#enqueue('journal', agentLoggedOutWrite(agentId));
  }

  /** Writes queued and not yet committed. */
  get backlog(): number {
    return this.#queued - this.#done;
  }

  /**
   * Settles once the first `upTo` writes (default: every write queued before the call) are committed
   * or refused and logged, even while newer writes keep coming: a busy server's queue is never empty
   * for long.
   */
  written(upTo: number = this.#queued): Promise<void> {
    if (this.#done >= upTo) return Promise.resolve();
    return new Promise((resolve) => {
      // Kept in count order (callers ask with growing counts, but nothing depends on it).
      let at = this.#waiting.length;
      while (at > 0 && this.#waiting[at - 1]!.upTo > upTo) at--;
      this.#waiting.splice(at, 0, { upTo, resolve });
    });
  }

  /** Writes queued since the start (ReportGate marks each event with it). */
  get queued(): number {
    return this.#queued;
  }

  /** Graceful stop: waits for the queue. */
  flush(): Promise<void> {
    return this.written();
  }

  #enqueue(what: string, write: Result<Step[]>): void {
    if (!write.ok) {
      this.failures++;
      this.#log.error(`${what} refused before writing`, { error: write.error });
      return;
    }
    this.#queue.push({ what, steps: write.value });
    this.#queued++;
    if (this.#running) return;
    this.#running = true;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    // Started from a synchronous engine call: let the rest of that call queue its writes first.
    await Promise.resolve();
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      await this.#commit(batch);
      this.#done += batch.length;
      while (this.#waiting.length > 0 && this.#waiting[0]!.upTo <= this.#done)
        this.#waiting.shift()!.resolve();
    }
    this.#running = false;
  }

  async #commit(batch: readonly Write[]): Promise<void> {
    if (batch.length > 1) {
      const together = await this.#attempt(batch.flatMap((w) => w.steps));
      if (together === null) return;
    }
    for (const write of batch) {
      const error = await this.#attempt(write.steps);
      if (error === null) continue;
      this.failures++;
      this.#log.error(`${write.what} write failed`, { error });
    }
  }

  /** Runs the steps in one transaction: null when committed, else what went wrong. */
  async #attempt(steps: readonly Step[]): Promise<unknown> {
    try {
      const done = await this.#db.run(steps);
      return done.ok ? null : done.error;
    } catch (error) {
      return error ?? new Error('write failed');
    }
  }
}
