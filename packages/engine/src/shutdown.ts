import { finishContactWrapup } from '@switchboard/core';
import type { Acd } from './acd.ts';
import { type ContactEntry, loggedQueue } from './contact-book.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * Graceful stop: every live contact gets its one record now — 'interrupted' while it waited, rang or
 * talked (the switch is told to hang up, reason 'interrupted': a SIP caller hears 503), 'answered' when only its wrap-up was left — and every timer
 * is cancelled, so nothing is left half-written when the process exits. A contact cut off in a
 * queue also closes its queue-log entry with an 'interrupted' line, as crash recovery does, so the
 * statistics folded over a log that spans the stop leave nobody waiting.
 */
export function shutdownContacts(ctx: EngineContext, acd: Acd): void {
  const now = ctx.clock.now();
  for (const entry of [...ctx.contacts.all()]) {
    switch (entry.contact.phase) {
      case 'queued':
      case 'offered':
        acd.withdrawOffers(entry, null);
        logInterrupted(ctx, entry, now);
        acd.end(entry, 'interrupted', now, 'interrupted');
        break;
      case 'connected':
        ctx.contacts.closeSegments(entry, now);
        logInterrupted(ctx, entry, now);
        acd.end(entry, 'interrupted', now, 'interrupted');
        break;
      case 'wrapup':
        ctx.contacts.change(
          entry,
          must(finishContactWrapup(entry.contact, { at: now }), 'finish wrap-up at stop'),
        );
        ctx.contacts.finish(entry);
        break;
      case 'done':
        break;
    }
  }
  ctx.timers.cancelAll();
}

/**
 * The closing queue-log line of a contact whose queue entry is still open: waiting or ringing (its
 * wait so far), or answered from the queue and still talking (the wait of that answer, and the agent
 * that took it, like its 'connected' line).
 */
function logInterrupted(ctx: EngineContext, entry: ContactEntry, now: number): void {
  const { contact } = entry;
  const queueId = loggedQueue(entry);
  if (queueId === null || contact.queuedAt === null) return;
  const base = { type: 'interrupted', at: now, contactId: contact.id, queueId } as const;
  const answeredBy = entry.agents[0];
  if (contact.phase === 'connected') {
    if (answeredBy === undefined || entry.firstConnectedAt === null) return;
    ctx.queues.log({ ...base, waitMs: entry.firstConnectedAt - contact.queuedAt, agentId: answeredBy });
  } else ctx.queues.log({ ...base, waitMs: now - contact.queuedAt });
}
