import type { AgentLogEvent, QueueLogEvent } from '@switchboard/core';
import type { ContactRecord, Store } from '@switchboard/engine';
import type { Logger } from '../observability/json-logger.ts';
import type { Persistence } from '../persistence/index.ts';

/**
 * The engine's synchronous Store over an asynchronous database (PostgreSQL): writes are queued in
 * order and committed one after another. Unlike the SQLite store (write-through, committed before the
 * engine reports), a record here is durable shortly AFTER it is reported; `flush()` waits for the
 * queue (graceful stop). A failed write is logged and counted as unhealthy, never dropped silently.
 */
export class QueuedStore implements Store {
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  failures = 0;
  private readonly persistence: Persistence;
  private readonly log: Logger;

  constructor(persistence: Persistence, log: Logger) {
    this.persistence = persistence;
    this.log = log;
  }

  saveContactRecord(record: ContactRecord): void {
    this.enqueue('contact record', () => this.persistence.records.insert(record));
  }

  appendQueueLog(entry: QueueLogEvent): void {
    this.enqueue('queue log', () => this.persistence.queueLog.append(entry));
  }

  appendAgentLog(entry: AgentLogEvent): void {
    this.enqueue('agent log', () => this.persistence.agentLog.append(entry));
  }

  get backlog(): number {
    return this.pending;
  }

  flush(): Promise<void> {
    return this.chain;
  }

  private enqueue(what: string, write: () => Promise<{ ok: boolean; error?: unknown }>): void {
    this.pending++;
    this.chain = this.chain.then(async () => {
      try {
        const done = await write();
        if (!done.ok) {
          this.failures++;
          this.log.error(`${what} refused by the database`, { error: done.error });
        }
      } catch (error) {
        this.failures++;
        this.log.error(`${what} write failed`, { error });
      } finally {
        this.pending--;
      }
    });
  }
}
