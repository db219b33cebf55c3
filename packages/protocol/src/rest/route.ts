// A REST route as data: method, path template, the schemas of its params, query, body and response,
// a summary, the least role that may call it and the errors it can give besides the common ones.
// The server's router, its request parser and the OpenAPI document are all read from these.
import Type, { type TObject, type TSchema } from 'typebox';
import type { Role } from '../wire/directory-schemas.ts';
import { closed, count, open, type ShapeOptions } from '../wire/schema-builders.ts';
import type { ErrorCode } from '../wire/wire-error.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const API_PREFIX = '/api/v1';

/** Who may call a route: a least role, or anyone ('public', for the routes that obtain a token). */
export type RouteRole = Role | 'public';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** OpenAPI path template under the server root, e.g. /api/v1/agents/{agentId}. */
  readonly path: string;
  readonly summary: string;
  /** Groups routes in the docs. */
  readonly tag: string;
  /**
   * The least role allowed: admin > supervisor > agent. A supervisor is limited to its scope; an
   * agent-role caller to its own agent (an {agentId} in the path must be its own) and its contacts.
   * 'public': no access token at all (the auth routes that obtain or end one).
   */
  readonly role: RouteRole;
  readonly params: TObject | null;
  readonly query: TObject | null;
  readonly body: TSchema | null;
  /** null: 204 No Content. */
  readonly response: TSchema | null;
  readonly status: 200 | 201 | 204;
  /** Errors this route can give besides those every route can (see COMMON_ERRORS). */
  readonly errors: readonly ErrorCode[];
}

/** Errors any route can answer with: a bad request, no or bad token, no right, overload, a bug. */
export const COMMON_ERRORS: readonly ErrorCode[] = [
  'invalid_argument',
  'unauthorized',
  'forbidden',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
];

/** Keeps each route's own schema types (for typed parsing) while checking it is a RouteSpec. */
export function defineRoute<const S extends RouteSpec>(spec: S): S {
  return Object.freeze(spec);
}

export function params<P extends Record<string, TSchema>>(properties: P) {
  return closed(properties);
}

/** A list response: `{items}` (open, so fields like a total can be added later). */
export function listOf<S extends TSchema>(item: S, options: ShapeOptions) {
  return open({ items: Type.Array(item) }, options);
}

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** Cursor paging: pass back `nextCursor` as `cursor` until it is null. */
export const pageQueryFields = {
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'From nextCursor.' })),
  limit: Type.Optional(
    count({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `Default ${DEFAULT_PAGE_SIZE}.` }),
  ),
};

export function pageOf<S extends TSchema>(item: S, options: ShapeOptions) {
  return open(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null: this was the last page.' }),
    },
    options,
  );
}

/** A time range [from, to) in ms since the epoch. */
export const rangeQueryFields = {
  from: count({ description: 'Inclusive, ms since the epoch.' }),
  to: count({ description: 'Exclusive, ms since the epoch.' }),
};
