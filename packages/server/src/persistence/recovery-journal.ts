// The recovery journal: contacts in progress and agents logged in, kept in the database so that a
// restart after kill -9 can close the contacts the crash cut off ("interrupted", exactly once, with
// their queue log line) and bring the agents back Paused('restart') until they reconnect.
import {
  type AgentId,
  type ContactId,
  type Millis,
  ok,
  type QueueLogEvent,
  type Result,
} from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import { insertContactRecordSteps } from './contact-record-repository.ts';
import type { Database, Row, Step } from './database.ts';
import { invalid, isId, isMillis } from './field-checks.ts';
import { contactQueueLinesQuery, interruptedLineOf } from './interrupted-line.ts';
import {
  interruptedRecordOf,
  type JournaledAgent,
  type JournaledContact,
  validateJournaledContact,
} from './journaled-contact.ts';
import { queueLogEntryOf, queueLogWrite } from './queue-log-repository.ts';
import { corruptRow, jsonColumn, mustExist, nullableText, numberColumn, textColumn } from './step-checks.ts';

/** The pause reason recovered agents get (core's SYSTEM_PAUSE_REASONS has it). */
export const RESTART_PAUSE_REASON = 'restart';

export interface RecoveryReport {
  /** Records written now, one per contact the crash cut off (empty on a second recover). */
  readonly interrupted: readonly ContactRecord[];
  /**
   * Queue log lines written now (`interrupted`, in the transaction of their contact's record): one
   * per interrupted contact whose queue's log still had its entry open (see interrupted-line.ts).
   */
  readonly interruptedLines: readonly QueueLogEvent[];
  /** Agents that were logged in: the engine brings each back Paused(RESTART_PAUSE_REASON). */
  readonly agents: readonly JournaledAgent[];
}

/** Journals a new contact; already_exists if it is journaled already. */
export function contactStartedWrite(input: JournaledContact): Result<Step[]> {
  const entry = validateJournaledContact(input);
  if (!entry.ok) return entry;
  const e = entry.value;
  return ok([
    {
      sql: 'INSERT INTO journal_contacts (contact_id, queue_id, agent_id, updated_at, body) VALUES (?, ?, ?, ?, ?)',
      params: [e.contactId, e.queueId, e.agentId, e.updatedAt, JSON.stringify(e)],
    },
  ]);
}

/** Replaces a journaled contact (new queue, new agent); unknown_contact if it is not journaled. */
export function contactChangedWrite(input: JournaledContact): Result<Step[]> {
  const entry = validateJournaledContact(input);
  if (!entry.ok) return entry;
  const e = entry.value;
  return ok([
    {
      sql: 'UPDATE journal_contacts SET queue_id = ?, agent_id = ?, updated_at = ?, body = ? WHERE contact_id = ?',
      params: [e.queueId, e.agentId, e.updatedAt, JSON.stringify(e), e.contactId],
      check: mustExist('unknown_contact', `contact ${e.contactId} is not journaled`, {
        contactId: e.contactId,
      }),
    },
  ]);
}

/** Records the agent as logged in (a second login updates the extension and time). */
export function agentLoggedInWrite(agent: JournaledAgent): Result<Step[]> {
  if (!isId(agent.agentId)) return invalid('agentId', 'must be an id');
  if (agent.extension !== null && !isId(agent.extension))
    return invalid('extension', 'must be null or an id');
  if (!isMillis(agent.loggedInAt)) return invalid('loggedInAt', 'must be a time in ms');
  return ok([
    {
      sql: `INSERT INTO journal_agents (agent_id, extension, logged_in_at) VALUES (?, ?, ?)
        ON CONFLICT (agent_id) DO UPDATE SET extension = excluded.extension, logged_in_at = excluded.logged_in_at`,
      params: [agent.agentId, agent.extension, agent.loggedInAt],
    },
  ]);
}

/** Logging out an agent that is not journaled is not an error: the end state is the same. */
export function agentLoggedOutWrite(agentId: AgentId): Result<Step[]> {
  if (!isId(agentId)) return invalid('agentId', 'must be an id');
  return ok([{ sql: 'DELETE FROM journal_agents WHERE agent_id = ?', params: [agentId] }]);
}

function journaledContactOf(row: Row): JournaledContact {
  const entry = validateJournaledContact(jsonColumn(row, 'body'));
  if (!entry.ok) throw corruptRow('journal_contacts.body', row.contact_id, entry.error.message);
  if (entry.value.contactId !== textColumn(row, 'contact_id')) {
    throw corruptRow('journal_contacts.body', row.contact_id, 'contact id mismatch');
  }
  return entry.value;
}

function journaledAgentOf(row: Row): JournaledAgent {
  return {
    agentId: textColumn(row, 'agent_id'),
    extension: nullableText(row, 'extension'),
    loggedInAt: numberColumn(row, 'logged_in_at'),
  };
}

export class RecoveryJournal {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async contactStarted(entry: JournaledContact): Promise<Result<void>> {
    return this.write(contactStartedWrite(entry));
  }

  async contactChanged(entry: JournaledContact): Promise<Result<void>> {
    return this.write(contactChangedWrite(entry));
  }

  async agentLoggedIn(agent: JournaledAgent): Promise<Result<void>> {
    return this.write(agentLoggedInWrite(agent));
  }

  async agentLoggedOut(agentId: AgentId): Promise<Result<void>> {
    return this.write(agentLoggedOutWrite(agentId));
  }

  async contactsInProgress(): Promise<readonly JournaledContact[]> {
    const rows = await this.db.query('SELECT contact_id, body FROM journal_contacts ORDER BY contact_id');
    return rows.map(journaledContactOf);
  }

  async loggedInAgents(): Promise<readonly JournaledAgent[]> {
    const rows = await this.db.query(
      'SELECT agent_id, extension, logged_in_at FROM journal_agents ORDER BY agent_id',
    );
    return rows.map(journaledAgentOf);
  }

  /**
   * After a crash, before the engine takes calls: writes an 'interrupted' record for every
   * journaled contact, and the `interrupted` queue log line that closes it where its queue's log
   * left it open, each contact in its own transaction with the removal of its journal entry (so a
   * crash during recovery loses nothing and a second run repeats nothing); returns the agents that
   * were logged in. A contact that somehow has its record already only loses its journal entry:
   * never a second record, never a line (the record's insert check rolls the line back with it).
   */
  async recover(now: Millis): Promise<RecoveryReport> {
    const interrupted: ContactRecord[] = [];
    const interruptedLines: QueueLogEvent[] = [];
    for (const entry of await this.contactsInProgress()) {
      const record = interruptedRecordOf(entry, now);
      // Read before the script (scripts cannot read-then-write): nothing else writes this contact's
      // lines while recovery runs, the engine has not started.
      const line = interruptedLineOf(entry, await this.queueLinesOf(entry), record.endedAt);
      const lineSteps = line === null ? ok([]) : queueLogWrite(line);
      if (!lineSteps.ok) throw lineSteps.error;
      const done = await this.db.run([...insertContactRecordSteps(record), ...lineSteps.value]);
      if (done.ok) {
        interrupted.push(record);
        if (line !== null) interruptedLines.push(line);
      } else if (done.error.code === 'already_exists') {
        await this.forget(entry.contactId);
      } else {
        throw done.error;
      }
    }
    return { interrupted, interruptedLines, agents: await this.loggedInAgents() };
  }

  /** The contact's queue log lines in its current queue since it arrived, in log order. */
  private async queueLinesOf(entry: JournaledContact): Promise<QueueLogEvent[]> {
    const query = contactQueueLinesQuery(entry);
    if (query === null) return [];
    const rows = await this.db.query(query.sql, query.params);
    return rows.map((row) => queueLogEntryOf(row).event);
  }

  private async forget(contactId: ContactId): Promise<void> {
    const done = await this.db.run([
      { sql: 'DELETE FROM journal_contacts WHERE contact_id = ?', params: [contactId] },
    ]);
    if (!done.ok) throw done.error;
  }

  private async write(steps: Result<Step[]>): Promise<Result<void>> {
    if (!steps.ok) return steps;
    const done = await this.db.run(steps.value);
    return done.ok ? ok(undefined) : done;
  }
}
