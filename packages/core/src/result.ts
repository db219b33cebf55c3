// Core functions are pure: they return a Result instead of throwing, so a refused command
// is an ordinary value that carries its typed reason and leaves the old state untouched.
import { type ErrorCode, SwitchboardError } from './error.ts';

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SwitchboardError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): Result<T> {
  return { ok: false, error: new SwitchboardError(code, message, details) };
}

/** Unwraps a Result at a boundary that prefers exceptions (engine, transports). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}
