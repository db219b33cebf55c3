// Routes that obtain, renew and end a session: password login, refresh, logout and the UCS SSO
// login of window.ucsOperator.sso. They are 'public' (no access token): they are how one is got.
// Every failure is `unauthorized` (the client is not told why) or `rate_limited` (with
// details.retryAfterMs and a Retry-After header).
import Type from 'typebox';
import { RoleSchema } from '../wire/directory-schemas.ts';
import { closed, id, millis, open, type Wire } from '../wire/schema-builders.ts';
import { API_PREFIX, defineRoute } from './route.ts';

const none = { params: null, query: null, body: null } as const;
const username = () => Type.String({ minLength: 1, maxLength: 256 });

export const LoginRequestSchema = closed(
  {
    username: username(),
    password: Type.String({ minLength: 1, maxLength: 1024, writeOnly: true }),
  },
  { title: 'LoginRequest' },
);
export type LoginRequest = Wire<typeof LoginRequestSchema>;

export const RefreshRequestSchema = closed(
  {
    refreshToken: Type.String({
      minLength: 1,
      maxLength: 512,
      description: 'The refreshToken of the last TokenPair; it is spent by this call.',
    }),
  },
  { title: 'RefreshRequest' },
);
export type RefreshRequest = Wire<typeof RefreshRequestSchema>;

export const UcsSsoLoginRequestSchema = closed(
  {
    username: username(),
    token: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'base64(sha1(secret + username + timestamp) + username + timestamp), timestamp in s.',
    }),
  },
  { title: 'UcsSsoLoginRequest' },
);
export type UcsSsoLoginRequest = Wire<typeof UcsSsoLoginRequestSchema>;

export const TokenPairSchema = open(
  {
    tokenType: Type.Literal('Bearer'),
    accessToken: Type.String({ description: 'Send as `Authorization: Bearer <accessToken>`.' }),
    accessTokenExpiresAt: millis(),
    refreshToken: Type.String({ description: 'One use: POST it to /api/v1/auth/refresh for a new pair.' }),
    refreshTokenExpiresAt: millis(),
    userId: id(),
    role: RoleSchema,
  },
  { title: 'TokenPair' },
);
export type TokenPair = Wire<typeof TokenPairSchema>;

export const AUTH_ROUTES = {
  authLogin: defineRoute({
    ...none,
    method: 'POST',
    path: `${API_PREFIX}/auth/login`,
    summary: 'Log in with a username and password: an access token (short-lived) and a refresh token.',
    tag: 'auth',
    role: 'public',
    body: LoginRequestSchema,
    response: TokenPairSchema,
    status: 200,
    errors: [],
  }),
  authRefresh: defineRoute({
    ...none,
    method: 'POST',
    path: `${API_PREFIX}/auth/refresh`,
    summary:
      'Exchange a refresh token for a new pair (the old refresh token is spent; reusing it ends the session).',
    tag: 'auth',
    role: 'public',
    body: RefreshRequestSchema,
    response: TokenPairSchema,
    status: 200,
    errors: [],
  }),
  authLogout: defineRoute({
    ...none,
    method: 'POST',
    path: `${API_PREFIX}/auth/logout`,
    summary: 'End the session of a refresh token (an unknown token is fine: the session is gone either way).',
    tag: 'auth',
    role: 'public',
    body: RefreshRequestSchema,
    response: null,
    status: 204,
    errors: [],
  }),
  authUcsSso: defineRoute({
    ...none,
    method: 'POST',
    path: `${API_PREFIX}/auth/ucs-sso`,
    summary: 'Log in with a UCS SSO token (one use, within the clock-skew window).',
    tag: 'auth',
    role: 'public',
    body: UcsSsoLoginRequestSchema,
    response: TokenPairSchema,
    status: 200,
    errors: [],
  }),
};
