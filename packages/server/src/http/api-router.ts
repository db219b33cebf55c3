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
import { authenticate, checkPathScope, hasRole } from './caller.ts';
import { isPublicRoute, ROUTE_HANDLERS } from './handler-table.ts';
import { PUBLIC_HANDLERS } from './handler-table.ts';
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
  const principal = route.role === 'public' ? null : authenticate(req, env.ctx);
  if (principal !== null) {
    if (!principal.ok) return refuse(toWireError(principal.error));
    note.userId = principal.value.userId;
    if (!hasRole(principal.value, route.role)) {
      return refuse(wireError('forbidden', `${routeId} needs the ${route.role} role`, { role: route.role }));
    }
  }
  const params = parseRequestParams(routeId, match.params);
  if (!params.ok) return refuse(params.error);
  const viewer = principal === null ? null : viewerOf(principal.value);
  if (viewer !== null) {
    const inScope = checkPathScope(match.params, viewer, env.ctx.directory);
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
  let outcome: Awaited<Outcome>;
  if (isPublicRoute(routeId)) {
    outcome = await (PUBLIC_HANDLERS[routeId] as (call: PublicCall<typeof routeId>) => Outcome)(base);
  } else {
    const call: RouteCall<typeof routeId> = {
      ...base,
      principal: principal!.ok ? principal!.value : never(),
      viewer: viewer!,
    };
    outcome = await (ROUTE_HANDLERS[routeId] as (call: RouteCall<typeof routeId>) => Outcome)(call);
  }
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

function never(): never {
  throw new Error('unreachable: a protected route without a principal');
}
