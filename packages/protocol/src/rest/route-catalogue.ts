// Every REST route of API v1, keyed by its operationId. The server's router, parseRequest* and
// buildOpenApi all read this one table.
import type { TSchema } from 'typebox';
import type { Wire } from '../wire/schema-builders.ts';
import { AUTH_ROUTES } from './auth-routes.ts';
import { COMMAND_ROUTES } from './command-routes.ts';
import { CONTACT_RECORD_ROUTES } from './contact-record-routes.ts';
import { DIRECTORY_ROUTES } from './directory-routes.ts';
import { LIVE_ROUTES } from './live-routes.ts';
import { QUEUE_ROUTES } from './queue-routes.ts';
import { REFERENCE_ROUTES } from './reference-routes.ts';
import type { RouteSpec } from './route.ts';

export { DEFAULT_INTERVAL_MS, MAX_INTERVAL_MS, MIN_INTERVAL_MS } from './live-routes.ts';

export const ROUTES = Object.freeze({
  ...AUTH_ROUTES,
  ...DIRECTORY_ROUTES,
  ...REFERENCE_ROUTES,
  ...QUEUE_ROUTES,
  ...LIVE_ROUTES,
  ...CONTACT_RECORD_ROUTES,
  ...COMMAND_ROUTES,
});

export type RouteCatalogue = typeof ROUTES;
export type RouteId = keyof RouteCatalogue;
export const ROUTE_IDS = Object.freeze(Object.keys(ROUTES)) as readonly RouteId[];

type Part<S> = S extends TSchema ? Wire<S> : undefined;

/** The typed body of a route (undefined for a route that takes none). */
export type RouteBody<R extends RouteId> = Part<RouteCatalogue[R]['body']>;
export type RouteParams<R extends RouteId> = Part<RouteCatalogue[R]['params']>;
export type RouteQuery<R extends RouteId> = Part<RouteCatalogue[R]['query']>;
/** What the route answers with (undefined for 204). */
export type RouteResponse<R extends RouteId> = Part<RouteCatalogue[R]['response']>;

export function isRouteId(value: unknown): value is RouteId {
  return typeof value === 'string' && Object.hasOwn(ROUTES, value);
}

/**
 * The route of a method and a concrete path (e.g. GET /api/v1/agents/a1), with its decoded path
 * params; null when none matches. Where two templates match, the one with more literal segments wins.
 */
export function matchRoute(
  method: string,
  path: string,
  routes: Readonly<Record<string, RouteSpec>> = ROUTES,
): { readonly routeId: string; readonly params: Record<string, string> } | null {
  const segments = path.split('/');
  let best: { routeId: string; params: Record<string, string>; literals: number } | null = null;
  for (const [routeId, route] of Object.entries(routes)) {
    if (route.method !== method) continue;
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    const found: Record<string, string> = {};
    let literals = 0;
    const matched = template.every((part, i) => {
      const segment = segments[i]!;
      if (!(part.startsWith('{') && part.endsWith('}'))) {
        literals += 1;
        return part === segment;
      }
      const value = safeDecode(segment);
      if (value === null || value === '') return false;
      found[part.slice(1, -1)] = value;
      return true;
    });
    if (matched && (best === null || literals > best.literals)) best = { routeId, params: found, literals };
  }
  return best === null ? null : { routeId: best.routeId, params: best.params };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
