// Every way an authentication step can refuse, as one closed set of reasons. All of them
// travel as code 'unauthorized' with `details.reason`, so a transport maps one code to one
// status while logs and tests still see exactly which rule refused.
import { fail, type Result } from '@switchboard/core';

export const AUTH_FAILURE_REASONS = [
  // login
  'invalid_credentials', // unknown user or wrong password: deliberately one reason for both
  'account_disabled', // only reported after the password (or SSO token) proved right
  'unknown_user', // SSO token was genuine but names no user of the directory
  // access tokens
  'malformed', // not three base64url segments of JSON objects, or over-long
  'unsupported_alg', // anything but HS256, 'none' included
  'unknown_key', // kid names no configured key
  'bad_signature',
  'invalid_claims', // signature fine but the claims are not ours (missing sub, bad role, ...)
  'expired',
  'not_yet_valid',
  // refresh tokens
  'unknown_token',
  'revoked',
  'reused', // an already-rotated refresh token came back: its whole family is revoked
  // UCS SSO tokens
  'malformed_base64',
  'wrong_length',
  'bad_timestamp',
  'bad_username',
  'username_mismatch',
  'bad_digest',
  'replayed',
] as const;

export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

export function authFailure<T = never>(
  reason: AuthFailureReason,
  message: string,
  details: Record<string, unknown> = {},
): Result<T> {
  return fail<T>('unauthorized', message, { ...details, reason });
}
