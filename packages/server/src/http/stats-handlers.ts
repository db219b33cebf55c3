// Statistics: live ones from the engine (queue snapshots, agent figures), per-interval ones rebuilt
// from the stored logs with core's accumulators (the same formulas as the live figures), and the
// queue log itself, paged by sequence id.
import { fail, ok, QueueIntervalStatsAccumulator, type Result } from '@switchboard/core';
import { DEFAULT_INTERVAL_MS, DEFAULT_PAGE_SIZE } from '@switchboard/protocol';
import { seesQueue, supervisesAgent } from '../scope/viewer.ts';
import { agentIntervalStats } from './agent-interval-stats.ts';
import type { RouteHandler } from './route-call.ts';
import { agentLogOf, queueLogOf } from './stored-logs.ts';

type StatsRoutes =
  | 'listQueueStats'
  | 'getQueueStats'
  | 'getQueueIntervalStats'
  | 'listAgentStats'
  | 'getAgentStats'
  | 'getAgentIntervalStats'
  | 'getQueueLog';

function checkRange(from: number, to: number): Result<void> {
  return from < to ? ok(undefined) : fail('invalid_argument', 'from must be before to', { field: 'from' });
}

export const STATS_HANDLERS: { readonly [R in StatsRoutes]: RouteHandler<R> } = {
  listQueueStats: ({ env, viewer }) => {
    const { engine } = env.ctx;
    const items = engine
      .queueIds()
      .filter((id) => seesQueue(viewer, id))
      .sort()
      .flatMap((id) => {
        const snapshot = engine.queueSnapshot(id);
        return snapshot.ok ? [snapshot.value] : [];
      });
    return ok({ items });
  },

  getQueueStats: ({ env, params }) => env.ctx.engine.queueSnapshot(params.queueId),

  getQueueIntervalStats: async ({ env, params, query }) => {
    const range = checkRange(query.from, query.to);
    if (!range.ok) return range;
    const queue = await env.ctx.persistence.queues.get(params.queueId);
    if (queue === undefined)
      return fail('unknown_queue', `no queue '${params.queueId}'`, { queueId: params.queueId });
    const intervalMs = query.intervalMs ?? DEFAULT_INTERVAL_MS;
    const acc = QueueIntervalStatsAccumulator.create({
      queueId: queue.id,
      serviceLevelMs: queue.serviceLevelMs,
      intervalMs,
    });
    if (!acc.ok) return acc;
    const events = await queueLogOf(env.ctx.persistence, {
      queueId: queue.id,
      from: query.from,
      to: query.to,
    });
    if (!events.ok) return events;
    for (const event of events.value) {
      const added = acc.value.add(event);
      if (!added.ok) return added;
    }
    return ok({ queueId: queue.id, intervalMs, items: acc.value.intervals(), total: acc.value.total() });
  },

  listAgentStats: ({ env, viewer }) => {
    const { engine, directory } = env.ctx;
    const items = engine
      .agentIds()
      .filter((id) => supervisesAgent(viewer, id, directory))
      .sort()
      .flatMap((id) => {
        const stats = engine.agentStats(id);
        return stats.ok ? [stats.value] : [];
      });
    return ok({ items });
  },

  getAgentStats: ({ env, params }) => env.ctx.engine.agentStats(params.agentId),

  getAgentIntervalStats: async ({ env, params, query }) => {
    const range = checkRange(query.from, query.to);
    if (!range.ok) return range;
    const { agentId } = params;
    const known =
      env.ctx.engine.agentState(agentId) !== undefined ||
      (await env.ctx.persistence.agents.get(agentId)) !== undefined;
    if (!known) return fail('unknown_agent', `no agent '${agentId}'`, { agentId });
    // The state at `from` is the last one before it: the agent's log is read from its beginning.
    const states = await agentLogOf(env.ctx.persistence, { agentId, to: query.to });
    if (!states.ok) return states;
    const queueEvents = await queueLogOf(env.ctx.persistence, { from: query.from, to: query.to });
    if (!queueEvents.ok) return queueEvents;
    const intervalMs = query.intervalMs ?? DEFAULT_INTERVAL_MS;
    const items = agentIntervalStats({
      agentId,
      from: query.from,
      to: query.to,
      intervalMs,
      states: states.value,
      queueEvents: queueEvents.value,
    });
    return items.ok ? ok({ agentId, intervalMs, items: items.value }) : items;
  },

  getQueueLog: async ({ env, params, query }) => {
    const range = checkRange(query.from, query.to);
    if (!range.ok) return range;
    const afterSeq = query.cursor === undefined ? undefined : Number(query.cursor);
    if (
      afterSeq !== undefined &&
      !(Number.isSafeInteger(afterSeq) && afterSeq >= 0 && /^[0-9]+$/.test(query.cursor!))
    ) {
      return fail('invalid_argument', 'cursor is not one this server issued', { field: 'cursor' });
    }
    const page = await env.ctx.persistence.queueLog.read({
      queueId: params.queueId,
      from: query.from,
      to: query.to,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      ...(afterSeq === undefined ? {} : { afterSeq }),
    });
    if (!page.ok) return page;
    const { entries, more, lastSeq } = page.value;
    return ok({
      items: entries.map((e) => e.event),
      nextCursor: more && lastSeq !== null ? String(lastSeq) : null,
    });
  },
};
