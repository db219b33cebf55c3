// Public entry of the statistics: queue and agent figures folded from the event logs, live
// queue snapshots, the EWT and Erlang C. Formulas: README.md in this folder.
export { AgentStatsAccumulator, type AgentStats, NO_PAUSE_REASON } from './agent-stats.ts';
export { erlangB, erlangC, erlangCAsa, erlangCOccupancy, erlangCServiceLevel } from './erlang-c.ts';
export {
  DEFAULT_EWT_MIN_SAMPLES,
  type EwtInput,
  estimateNewArrivalWait,
  estimateWaitTime,
  type WaitEstimate,
} from './ewt.ts';
export { closedEntries } from './queue-counters.ts';
export type { QueueCounters, QueueStats } from './queue-counters.ts';
export {
  DEFAULT_STATS_INTERVAL_MS,
  QueueIntervalStatsAccumulator,
  type QueueIntervalStats,
  type QueueIntervalStatsConfig,
} from './queue-interval-stats.ts';
export {
  AGENT_LOG_STATES,
  type AgentLogEvent,
  type AgentLogState,
  CALL_ENDERS,
  type CallEnder,
  QUEUE_LOG_EVENT_TYPES,
  type QueueLogBase,
  type QueueLogEvent,
  type QueueLogEventOf,
  type QueueLogEventType,
  REFUSE_REASONS,
  type RefuseReason,
} from './queue-log-event.ts';
export { parseAgentLogEvent, parseQueueLogEvent } from './queue-log-parse.ts';
export {
  countQueueAgents,
  type LiveQueueInput,
  type QueueAgentCounts,
  type QueueSnapshot,
  snapshotQueue,
} from './queue-snapshot.ts';
export { QueueStatsAccumulator, type QueueStatsConfig } from './queue-stats-accumulator.ts';
export {
  DEFAULT_EWT_WINDOW,
  RecentHandleTimes,
  type RecentHandleTimesConfig,
} from './recent-handle-times.ts';
