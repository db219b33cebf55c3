// The pause-reason catalogue: the one list of codes a Paused agent can carry. Each reason may carry
// the vendor codes it is known by, so a dialect translates both ways without its own table:
// Sobot reasonCode 2 (DND) and 11–18 (breaks), CTToolbar7 PAUSEDSUBSTATE:<code>.
import type { PauseReasonCode } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';

export const PAUSE_CATEGORIES = ['break', 'dnd', 'training', 'meeting', 'meal', 'custom', 'system'] as const;
export type PauseCategory = (typeof PAUSE_CATEGORIES)[number];

/** Sobot's occupied reasonCode values: 2 DND, 11 Break, 12–15 named breaks, 16–18 custom breaks. */
export const SOBOT_PAUSE_CODES = [2, 11, 12, 13, 14, 15, 16, 17, 18] as const;

export interface PauseReason {
  readonly code: PauseReasonCode;
  readonly name: string;
  /** 'system' reasons are set by the server itself (no_answer, disconnected, restart). */
  readonly category: PauseCategory;
  /** Sobot reasonCode this reason shows as (and is chosen by). */
  readonly sobotCode?: number;
  /** CTToolbar7 substate: shown as PAUSEDSUBSTATE:<code>; without one the reason shows as plain PAUSED. */
  readonly toolbarSubstate?: string;
}

export interface PauseReasonCatalog {
  get(code: PauseReasonCode): PauseReason | undefined;
  /** Every reason, in the order given (system reasons that were not given come last). */
  list(): readonly PauseReason[];
  bySobotCode(sobotCode: number): PauseReason | undefined;
  byToolbarSubstate(substate: string): PauseReason | undefined;
  /** The reason a pause gets when the vendor API names none (CTToolbar7's plain Pause, xuc pause). */
  readonly defaultCode: PauseReasonCode;
}

/** Reasons the engine itself puts agents in; every catalogue has them, so these transitions never fail. */
export const SYSTEM_PAUSE_REASONS: readonly PauseReason[] = Object.freeze([
  Object.freeze({ code: 'no_answer', name: 'Missed call (no answer)', category: 'system' }),
  Object.freeze({ code: 'disconnected', name: 'Disconnected', category: 'system' }),
  Object.freeze({ code: 'restart', name: 'Server restarted', category: 'system' }),
] satisfies PauseReason[]);

export const DEFAULT_PAUSE_REASONS: readonly PauseReason[] = Object.freeze([
  Object.freeze({ code: 'break', name: 'Break', category: 'break', sobotCode: 11 }),
  Object.freeze({
    code: 'dnd',
    name: 'Do not disturb',
    category: 'dnd',
    sobotCode: 2,
    toolbarSubstate: 'DND',
  }),
  Object.freeze({
    code: 'training',
    name: 'Training',
    category: 'training',
    sobotCode: 12,
    toolbarSubstate: 'TRAINING',
  }),
  Object.freeze({
    code: 'meeting',
    name: 'Meeting',
    category: 'meeting',
    sobotCode: 13,
    toolbarSubstate: 'MEETING',
  }),
  Object.freeze({ code: 'meal', name: 'Meal', category: 'meal', sobotCode: 14, toolbarSubstate: 'MEAL' }),
  Object.freeze({
    code: 'active',
    name: 'Active break',
    category: 'break',
    sobotCode: 15,
    toolbarSubstate: 'ACTIVE',
  }),
  Object.freeze({
    code: 'custom1',
    name: 'Custom 1',
    category: 'custom',
    sobotCode: 16,
    toolbarSubstate: 'CUSTOM1',
  }),
  Object.freeze({
    code: 'custom2',
    name: 'Custom 2',
    category: 'custom',
    sobotCode: 17,
    toolbarSubstate: 'CUSTOM2',
  }),
  Object.freeze({
    code: 'custom3',
    name: 'Custom 3',
    category: 'custom',
    sobotCode: 18,
    toolbarSubstate: 'CUSTOM3',
  }),
  ...SYSTEM_PAUSE_REASONS,
] satisfies PauseReason[]);

// Codes travel in URLs, JSON and vendor substate strings: keep them to a safe alphabet.
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export interface PauseReasonCatalogOptions {
  /** Defaults to 'break' when present, else the first reason that is not a system one. */
  readonly defaultCode?: PauseReasonCode;
}

export function createPauseReasonCatalog(
  list: readonly PauseReason[],
  options: PauseReasonCatalogOptions = {},
): Result<PauseReasonCatalog> {
  const byCode = new Map<PauseReasonCode, PauseReason>();
  const bySobot = new Map<number, PauseReason>();
  const byToolbar = new Map<string, PauseReason>();
  for (const given of list) {
    const checked = checkReason(given);
    if (!checked.ok) return checked;
    const reason = checked.value;
    if (byCode.has(reason.code)) {
      return fail('already_exists', `pause reason '${reason.code}' is listed twice`, { code: reason.code });
    }
    if (reason.sobotCode !== undefined) {
      const other = bySobot.get(reason.sobotCode);
      if (other) return duplicateMapping('sobotCode', reason.sobotCode, other, reason);
      bySobot.set(reason.sobotCode, reason);
    }
    if (reason.toolbarSubstate !== undefined) {
      const other = byToolbar.get(reason.toolbarSubstate);
      if (other) return duplicateMapping('toolbarSubstate', reason.toolbarSubstate, other, reason);
      byToolbar.set(reason.toolbarSubstate, reason);
    }
    byCode.set(reason.code, reason);
  }
  for (const system of SYSTEM_PAUSE_REASONS) {
    if (!byCode.has(system.code)) byCode.set(system.code, system);
  }
  const reasons = Object.freeze([...byCode.values()]);
  const defaultCode =
    options.defaultCode ??
    (byCode.has('break') ? 'break' : (reasons.find((r) => r.category !== 'system') ?? reasons[0]!).code);
  if (!byCode.has(defaultCode)) {
    return fail('unknown_pause_reason', `default pause reason '${defaultCode}' is not in the catalogue`, {
      reason: defaultCode,
    });
  }
  return ok(
    Object.freeze({
      get: (code: PauseReasonCode) => byCode.get(code),
      list: () => reasons,
      bySobotCode: (sobotCode: number) => bySobot.get(sobotCode),
      byToolbarSubstate: (substate: string) => byToolbar.get(substate),
      defaultCode,
    }),
  );
}

function checkReason(reason: PauseReason): Result<PauseReason> {
  if (typeof reason.code !== 'string' || !CODE_PATTERN.test(reason.code)) {
    return invalid('code', reason.code, 'a pause reason code is 1–64 characters of A-Z a-z 0-9 _ . -');
  }
  if (typeof reason.name !== 'string' || reason.name.trim() === '') {
    return invalid('name', reason.name, `pause reason '${reason.code}' has an empty name`);
  }
  if (!(PAUSE_CATEGORIES as readonly string[]).includes(reason.category)) {
    return invalid('category', reason.category, `pause reason '${reason.code}' has an unknown category`);
  }
  if (
    reason.sobotCode !== undefined &&
    !(SOBOT_PAUSE_CODES as readonly number[]).includes(reason.sobotCode)
  ) {
    return invalid('sobotCode', reason.sobotCode, 'a Sobot reason code is 2 (DND) or 11–18 (breaks)');
  }
  if (reason.toolbarSubstate !== undefined && !CODE_PATTERN.test(reason.toolbarSubstate)) {
    return invalid(
      'toolbarSubstate',
      reason.toolbarSubstate,
      'a CTToolbar7 substate is 1–64 safe characters',
    );
  }
  return ok(Object.freeze({ ...reason }));
}

function invalid(field: string, value: unknown, message: string): Result<never> {
  return fail('invalid_argument', message, { field, value });
}

function duplicateMapping(
  field: 'sobotCode' | 'toolbarSubstate',
  value: number | string,
  first: PauseReason,
  second: PauseReason,
): Result<never> {
  return fail(
    'already_exists',
    `${field} ${value} is mapped by both '${first.code}' and '${second.code}': a dialect could not translate it back`,
    { field, value, codes: [first.code, second.code] },
  );
}
