// The error envelope of the API: the same {code, message, details} as core's SwitchboardError,
// with the SAME closed list of codes. `protocol` imports nothing of the workspace, so the list is
// copied; the conformance test in packages/server fails the build the moment the two differ.
import Type from 'typebox';
import { closed, oneOf, stringMap, type Wire } from './schema-builders.ts';

export const ERROR_CODES = [
  'invalid_argument',
  'unknown_agent',
  'unknown_queue',
  'unknown_contact',
  'unknown_pause_reason',
  'unknown_skill',
  'unknown_user',
  'unknown_number',
  'transition_not_allowed',
  'no_call',
  'not_in_queue',
  'queue_full',
  'queue_empty',
  'already_exists',
  'conflict',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'unavailable',
  'internal',
  'not_found',
  'payload_too_large',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorCodeSchema = oneOf(ERROR_CODES, { title: 'ErrorCode' });

export const WireErrorSchema = closed(
  {
    code: ErrorCodeSchema,
    message: Type.String(),
    details: stringMap(Type.Unknown()),
  },
  { title: 'Error', description: 'A typed error: a code of the closed list, a readable message, details.' },
);
export type WireError = Wire<typeof WireErrorSchema>;

/** What a REST error response holds. */
export const ErrorEnvelopeSchema = closed({ error: WireErrorSchema }, { title: 'ErrorEnvelope' });
export type ErrorEnvelope = Wire<typeof ErrorEnvelopeSchema>;

export function wireError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): WireError {
  return { code, message, details };
}

/** A parse or check outcome: the value, or the typed error that says what was wrong. Never thrown. */
export type ProtocolResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: WireError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
