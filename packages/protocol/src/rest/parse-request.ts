// The one way a REST request's params, query and body enter the server. Never throws: each part is
// the typed value or a typed error (oversize bodies: payload_too_large → 413; an unknown route id:
// not_found). Same limits and same decoding as WebSocket frames.
import type { TObject, TSchema } from 'typebox';
import { type Checker, checker } from '../parse/check-value.ts';
import { decodeJson, inputError } from '../parse/decode-json.ts';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../parse/limits.ts';
import { type ProtocolResult, type WireError, wireError } from '../wire/wire-error.ts';
import {
  isRouteId,
  ROUTE_IDS,
  ROUTES,
  type RouteBody,
  type RouteId,
  type RouteParams,
  type RouteQuery,
} from './route-catalogue.ts';

interface RouteCheckers {
  readonly params: Checker<TSchema> | null;
  readonly query: Checker<TSchema> | null;
  readonly body: Checker<TSchema> | null;
}

// Compiled once when the module loads (a schema shared by many routes is compiled once), then frozen.
const CHECKERS: Readonly<Record<string, RouteCheckers>> = (() => {
  const compiled = new Map<TSchema, Checker<TSchema>>();
  const of = (schema: TSchema | null) => {
    if (schema === null) return null;
    let found = compiled.get(schema);
    if (found === undefined) {
      found = checker(schema);
      compiled.set(schema, found);
    }
    return found;
  };
  const all: Record<string, RouteCheckers> = {};
  for (const id of ROUTE_IDS) {
    const route = ROUTES[id];
    all[id] = Object.freeze({ params: of(route.params), query: of(route.query), body: of(route.body) });
  }
  return Object.freeze(all);
})();

export type QueryInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ParsedRequest<R extends RouteId> {
  readonly params: RouteParams<R>;
  readonly query: RouteQuery<R>;
  readonly body: RouteBody<R>;
}

/** All three parts at once; the first bad part's error. */
export function parseRequest<R extends RouteId>(
  routeId: R,
  input: { params?: Readonly<Record<string, string>>; query?: QueryInput; body?: string | Uint8Array | null },
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): ProtocolResult<ParsedRequest<R>> {
  const params = parseRequestParams(routeId, input.params ?? {});
  if (!params.ok) return params;
  const query = parseRequestQuery(routeId, input.query ?? {});
  if (!query.ok) return query;
  const body = parseRequestBody(routeId, input.body ?? null, limits);
  if (!body.ok) return body;
  return { ok: true, value: { params: params.value, query: query.value, body: body.value } };
}

export function parseRequestBody<R extends RouteId>(
  routeId: R,
  body: string | Uint8Array | null | undefined,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): ProtocolResult<RouteBody<R>> {
  const checkers = checkersOf(routeId);
  if (!checkers.ok) return checkers;
  const empty = body === null || body === undefined || body.length === 0;
  const bodyChecker = checkers.value.body;
  if (bodyChecker === null) {
    if (empty) return { ok: true, value: undefined as RouteBody<R> };
    return fail(inputError('unexpected_body', `route ${routeId} takes no body`));
  }
  // An empty body is an empty object: a command without arguments needs no "{}".
  const decoded = empty ? ({ kind: 'value', value: {} } as const) : decodeJson(body, limits);
  if (decoded.kind !== 'value') return fail(decoded.error);
  return bodyChecker.check(decoded.value) as ProtocolResult<RouteBody<R>>;
}

export function parseRequestParams<R extends RouteId>(
  routeId: R,
  params: Readonly<Record<string, string>>,
): ProtocolResult<RouteParams<R>> {
  const checkers = checkersOf(routeId);
  if (!checkers.ok) return checkers;
  const paramsChecker = checkers.value.params;
  if (paramsChecker === null) return { ok: true, value: undefined as RouteParams<R> };
  return paramsChecker.check({ ...params }, '/params') as ProtocolResult<RouteParams<R>>;
}

/** Query values arrive as strings: numbers and booleans are read as the route's schema types them. */
export function parseRequestQuery<R extends RouteId>(
  routeId: R,
  query: QueryInput,
): ProtocolResult<RouteQuery<R>> {
  const checkers = checkersOf(routeId);
  if (!checkers.ok) return checkers;
  const queryChecker = checkers.value.query;
  const entries = queryEntries(query);
  if (queryChecker === null) {
    if (entries.length === 0) return { ok: true, value: undefined as RouteQuery<R> };
    const [first] = entries[0]!;
    return fail(inputError('schema', `/query/${first} is not an allowed field`, { path: `/query/${first}` }));
  }
  const properties = (queryChecker.schema as TObject).properties as Record<string, { type?: unknown }>;
  const value: Record<string, unknown> = {};
  for (const [key, values] of entries) {
    if (values.length !== 1) {
      return fail(
        inputError('bad_query', `/query/${key} is given ${values.length} times`, { path: `/query/${key}` }),
      );
    }
    value[key] = coerce(values[0]!, Object.hasOwn(properties, key) ? properties[key]?.type : undefined);
  }
  return queryChecker.check(value, '/query') as ProtocolResult<RouteQuery<R>>;
}

function queryEntries(query: QueryInput): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  };
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) add(key, value);
  } else {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const one of typeof value === 'string' ? [value] : value) add(key, one);
    }
  }
  return [...grouped];
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function coerce(text: string, type: unknown): unknown {
  if ((type === 'integer' || type === 'number') && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text; // left as text: the schema check then names the field and what it must be
}

function checkersOf(routeId: string): ProtocolResult<RouteCheckers> {
  if (!isRouteId(routeId)) {
    return fail(
      wireError('not_found', `no route ${JSON.stringify(String(routeId).slice(0, 64))}`, {
        reason: 'unknown_route',
      }),
    );
  }
  return { ok: true, value: CHECKERS[routeId]! };
}

function fail(error: WireError): { ok: false; error: WireError } {
  return { ok: false, error };
}
