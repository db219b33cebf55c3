// Users: the caller itself (/me) and the administrator's CRUD. The password hash never leaves the
// server; a password sent in is hashed with scrypt before it is stored. A change that matters to
// security (password, role, scope, disabled, deletion) ends the user's sessions: its refresh tokens
// are revoked, and its access token dies within its short lifetime.
import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '@switchboard/core';
import type { User } from '@switchboard/protocol';
import { hashPassword } from '../auth/password-hash.ts';
import type { UserRecord } from '../auth/user-directory.ts';
import type { HandlerEnv, RouteHandler } from './route-call.ts';

type UserRoutes = 'getMe' | 'listUsers' | 'createUser' | 'getUser' | 'updateUser' | 'deleteUser';

export function userView(user: UserRecord): User {
  const { id, username, role, scope, disabled } = user;
  return scope === undefined ? { id, username, role, disabled } : { id, username, role, scope, disabled };
}

async function found(env: HandlerEnv, userId: string): Promise<Result<UserRecord>> {
  const user = await env.ctx.persistence.users.findById(userId);
  return user === undefined ? fail('unknown_user', `no user '${userId}'`, { userId }) : ok(user);
}

const viewOf = (result: Result<UserRecord>): Result<User> =>
  result.ok ? ok(userView(result.value)) : result;

export const USER_HANDLERS: { readonly [R in UserRoutes]: RouteHandler<R> } = {
  getMe: async ({ env, principal }) => viewOf(await found(env, principal.userId)),

  listUsers: async ({ env }) => ok({ items: (await env.ctx.persistence.users.list()).map(userView) }),

  getUser: async ({ env, params }) => viewOf(await found(env, params.userId)),

  createUser: async ({ env, body }) => {
    const passwordHash =
      body.password === undefined ? null : await hashPassword(body.password, env.passwordParams);
    const user: UserRecord = {
      id: body.id ?? `u-${randomUUID()}`,
      username: body.username,
      passwordHash,
      role: body.role,
      disabled: body.disabled ?? false,
      ...(body.scope === undefined
        ? {}
        : { scope: { queues: [...body.scope.queues], agentGroups: [...body.scope.agentGroups] } }),
    };
    return viewOf(await env.ctx.persistence.users.create(user));
  },

  updateUser: async ({ env, params, body }) => {
    const before = await found(env, params.userId);
    if (!before.ok) return before;
    const role = body.role ?? before.value.role;
    // A scope belongs to supervisors only: leaving that role drops it, unless one is sent (refused).
    const scope = body.scope ?? (role === 'supervisor' ? before.value.scope : undefined);
    const { scope: _old, ...rest } = before.value;
    const next: UserRecord = {
      ...rest,
      username: body.username ?? rest.username,
      role,
      disabled: body.disabled ?? rest.disabled,
      passwordHash:
        body.password === undefined
          ? rest.passwordHash
          : await hashPassword(body.password, env.passwordParams),
      ...(scope === undefined
        ? {}
        : { scope: { queues: [...scope.queues], agentGroups: [...scope.agentGroups] } }),
    };
    const updated = await env.ctx.persistence.users.update(next);
    if (!updated.ok) return updated;
    const sensitive =
      body.password !== undefined ||
      next.role !== before.value.role ||
      next.disabled !== before.value.disabled ||
      JSON.stringify(next.scope) !== JSON.stringify(before.value.scope);
    if (sensitive) await env.ctx.auth.logoutEverywhere(params.userId, env.ctx.clock.now());
    return viewOf(updated);
  },

  deleteUser: async ({ env, params }) => {
    const deleted = await env.ctx.persistence.users.delete(params.userId);
    if (deleted.ok) await env.ctx.auth.logoutEverywhere(params.userId, env.ctx.clock.now());
    return deleted;
  },
};
