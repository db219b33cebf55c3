// What a REST handler receives and returns. The router has already authenticated the caller,
// checked its role and the path's agent/queue against its scope, and parsed params, query and body
// with the route's schemas; a handler only does the work and filters what it answers by role.
import type { Result } from '@switchboard/core';
import type { RouteBody, RouteId, RouteParams, RouteQuery } from '@switchboard/protocol';
import type { AppContext } from '../app/app-context.ts';
import type { Principal } from '../auth/principal.ts';
import type { ScryptParams } from '../auth/password-hash.ts';
import type { Viewer } from '../scope/viewer.ts';

/** What the handlers share besides the AppContext, built once per HTTP handler. */
export interface HandlerEnv {
  readonly ctx: AppContext;
  /** scrypt parameters for passwords set through the API. */
  readonly passwordParams: ScryptParams;
}

export interface PublicCall<R extends RouteId> {
  readonly env: HandlerEnv;
  readonly params: RouteParams<R>;
  readonly query: RouteQuery<R>;
  readonly body: RouteBody<R>;
  /** The peer's address, for login throttling. */
  readonly source: string;
}

export interface RouteCall<R extends RouteId> extends PublicCall<R> {
  readonly principal: Principal;
  readonly viewer: Viewer;
}

/**
 * The ok value is the response body (undefined for 204); a failure becomes the error envelope.
 * A handler may also throw: the router turns that into a 500 envelope and a log line.
 */
export type Outcome = Result<unknown> | Promise<Result<unknown>>;

export type RouteHandler<R extends RouteId> = (call: RouteCall<R>) => Outcome;
export type PublicHandler<R extends RouteId> = (call: PublicCall<R>) => Outcome;
