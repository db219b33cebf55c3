import { finishContactWrapup } from '@switchboard/core';
import type { Acd } from './acd.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * Graceful stop: every live contact gets its one record now — 'interrupted' while it waited, rang or
 * talked (the switch is told to hang up), 'answered' when only its wrap-up was left — and every timer
 * is cancelled, so nothing is left half-written when the process exits.
 */
export function shutdownContacts(ctx: EngineContext, acd: Acd): void {
  const now = ctx.clock.now();
  for (const entry of [...ctx.contacts.all()]) {
    switch (entry.contact.phase) {
      case 'queued':
      case 'offered':
        acd.withdrawOffers(entry, null);
        acd.end(entry, 'interrupted', now);
        break;
      case 'connected':
        ctx.contacts.closeSegments(entry, now);
        acd.end(entry, 'interrupted', now);
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
