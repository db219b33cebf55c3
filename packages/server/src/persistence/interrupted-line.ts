// The queue log line that closes a contact the crash cut off. Recovery writes it in the transaction
// of the contact's 'interrupted' record, so it is there exactly when the record is: once.
//
// Whether a line is owed, and what it says, is read from the queue log itself, not from the
// journal: the log is what statistics fold, and only it knows whether the contact's entry into its
// queue is still open. The journal cannot tell a direct offer (a queue id but no `entered` line) or
// a contact already routed away (`overflowed` logged, queue id unchanged) from one still waiting, and
// it keeps no enqueue time.
import type { Millis, QueueLogEvent } from '@switchboard/core';
import type { JournaledContact } from './journaled-contact.ts';
import type { SqlValue } from './database.ts';

/**
 * The contact's lines in its queue since it arrived, in log order (the (queue_id, at) index serves
 * it: only that queue's lines since the arrival are scanned, however long the log).
 */
export function contactQueueLinesQuery(entry: JournaledContact): { sql: string; params: SqlValue[] } | null {
  if (entry.queueId === null) return null;
  return {
    sql: `SELECT seq, at, queue_id, body FROM queue_log
      WHERE queue_id = ? AND at >= ? AND contact_id = ? ORDER BY seq`,
    params: [entry.queueId, entry.arrivedAt, entry.contactId],
  };
}

/**
 * The closing line owed for `entry`, or null when its queue's log has nothing open for it (no
 * `entered`, or the last entry already ended: abandoned, timed out, overflowed, left empty, or
 * interrupted before). `lines` are the contact's lines in its queue, in log order; `at` is when
 * recovery ends the contact (its record's endedAt).
 *
 * - never answered since its last entry: no agent, waitMs = that entry → `at`;
 * - answered: agentId = who answered it from the queue, waitMs = that answer's wait. It may be
 *   talking, in wrap-up or ringing a transfer target: the line closes whatever was left.
 */
export function interruptedLineOf(
  entry: JournaledContact,
  lines: readonly QueueLogEvent[],
  at: Millis,
): QueueLogEvent | null {
  const { contactId, queueId } = entry;
  if (queueId === null) return null;
  let enteredAt: Millis | null = null;
  let answer: { agentId: string; waitMs: number } | null = null;
  for (const line of lines) {
    if (line.contactId !== contactId || line.queueId !== queueId) continue;
    switch (line.type) {
      case 'entered':
        enteredAt = line.at;
        answer = null;
        break;
      case 'connected':
        if (enteredAt !== null) answer = { agentId: line.agentId, waitMs: line.waitMs };
        break;
      case 'abandoned':
      case 'timeout':
      case 'overflowed':
      case 'leftEmpty':
      case 'interrupted':
        enteredAt = null;
        answer = null;
        break;
      default:
        break;
    }
  }
  if (enteredAt === null) return null;
  const base = { type: 'interrupted', at, contactId, queueId } as const;
  // Clamped: a restart whose clock reads earlier than the entry (clock stepped back) waited 0.
  return answer === null
    ? { ...base, waitMs: Math.max(0, at - enteredAt) }
    : { ...base, waitMs: answer.waitMs, agentId: answer.agentId };
}
