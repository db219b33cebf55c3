import {
  type ContactId,
  estimateWaitTime,
  fail,
  type QueueId,
  type QueueSnapshot,
  type Result,
  snapshotQueue,
  type WaitEstimate,
} from '@switchboard/core';
import type { EngineContext } from './engine-context.ts';

/** Live queue statistics: totals since start, waiting contacts, agents by state, EWT for a new arrival. */
export function queueSnapshotOf(ctx: EngineContext, queueId: QueueId): Result<QueueSnapshot> {
  const stats = ctx.queues.stats(queueId);
  if (stats === undefined) return fail('unknown_queue', `no queue ${queueId}`, { queueId });
  return snapshotQueue(
    stats,
    {
      waitingSince: ctx.router.waiting(queueId).map((w) => w.enqueuedAt),
      members: memberStates(ctx, queueId),
      recentHandleTimesMs: ctx.queues.recentHandleTimes(queueId),
    },
    ctx.clock.now(),
  );
}

/** Position (1-based) and EWT of a waiting contact; `conflict` when it is not waiting. */
export function waitEstimateOf(ctx: EngineContext, contactId: ContactId): Result<WaitEstimate> {
  const position = ctx.router.position(contactId);
  const queueId = ctx.contacts.get(contactId)?.contact.queueId ?? null;
  if (position === null || queueId === null)
    return fail('conflict', `contact ${contactId} is not waiting`, { contactId });
  const serving = memberStates(ctx, queueId).filter((s) => s !== 'LoggedOut' && s !== 'Paused').length;
  return estimateWaitTime({
    position,
    handleTimesMs: ctx.queues.recentHandleTimes(queueId),
    servingAgents: serving,
  });
}

function memberStates(ctx: EngineContext, queueId: QueueId) {
  return ctx.queues.members(queueId).map((id) => ctx.agents.get(id)!.state.name);
}
