// Public entry of ACD routing: queue configs, the two routers (indexed Router, brute-force
// NaiveRouter) behind one RouterPort, and the pure rules they share. Rules: README.md.
export { mergeRequirements, meetsRequirements, type StepTable, stepAt, stepTable } from './eligibility.ts';
export { EMPTY_RULES, type EmptyRule, isQueueEmpty, type MemberCounts } from './empty-rule.ts';
export { NaiveRouter } from './naive-router.ts';
export {
  type Destination,
  type QueueConfig,
  QUEUE_DEFAULTS,
  type QueueOverflow,
  queueWithDefaults,
  type RelaxationStep,
  type SkillRequirement,
  validateQueueConfig,
} from './queue-config.ts';
export { Router } from './router.ts';
export { AGENT_PRESENCES, type AgentPresence, type RouterOptions, type RouterPort } from './router-port.ts';
export {
  chooseAgents,
  ROUTING_STRATEGIES,
  type RoutingStrategy,
  type StrategyCandidate,
  strategyMetric,
} from './routing-strategy.ts';
export {
  type Assignment,
  compareService,
  type EnqueueOutcome,
  type ServiceKey,
  servedBefore,
  validateWaitingContact,
  type WaitingContact,
} from './waiting-contact.ts';
