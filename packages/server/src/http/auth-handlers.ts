// The public routes: log in (password or UCS SSO), refresh, log out. The Authenticator does the
// work (throttling, constant-time checks, one-time tokens); the client learns only the code.
import type { PublicHandler } from './route-call.ts';

type AuthRoutes = 'authLogin' | 'authRefresh' | 'authLogout' | 'authUcsSso';

export const AUTH_HANDLERS: { readonly [R in AuthRoutes]: PublicHandler<R> } = {
  authLogin: ({ env, body, source }) =>
    env.ctx.auth.login(body.username, body.password, source, env.ctx.clock.now()),
  authRefresh: ({ env, body }) => env.ctx.auth.refresh(body.refreshToken, env.ctx.clock.now()),
  authLogout: ({ env, body }) => env.ctx.auth.logout(body.refreshToken, env.ctx.clock.now()),
  authUcsSso: ({ env, body, source }) =>
    env.ctx.auth.loginWithUcsSso(body.username, body.token, source, env.ctx.clock.now()),
};
