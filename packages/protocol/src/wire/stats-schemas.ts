// Queue and agent statistics on the wire, as core defines them (formulas: core/src/stats/README.md).
// A ratio with nothing to divide by is null, and an EWT without enough data is its own kind of
// value ({kind:'insufficient', reason}), never a 0 that would read as "answered at once".
import Type from 'typebox';
import { AgentStateNameSchema } from './agent-schemas.ts';
import { count, id, millis, nullable, oneOf, open, stringMap, type Wire } from './schema-builders.ts';

const ratio = (description: string) => nullable(Type.Number({ description }));

const counterFields = {
  entered: count(),
  offered: count(),
  ringNoAnswers: count(),
  answered: count(),
  answeredWithinThreshold: count({ description: 'Answered with a wait <= T.' }),
  abandoned: count({ description: 'The caller hung up while waiting (timeouts and overflows apart).' }),
  abandonedWithinThreshold: count({ description: 'Short abandons: wait < T.' }),
  timedOut: count(),
  overflowed: count(),
  refused: count(),
  leftEmpty: count(),
  interrupted: count({ description: 'Contacts the system cut off (crash, restart) while in this queue.' }),
  interruptedWaiting: count({
    description: 'The interrupted ones never answered here (waiting or ringing).',
  }),
  completed: count(),
  transferred: count(),
  wrapups: count(),
  totalWaitAnsweredMs: millis(),
  totalWaitAbandonedMs: millis(),
  maxWaitAnsweredMs: nullable(millis()),
  totalTalkMs: millis(),
  totalHoldMs: millis(),
  totalWrapupMs: millis(),
};

const queueStatsFields = {
  queueId: id(),
  serviceLevelMs: millis({ description: 'The threshold T the counters were taken with.' }),
  ...counterFields,
  abandonedAfterThreshold: count(),
  handled: count({ description: 'completed + transferred.' }),
  serviceLevel: ratio('answeredWithinThreshold / (answered + abandonedAfterThreshold).'),
  abandonRate: ratio('abandoned / (answered + abandoned).'),
  asaMs: ratio('Average speed of answer.'),
  averageTalkMs: ratio('Σ talk / handled.'),
  averageHandleMs: ratio('(Σ talk + Σ hold + Σ wrap-up) / handled.'),
  averageAbandonWaitMs: ratio('Σ wait of abandoned / abandoned.'),
};

export const QueueStatsSchema = open(queueStatsFields, { title: 'QueueStats' });
export type QueueStats = Wire<typeof QueueStatsSchema>;

export const WaitEstimateSchema = Type.Union(
  [
    open({
      kind: Type.Literal('estimate'),
      ms: millis(),
      position: count(),
      ahtMs: millis(),
      agents: count(),
      samples: count(),
    }),
    open({
      kind: Type.Literal('insufficient'),
      reason: oneOf(['no_agents', 'too_few_samples']),
      position: count(),
      agents: count(),
      samples: count(),
    }),
  ],
  { title: 'WaitEstimate', description: 'EWT = position × AHT / serving agents, or why there is none.' },
);
export type WaitEstimate = Wire<typeof WaitEstimateSchema>;

export const QueueAgentCountsSchema = open(
  {
    logged: count(),
    available: count(),
    ringing: count(),
    dialing: count(),
    talking: count(),
    paused: count(),
    wrapup: count(),
    serving: count({ description: 'Logged and not paused: N of the EWT.' }),
  },
  { title: 'QueueAgentCounts' },
);

/** A queue's live figures: the folded history plus who waits and what each member is doing. */
export const QueueSnapshotSchema = open(
  {
    ...queueStatsFields,
    at: millis(),
    waiting: count(),
    longestWaitMs: millis(),
    agents: QueueAgentCountsSchema,
    ewt: WaitEstimateSchema,
  },
  { title: 'QueueSnapshot' },
);
export type QueueSnapshot = Wire<typeof QueueSnapshotSchema>;

export const QueueIntervalStatsSchema = open(
  { start: millis(), end: millis({ description: 'Exclusive.' }), stats: QueueStatsSchema },
  { title: 'QueueIntervalStats' },
);
export type QueueIntervalStats = Wire<typeof QueueIntervalStatsSchema>;

export const AgentStatsSchema = open(
  {
    agentId: id(),
    at: millis(),
    state: AgentStateNameSchema,
    stateSince: nullable(millis()),
    reason: nullable(Type.String()),
    loginMs: millis(),
    readyMs: millis(),
    pausedMs: millis(),
    pausedByReasonMs: stringMap(millis(), { description: 'Pause time per reason code ("" = none).' }),
    ringingMs: millis(),
    dialingMs: millis(),
    talkMs: millis(),
    wrapupMs: millis(),
    logins: count(),
    firstLoginAt: nullable(millis()),
    lastLoginAt: nullable(millis()),
    lastLogoutAt: nullable(millis()),
    offered: count(),
    callsAnswered: count(),
    ringNoAnswers: count(),
    completed: count(),
    transferred: count(),
    queueTalkMs: millis(),
    occupancy: ratio('(talk + wrap-up) / (talk + wrap-up + ready).'),
  },
  { title: 'AgentStats' },
);
export type AgentStats = Wire<typeof AgentStatsSchema>;

export const AgentIntervalStatsSchema = open(
  { start: millis(), end: millis({ description: 'Exclusive.' }), stats: AgentStatsSchema },
  { title: 'AgentIntervalStats' },
);
export type AgentIntervalStats = Wire<typeof AgentIntervalStatsSchema>;
