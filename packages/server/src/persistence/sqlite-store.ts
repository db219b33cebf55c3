// The engine's Store port over the embedded database, write-through: each call commits its own
// transaction (fsynced, synchronous=FULL) before it returns, so a record the engine reports next
// is already durable. The recovery journal's writes go the same way.
//
// Failures: a value that fails validation throws invalid_argument and writes nothing (an engine
// bug, better loud than lost); a database failure throws 'unavailable' (the engine must not report
// what was not stored). A second save of the same contact is ignored: the first one is durable.
import type { AgentId, AgentLogEvent, QueueLogEvent, Result } from '@switchboard/core';
import type { ContactRecord, Store } from '@switchboard/engine';
import { agentLogWrite } from './agent-log-repository.ts';
import { contactRecordWrite } from './contact-record-repository.ts';
import type { Step, StepOutcome, SyncDatabase } from './database.ts';
import type { JournaledAgent, JournaledContact } from './journaled-contact.ts';
import { queueLogWrite } from './queue-log-repository.ts';
import {
  agentLoggedInWrite,
  agentLoggedOutWrite,
  contactChangedWrite,
  contactStartedWrite,
} from './recovery-journal.ts';
import { numberColumn } from './step-checks.ts';

export class SqliteStore implements Store {
  private readonly db: SyncDatabase;

  constructor(db: SyncDatabase) {
    this.db = db;
  }

  /** Returns false when the contact was recorded before (nothing written this time). */
  saveContactRecord(record: ContactRecord): boolean {
    const done = this.write(contactRecordWrite(record), true);
    return done !== null;
  }

  /** Returns the entry's sequence id. */
  appendQueueLog(entry: QueueLogEvent): number {
    return numberColumn(this.write(queueLogWrite(entry))![0]!.rows[0]!, 'seq');
  }

  appendAgentLog(entry: AgentLogEvent): number {
    return numberColumn(this.write(agentLogWrite(entry))![0]!.rows[0]!, 'seq');
  }

  contactStarted(entry: JournaledContact): void {
    this.write(contactStartedWrite(entry));
  }

  contactChanged(entry: JournaledContact): void {
    this.write(contactChangedWrite(entry));
  }

  agentLoggedIn(agent: JournaledAgent): void {
    this.write(agentLoggedInWrite(agent));
  }

  agentLoggedOut(agentId: AgentId): void {
    this.write(agentLoggedOutWrite(agentId));
  }

  /** Null only when `duplicateIsFine` and the row was there already. */
  private write(steps: Result<Step[]>, duplicateIsFine = false): readonly StepOutcome[] | null {
    if (!steps.ok) throw steps.error;
    const done = this.db.runSync(steps.value);
    if (done.ok) return done.value;
    if (duplicateIsFine && done.error.code === 'already_exists') return null;
    throw done.error;
  }
}
