// One API request from route to answer: match → authenticate → role → path params and scope →
// query → body (size-limited, read only now) → handler → JSON or the error envelope. Each step's
// refusal is typed; nothing a client sends can make it throw past here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DEFAULT_INPUT_LIMITS,
  isRouteId,
  matchRoute,
  parseRequestBody,
  parseRequestParams,
  parseRequestQuery,
  ROUTES,
  type WireError,
  wireError,
} from '@switchboard/protocol';
import { viewerOf } from '../app/viewer-of.ts';
import type { Principal } from '../auth/principal.ts';
import type { Viewer } from '../scope/viewer.ts';
import { authenticate, checkPathScope, hasRole } from './caller.ts';
import {
  isPublicRoute,
  PUBLIC_HANDLERS,
  type ProtectedRouteId,
  type PublicRouteId,
  ROUTE_HANDLERS,
} from './handler-table.ts';
import { sendError, sendJson, toWireError } from './http-send.ts';
import { readBody } from './request-body.ts';
import type { HandlerEnv, Outcome, PublicCall, RouteCall } from './route-call.ts';

/** What the request log line says about the request, filled in as the router learns it. */
export interface RequestNote {
  route: string;
  userId?: string;
  contactId?: string;
  error?: WireError;
  /** The exception or refused Result behind a 5xx, for the log only. */
  cause?: unknown;
  aborted?: boolean;
}

export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  env: HandlerEnv,
  note: RequestNote,
): Promise<void> {
  const refuse = (error: WireError, headers?: Record<string, string>) => {
    note.error = error;
    sendError(res, forClient(error), headers);
  };
  const match = matchRoute(req.method ?? '', url.pathname);
  if (match === null || !isRouteId(match.routeId)) {
    return refuse(wireError('not_found', `no route ${req.method} ${url.pathname.slice(0, 200)}`));
  }
  const routeId = match.routeId;
  const route = ROUTES[routeId];
  note.route = routeId;
  if (match.params.contactId !== undefined) note.contactId = match.params.contactId;
  // The public routes (login, refresh, logout, SSO) are the only ones without a caller.
  let caller: { readonly principal: Principal; readonly viewer: Viewer } | null = null;
  if (!isPublicRoute(routeId)) {
    const principal = authenticate(req, env.ctx);
    if (!principal.ok) return refuse(toWireError(principal.error));
    note.userId = principal.value.userId;
    if (!hasRole(principal.value, route.role)) {
      return refuse(wireError('forbidden', `${routeId} needs the ${route.role} role`, { role: route.role }));
    }
    caller = { principal: principal.value, viewer: viewerOf(principal.value) };
  }
  const params = parseRequestParams(routeId, match.params);
  if (!params.ok) return refuse(params.error);
  if (caller !== null) {
    const inScope = checkPathScope(match.params, caller.viewer, env.ctx.directory);
    if (!inScope.ok) return refuse(toWireError(inScope.error));
  }
  const query = parseRequestQuery(routeId, url.searchParams);
  if (!query.ok) return refuse(query.error);
  const body = await readBody(req, DEFAULT_INPUT_LIMITS.maxBytes);
  if (body.kind === 'aborted') {
    note.aborted = true;
    res.destroy();
    return;
  }
  if (body.kind === 'oversize') {
    const limit = DEFAULT_INPUT_LIMITS.maxBytes;
    // The rest of the body is never read: the connection is closed once the answer is out.
    res.once('finish', () => req.destroy());
    return refuse(
      wireError('payload_too_large', `the body is over ${limit} bytes`, {
        reason: 'oversize',
        maxBytes: limit,
      }),
      { connection: 'close' },
    );
  }
  const parsed = parseRequestBody(routeId, body.bytes);
  if (!parsed.ok) return refuse(parsed.error);
  const base: PublicCall<typeof routeId> = {
    env,
    params: params.value,
    query: query.value,
    body: parsed.value,
    source: req.socket.remoteAddress ?? 'unknown',
  };
  const outcome =
    caller === null
      ? await (PUBLIC_HANDLERS[routeId as PublicRouteId] as (call: PublicCall<typeof routeId>) => Outcome)(
          base,
        )
      : await (ROUTE_HANDLERS[routeId as ProtectedRouteId] as (call: RouteCall<typeof routeId>) => Outcome)({
          ...base,
          ...caller,
        });
  if (outcome.ok) return sendJson(res, route.status, outcome.value);
  if (outcome.error.code === 'internal') note.cause = outcome.error;
  return refuse(toWireError(outcome.error));
}

/**
 * What the client may learn of an error: why a token or password failed stays in the log (it would
 * help an attacker), and a rate limit says only when to come back.
 */
export function forClient(error: WireError): WireError {
  if (error.code === 'unauthorized') return { ...error, details: {} };
  if (error.code === 'rate_limited') {
    const { retryAfterMs } = error.details;
    return { ...error, details: typeof retryAfterMs === 'number' ? { retryAfterMs } : {} };
  }
  return error;
}
