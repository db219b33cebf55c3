// Drives an agent through a list of commands for the tests of this folder, so each test reads as
// the story it checks ("logged in, offered, answered, …") instead of repeating Result plumbing.
import type { Millis } from '../ids.ts';
import { unwrap } from '../result.ts';
import type { AgentCommand } from './agent-command.ts';
import { type AgentState, initialAgentState } from './agent-state.ts';
import { applyAgentCommand } from './apply-agent-command.ts';
import { createPauseReasonCatalog, DEFAULT_PAUSE_REASONS, type PauseReasonCatalog } from './pause-reasons.ts';

export const T0: Millis = 1_700_000_000_000;
/** Each driven command happens this long after the previous one. */
export const STEP_MS = 1000;

export function defaultCatalog(): PauseReasonCatalog {
  return unwrap(createPauseReasonCatalog(DEFAULT_PAUSE_REASONS));
}

/** Applies one command that must be accepted (throws the typed error otherwise). */
export function step(
  state: AgentState,
  command: AgentCommand,
  now: Millis,
  catalog = defaultCatalog(),
): AgentState {
  return unwrap(applyAgentCommand(state, command, now, catalog));
}

/** Starts LoggedOut at T0 and applies each command STEP_MS after the previous one. */
export function drive(commands: readonly AgentCommand[], catalog = defaultCatalog()): AgentState {
  let state = initialAgentState('agent-1', T0);
  commands.forEach((command, i) => {
    state = step(state, command, T0 + (i + 1) * STEP_MS, catalog);
  });
  return state;
}

/** The time of the next driven step after `commands`. */
export function nextStepAt(commands: readonly AgentCommand[]): Millis {
  return T0 + (commands.length + 1) * STEP_MS;
}

export const LOGIN: AgentCommand = { type: 'login', extension: '1001' };
export const OFFER: AgentCommand = { type: 'offer', contactId: 'contact-1' };
export const DIAL: AgentCommand = { type: 'dial', contactId: 'contact-2' };
export const ANSWER: AgentCommand = { type: 'answer' };
export const ON_CALL: readonly AgentCommand[] = [LOGIN, OFFER, ANSWER];
