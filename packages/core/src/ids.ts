// Identifiers are plain strings at runtime; the aliases document which id a field holds.
export type AgentId = string;
export type QueueId = string;
export type ContactId = string;
export type LegId = string;
export type SkillId = string;
export type PauseReasonCode = string;

/** Milliseconds since the Unix epoch, always passed in by the caller (core never reads a clock). */
export type Millis = number;
