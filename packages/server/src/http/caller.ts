// Who is calling and whether it may call this route: the Bearer access token, the route's least
// role, and the {agentId} / {queueId} of the path against the caller's scope. Failures are typed:
// unauthorized (no or bad token; the reason stays in the log) and forbidden.
import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '@switchboard/core';
import type { RouteRole } from '@switchboard/protocol';
import type { AppContext } from '../app/app-context.ts';
import type { Principal, Role } from '../auth/principal.ts';
import { type ScopeDirectory, seesQueue, supervisesAgent, type Viewer } from '../scope/viewer.ts';

const RANK: Readonly<Record<Role, number>> = { agent: 1, supervisor: 2, admin: 3 };
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,16384})$/;

export function authenticate(req: IncomingMessage, ctx: AppContext): Result<Principal> {
  const header = req.headers.authorization;
  if (header === undefined)
    return fail('unauthorized', 'an Authorization: Bearer <access token> header is needed');
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) {
    return fail('unauthorized', 'the Authorization header must be Bearer <access token>', {
      reason: 'malformed',
    });
  }
  const claims = ctx.auth.verifyAccessToken(token, ctx.clock.now());
  if (!claims.ok) return claims;
  const { sub, role, scope } = claims.value;
  return ok(scope === undefined ? { userId: sub, role } : { userId: sub, role, scope });
}

export function hasRole(principal: Principal, least: RouteRole): boolean {
  return least === 'public' || RANK[principal.role] >= RANK[least];
}

/** The agent and queue a path names must be in the caller's scope (an agent: its own agent only). */
export function checkPathScope(
  params: Readonly<Record<string, string>>,
  viewer: Viewer,
  directory: ScopeDirectory,
): Result<void> {
  const { agentId, queueId } = params;
  if (agentId !== undefined && !supervisesAgent(viewer, agentId, directory)) {
    return fail('forbidden', `agent ${agentId} is outside your scope`, { agentId });
  }
  if (queueId !== undefined && !seesQueue(viewer, queueId)) {
    return fail('forbidden', `queue ${queueId} is outside your scope`, { queueId });
  }
  return ok(undefined);
}
