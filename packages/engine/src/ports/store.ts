import type { AgentLogEvent, QueueLogEvent } from '@switchboard/core';
import type { ContactRecord } from '../contact-record.ts';

/**
 * Store port: the records the engine writes. Appends are synchronous from the engine's point of
 * view (the in-memory and SQLite adapters are synchronous); an adapter over an asynchronous
 * database queues and flushes them itself and reports failures through its own health status.
 */
export interface Store {
  /** Exactly once per contact, when it is done. */
  saveContactRecord(record: ContactRecord): void;
  /** The append-only queue event log (like Asterisk's queue_log): statistics can be rebuilt from it. */
  appendQueueLog(entry: QueueLogEvent): void;
  appendAgentLog(entry: AgentLogEvent): void;
}
