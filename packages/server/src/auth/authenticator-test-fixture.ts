// A user directory and an Authenticator wired with in-memory parts, shared by the
// Authenticator tests. Cheap scrypt parameters keep them fast.
import assert from 'node:assert/strict';
import { type Result, unwrap } from '@switchboard/core';
import { createAccessTokenKeyRing } from './access-token-keys.ts';
import { Authenticator, type AuthenticatorConfig } from './authenticator.ts';
import { InMemoryRefreshTokenStore } from './in-memory-refresh-token-store.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, type ScryptParams } from './password-hash.ts';
import { InMemoryReplayCache } from './ucs-sso-replay-cache.ts';
import { createUcsSsoToken } from './ucs-sso-token.ts';
import type { UserDirectory, UserRecord } from './user-directory.ts';

export const CHEAP: ScryptParams = { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 };
export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
export const MIN = 60_000;
export const SSO_SECRET = 'sso-secret';
export const IP = '198.51.100.20';

export class MapDirectory implements UserDirectory {
  readonly users = new Map<string, UserRecord>();
  readonly updates: Array<{ id: string; passwordHash: string }> = [];
  add(user: UserRecord): void {
    this.users.set(user.id, user);
  }
  async findByUsername(username: string) {
    return [...this.users.values()].find((u) => u.username === username);
  }
  async findById(id: string) {
    return this.users.get(id);
  }
  async updatePasswordHash(id: string, passwordHash: string) {
    this.updates.push({ id, passwordHash });
    this.users.set(id, { ...this.users.get(id)!, passwordHash });
  }
}

export async function setup(params: ScryptParams = CHEAP, over: Partial<AuthenticatorConfig> = {}) {
  const users = new MapDirectory();
  users.add({
    id: 'u-1',
    username: 'alice',
    passwordHash: await hashPassword('alice-pw', params),
    role: 'agent',
    disabled: false,
  });
  users.add({
    id: 'u-2',
    username: 'sam',
    passwordHash: await hashPassword('sam-pw', params),
    role: 'supervisor',
    scope: { queues: ['sales'], agentGroups: ['north'] },
    disabled: false,
  });
  users.add({
    id: 'u-3',
    username: 'gone',
    passwordHash: await hashPassword('gone-pw', params),
    role: 'agent',
    disabled: true,
  });
  users.add({ id: 'u-4', username: 'sso-only', passwordHash: null, role: 'agent', disabled: false });
  const auth = new Authenticator({
    users,
    refreshTokenStore: new InMemoryRefreshTokenStore(),
    accessKeys: unwrap(createAccessTokenKeyRing('k1', { k1: Buffer.alloc(32, 7) })),
    throttle: new LoginThrottle(),
    passwordParams: params,
    ucsSso: { secret: SSO_SECRET, replayCache: new InMemoryReplayCache() },
    ...over,
  });
  return { auth, users };
}

export function refusal(result: Result<unknown>): { code: string; reason: unknown; message: string } {
  assert.equal(result.ok, false, 'expected a refusal');
  if (result.ok) throw new Error('unreachable');
  return { code: result.error.code, reason: result.error.details.reason, message: result.error.message };
}

export const ssoToken = (username: string, now = T0) =>
  unwrap(createUcsSsoToken({ secret: SSO_SECRET, username, now }));
