import type { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AppContext } from './app-context.ts';

/**
 * The engine's figures on /metrics: contacts by outcome, offers and answers, ring-no-answers, live
 * contacts, waiting per queue, agents by state, store backlog and event-loop lag. Counters are
 * fed from the event bus; gauges are sampled when Prometheus scrapes.
 */
export function registerEngineMetrics(
  ctx: AppContext,
  sources: {
    lag: ReturnType<typeof monitorEventLoopDelay>;
    storeBacklog: () => number;
  },
): void {
  const m = ctx.metrics;
  const contacts = m.counter('switchboard_contacts_total', 'Contacts ended, by outcome.');
  const queueLines = m.counter(
    'switchboard_queue_events_total',
    'Queue log lines (routing decisions and outcomes), by type.',
  );
  ctx.bus.subscribe((event) => {
    if (event.type === 'contact.ended') contacts.inc({ outcome: event.record.outcome });
    else if (event.type === 'queue.log') queueLines.inc({ type: event.entry.type });
  });
  m.gauge('switchboard_live_contacts', 'Contacts in progress.', () => ctx.engine.liveContacts);
  m.gauge(
    'switchboard_queue_waiting',
    'Contacts waiting, per queue.',
    () => new Map(ctx.engine.queueIds().map((q) => [q, waiting(ctx, q)])),
    'queue',
  );
  m.gauge(
    'switchboard_agents',
    'Agents by canonical state.',
    () => {
      const by = new Map<string, number>();
      for (const id of ctx.engine.agentIds()) {
        const name = ctx.engine.agentState(id)?.name ?? 'LoggedOut';
        by.set(name, (by.get(name) ?? 0) + 1);
      }
      return by;
    },
    'state',
  );
  m.gauge('switchboard_store_backlog', 'Records queued for an asynchronous database.', sources.storeBacklog);
  m.gauge('switchboard_event_loop_lag_p99_seconds', 'Event-loop delay, 99th percentile since start.', () =>
    Number.isNaN(sources.lag.percentile(99)) ? 0 : sources.lag.percentile(99) / 1e9,
  );
  m.gauge('switchboard_event_loop_lag_mean_seconds', 'Event-loop delay, mean since start.', () =>
    Number.isNaN(sources.lag.mean) ? 0 : sources.lag.mean / 1e9,
  );
}

function waiting(ctx: AppContext, queueId: string): number {
  const snapshot = ctx.engine.queueSnapshot(queueId);
  return snapshot.ok ? snapshot.value.waiting : 0;
}
