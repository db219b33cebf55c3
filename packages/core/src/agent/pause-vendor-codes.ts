// Both directions of the vendor pause codes, so the Sobot and CTToolbar7 dialects share one rule:
// a reason without a vendor code shows as that vendor's generic pause (Sobot 2 = DND, toolbar
// PAUSED), and a vendor's generic pause comes in as the catalogue's default reason.
import type { PauseReasonCode } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { PauseReasonCatalog } from './pause-reasons.ts';

/** Sobot's reasonCode for "DND / busy", the generic occupied state. */
export const SOBOT_DND_CODE = 2;
const TOOLBAR_PAUSED = 'PAUSED';
const TOOLBAR_SUBSTATE_PREFIX = 'PAUSEDSUBSTATE:';

/** The Sobot reasonCode a Paused agent shows as. */
export function sobotCodeForPause(catalog: PauseReasonCatalog, code: PauseReasonCode): number {
  return catalog.get(code)?.sobotCode ?? SOBOT_DND_CODE;
}

/** The canonical reason a Sobot notReady(reasonCode) asks for. */
export function pauseReasonFromSobot(
  catalog: PauseReasonCatalog,
  sobotCode: number,
): Result<PauseReasonCode> {
  const reason = catalog.bySobotCode(sobotCode);
  if (reason) return ok(reason.code);
  if (sobotCode === SOBOT_DND_CODE) return ok(catalog.defaultCode);
  return fail('unknown_pause_reason', `no pause reason is mapped to Sobot reasonCode ${sobotCode}`, {
    sobotCode,
  });
}

/** The CTToolbar7 getAgentState text of a Paused agent: PAUSED or PAUSEDSUBSTATE:<code>. */
export function toolbarStateForPause(catalog: PauseReasonCatalog, code: PauseReasonCode): string {
  const substate = catalog.get(code)?.toolbarSubstate;
  return substate === undefined ? TOOLBAR_PAUSED : TOOLBAR_SUBSTATE_PREFIX + substate;
}

/**
 * The canonical reason for a CTToolbar7 pause: null (TOOLBAR.AGENT.Pause) → the default reason;
 * a substate code (TOOLBAR.AGENT.PauseSubState) → the reason mapped to it. Also accepts the
 * state text itself ('PAUSED', 'PAUSEDSUBSTATE:<code>').
 */
export function pauseReasonFromToolbar(
  catalog: PauseReasonCatalog,
  substateOrState: string | null,
): Result<PauseReasonCode> {
  if (substateOrState === null || substateOrState === TOOLBAR_PAUSED) return ok(catalog.defaultCode);
  const substate = substateOrState.startsWith(TOOLBAR_SUBSTATE_PREFIX)
    ? substateOrState.slice(TOOLBAR_SUBSTATE_PREFIX.length)
    : substateOrState;
  const reason = catalog.byToolbarSubstate(substate);
  if (reason) return ok(reason.code);
  return fail('unknown_pause_reason', `no pause reason is mapped to CTToolbar7 substate '${substate}'`, {
    toolbarSubstate: substate,
  });
}
