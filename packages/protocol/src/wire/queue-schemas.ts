// A queue's routing configuration (core's QueueConfig). Ranges are checked here, at the edge;
// the rules that span fields (relaxation steps sorted and only widening, no overflow into itself)
// stay in core's validateQueueConfig, which the server runs on every config it accepts.
import Type from 'typebox';
import { closed, count, inputId, nullable, oneOf, type Wire } from './schema-builders.ts';

export const ROUTING_STRATEGIES = [
  'longest-idle',
  'least-recent',
  'fewest-calls',
  'round-robin',
  'linear',
  'random',
  'weighted-random',
  'ring-all',
] as const;
export const EMPTY_RULES = ['never', 'no-members', 'no-logged-in', 'no-unpaused', 'no-available'] as const;

const number = () => Type.String({ minLength: 1, maxLength: 64 });

export const DestinationSchema = Type.Union(
  [
    closed({ kind: Type.Literal('queue'), queueId: inputId() }),
    closed({ kind: Type.Literal('agent'), agentId: inputId() }),
    closed({ kind: Type.Literal('extension'), extension: number() }),
    closed({ kind: Type.Literal('external'), number: number() }),
    closed({ kind: Type.Literal('hangup') }),
  ],
  { title: 'Destination' },
);

const positive = (description: string) => Type.Integer({ minimum: 1, description });
const emptyRule = () => oneOf(EMPTY_RULES, { title: 'EmptyRule' });

export const SkillRequirementSchema = closed(
  { skill: inputId(), minLevel: Type.Number({ minimum: 0 }) },
  { title: 'SkillRequirement' },
);

export const RelaxationStepSchema = closed(
  {
    afterMs: positive('From this wait on the step applies.'),
    maxPenalty: count(),
    minLevelDrop: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { title: 'RelaxationStep' },
);

export const QueueConfigSchema = closed(
  {
    id: inputId(),
    name: Type.String({ maxLength: 256 }),
    strategy: oneOf(ROUTING_STRATEGIES, { title: 'RoutingStrategy' }),
    maxWaitMs: nullable(positive('Longest wait before the contact times out; null = no limit.')),
    maxLength: nullable(positive('Most contacts waiting at once; null = no limit.')),
    joinEmpty: emptyRule(),
    leaveWhenEmpty: emptyRule(),
    overflow: closed(
      {
        onTimeout: nullable(DestinationSchema),
        onFull: nullable(DestinationSchema),
        onEmpty: nullable(DestinationSchema),
      },
      { title: 'QueueOverflow' },
    ),
    wrapupMs: count(),
    serviceLevelMs: count({ description: 'The service level threshold T.' }),
    ringTimeoutMs: positive('How long an offer rings before it is taken back.'),
    requirements: Type.Array(SkillRequirementSchema, { maxItems: 64 }),
    maxPenalty: count(),
    relaxation: Type.Array(RelaxationStepSchema, { maxItems: 64 }),
    weight: Type.Number(),
  },
  { title: 'QueueConfig' },
);
export type QueueConfig = Wire<typeof QueueConfigSchema>;
