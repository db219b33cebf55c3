import type { AgentLogEvent, QueueLogEvent } from '@switchboard/core';
import type { ContactRecord } from '../contact-record.ts';
import type { Store } from '../ports/store.ts';

/** Keeps every record in arrays: tests, demos and `switchboard simulate`. */
export class InMemoryStore implements Store {
  readonly contactRecords: ContactRecord[] = [];
  readonly queueLog: QueueLogEvent[] = [];
  readonly agentLog: AgentLogEvent[] = [];
  private readonly keepLogs: boolean;

  /** keepLogs false keeps only contact records (long simulations need not hold every log line). */
  constructor(options: { keepLogs?: boolean } = {}) {
    this.keepLogs = options.keepLogs ?? true;
  }

  saveContactRecord(record: ContactRecord): void {
    this.contactRecords.push(record);
  }

  appendQueueLog(entry: QueueLogEvent): void {
    if (this.keepLogs) this.queueLog.push(entry);
  }

  appendAgentLog(entry: AgentLogEvent): void {
    if (this.keepLogs) this.agentLog.push(entry);
  }
}
