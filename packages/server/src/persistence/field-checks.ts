// The small value checks shared by the validators of config rows, contact records and journal
// entries. Each returns a failed Result naming the field, so a refusal says what was wrong.
import { fail, type Result } from '@switchboard/core';

export const MAX_ID = 256;
export const MAX_TEXT = 4096;

// Control characters are refused in ids and names: they would corrupt logs and CSV exports.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to detect them
const CONTROL = /[\u0000-\u001f\u007f]/;

export function invalid(field: string, message: string, value?: unknown): Result<never> {
  return fail('invalid_argument', `${field} ${message}`, { field, value });
}

export function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID && !CONTROL.test(value);
}

export function isText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Like core: a finite time >= 0. Not necessarily whole: simulated clocks run on fractional ms. */
export function isMillis(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isId) && new Set(value).size === value.length;
}

export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}
