// How much a client may send in one frame or request body. Checked before anything is decoded, so
// an oversized input costs the server no parsing. The same defaults serve WebSocket frames and REST
// bodies: a command must not fit one transport and not the other.

export interface InputLimits {
  /** Largest accepted input, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of arrays and objects (no valid input nests more than a few levels). */
  readonly maxDepth: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({ maxBytes: 256 * 1024, maxDepth: 32 });

/**
 * Why an input was refused before or instead of the schema check; travels as `details.reason` of an
 * `invalid_argument` (or `payload_too_large`, `not_found`) error so a client can tell them apart.
 */
export const INPUT_PROBLEMS = [
  'oversize', // over maxBytes (error code payload_too_large)
  'bad_utf8', // bytes that are not UTF-8, or a string with a lone surrogate
  'bad_json', // not JSON text
  'too_deep', // nested deeper than maxDepth
  'forbidden_key', // an object key `__proto__`: refused so no consumer can be tricked into prototype writes
  'unknown_frame_type', // a frame `type` outside the client frame list
  'unknown_command', // a command name outside the catalogue
  'unknown_route', // a REST route id outside the catalogue (error code not_found)
  'schema', // well-formed JSON of the wrong shape: details.path names where
  'unexpected_body', // a body sent to a route that takes none
  'bad_query', // a query string that is repeated where a single value is expected
] as const;
export type InputProblem = (typeof INPUT_PROBLEMS)[number];
