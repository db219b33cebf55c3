// Public entry of the agent state machine (re-exported by core's index.ts).
export { AGENT_ACTIONS, type AgentAction, allowedActions } from './agent-actions.ts';
export {
  AGENT_COMMAND_TYPES,
  type AgentCommand,
  type AgentCommandType,
  WRAPUP_EXTEND_MAX_SECONDS,
  WRAPUP_EXTEND_MIN_SECONDS,
} from './agent-command.ts';
export { agentStateViolations } from './agent-invariants.ts';
export {
  AGENT_STATE_NAMES,
  type AfterCall,
  type AgentState,
  type AgentStateName,
  AGENT_CALL_STATE_NAMES,
  type AgentCallStateName,
  initialAgentState,
  isAgentCallState,
  type PendingState,
} from './agent-state.ts';
export { AGENT_TRANSITIONS, type AgentTransitionTable, agentTransitionTargets } from './agent-transitions.ts';
export { applyAgentCommand } from './apply-agent-command.ts';
export {
  createPauseReasonCatalog,
  DEFAULT_PAUSE_REASONS,
  PAUSE_CATEGORIES,
  type PauseCategory,
  type PauseReason,
  type PauseReasonCatalog,
  type PauseReasonCatalogOptions,
  SOBOT_PAUSE_CODES,
  SYSTEM_PAUSE_REASONS,
} from './pause-reasons.ts';
export {
  pauseReasonFromSobot,
  pauseReasonFromToolbar,
  SOBOT_DND_CODE,
  sobotCodeForPause,
  toolbarStateForPause,
} from './pause-vendor-codes.ts';
