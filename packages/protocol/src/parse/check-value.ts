// A schema compiled once into a fast yes/no check, with the explanation computed only on a "no".
import { Compile } from 'typebox/compile';
import type { Static, TSchema } from 'typebox';
import type { Wire } from '../wire/schema-builders.ts';
import type { ProtocolResult, WireError } from '../wire/wire-error.ts';
import { inputError } from './decode-json.ts';
import { explainMismatch } from './explain-mismatch.ts';

export interface Checker<S extends TSchema> {
  readonly schema: S;
  /** The value typed, or an invalid_argument error naming the JSON path (prefixed by `at`). */
  check(value: unknown, at?: string): ProtocolResult<Wire<S>>;
}

export function checker<S extends TSchema>(schema: S): Checker<S> {
  const validator = Compile(schema);
  return Object.freeze({
    schema,
    check(value: unknown, at = ''): ProtocolResult<Wire<S>> {
      if (validator.Check(value)) return { ok: true, value: value as Static<S> as Wire<S> };
      return { ok: false, error: mismatchError(schema, value, at) };
    },
  });
}

export function mismatchError(schema: TSchema, value: unknown, at = ''): WireError {
  const found = explainMismatch(schema, value);
  const path = at + (found?.path ?? '');
  const problem = found?.message ?? 'does not match the schema';
  return inputError('schema', `${path === '' ? 'the input' : path} ${problem}`, { path, problem });
}
