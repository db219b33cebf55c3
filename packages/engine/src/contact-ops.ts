import { type ContactChange, type Result, SwitchboardError } from '@switchboard/core';

/**
 * For steps the engine has already validated: a core refusal here means the engine's own
 * bookkeeping is inconsistent, which is a bug to surface loudly rather than a user error.
 */
export function must<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw new SwitchboardError('internal', `${what}: ${result.error.message}`, {
    cause: result.error.code,
    ...result.error.details,
  });
}

export type ContactStep = Result<ContactChange>;
