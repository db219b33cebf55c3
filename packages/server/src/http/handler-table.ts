// One handler per route of the catalogue. The mapped types make a route without a handler a
// compile error, so the catalogue (and with it the OpenAPI document) cannot promise a route the
// server does not serve.
import type { RouteId } from '@switchboard/protocol';
import { AGENT_HANDLERS } from './agent-handlers.ts';
import { AUTH_HANDLERS } from './auth-handlers.ts';
import { COMMAND_HANDLERS } from './command-handlers.ts';
import { LIVE_HANDLERS } from './live-handlers.ts';
import { QUEUE_HANDLERS } from './queue-handlers.ts';
import { RECORD_HANDLERS } from './record-handlers.ts';
import { REFERENCE_HANDLERS } from './reference-handlers.ts';
import type { PublicHandler, RouteHandler } from './route-call.ts';
import { STATS_HANDLERS } from './stats-handlers.ts';
import { USER_HANDLERS } from './user-handlers.ts';

export type PublicRouteId = keyof typeof AUTH_HANDLERS;
export type ProtectedRouteId = Exclude<RouteId, PublicRouteId>;

export const PUBLIC_HANDLERS: { readonly [R in PublicRouteId]: PublicHandler<R> } = AUTH_HANDLERS;

export const ROUTE_HANDLERS: { readonly [R in ProtectedRouteId]: RouteHandler<R> } = {
  ...USER_HANDLERS,
  ...AGENT_HANDLERS,
  ...QUEUE_HANDLERS,
  ...REFERENCE_HANDLERS,
  ...LIVE_HANDLERS,
  ...STATS_HANDLERS,
  ...RECORD_HANDLERS,
  ...COMMAND_HANDLERS,
};

export function isPublicRoute(routeId: RouteId): routeId is PublicRouteId {
  return Object.hasOwn(PUBLIC_HANDLERS, routeId);
}
