// Public entry of the server's authentication layer: password hashing, access and refresh
// tokens, login throttling, UCS SSO tokens, and the Authenticator that composes them.
export * from './access-token.ts';
export * from './access-token-keys.ts';
export * from './auth-failure.ts';
export * from './authenticator.ts';
export * from './in-memory-refresh-token-store.ts';
export * from './login-throttle.ts';
export * from './password-hash.ts';
export * from './principal.ts';
export * from './random-source.ts';
export * from './refresh-token-store.ts';
export * from './refresh-tokens.ts';
export * from './source-address-key.ts';
export * from './strict-base64.ts';
export * from './ucs-sso-replay-cache.ts';
export * from './ucs-sso-token.ts';
export * from './user-directory.ts';
