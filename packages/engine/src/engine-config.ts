import type { AgentId, Destination, PauseReason, QueueConfig, QueueId, SkillId } from '@switchboard/core';

export interface AgentConfig {
  readonly id: AgentId;
  readonly name: string;
  /** Skill → level (higher is better); routing compares them to queue and contact requirements. */
  readonly skills?: Readonly<Record<SkillId, number>>;
  /** Agent groups (xuc's agent groups): a supervisor's scope names queues and groups. */
  readonly groups?: readonly string[];
}

export interface MembershipConfig {
  readonly agentId: AgentId;
  readonly queueId: QueueId;
  /** Lower is tried first; a queue's maxPenalty and relaxation steps cap it (Asterisk's penalty). */
  readonly penalty: number;
}

/** A number customers dial and where the engine sends the call. */
export interface DialPlanEntry {
  readonly number: string;
  readonly destination: Destination;
  /** Caller priority given to contacts arriving on this number (higher is served first). */
  readonly priority?: number;
}

/** Everything the engine needs to run a contact center; validated once, at construction. */
export interface EngineConfig {
  readonly agents: readonly AgentConfig[];
  readonly queues: readonly QueueConfig[];
  readonly memberships: readonly MembershipConfig[];
  readonly dialPlan: readonly DialPlanEntry[];
  /** Omitted: core's DEFAULT_PAUSE_REASONS. */
  readonly pauseReasons?: readonly PauseReason[];
}
