// A real REST API on 127.0.0.1 for the tests beside it, built from real parts: a SQLite database in
// a temp dir (the engine writes through SqliteStore, so records and logs are stored), an engine on a
// VirtualClock with the simulated switch, an Authenticator over the stored users, the ConfigService
// and the CommandExecutor. Tokens come from POST /api/v1/auth/login. Every 2xx answer is checked
// against its route's response schema, so each test also checks the wire contract.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type QueueConfig, queueWithDefaults, unwrap } from '@switchboard/core';
import { Engine, type EngineEvent, InMemoryEventBus, SequentialIds, VirtualClock } from '@switchboard/engine';
import { checker, isRouteId, matchRoute, ROUTES } from '@switchboard/protocol';
import { type SimBehaviour, SimTelephony, seededRandom } from '@switchboard/telephony/sim';
import type { AppContext } from '../app/app-context.ts';
import { CommandExecutor } from '../app/command-executor.ts';
import { ConfigService } from '../app/config-service.ts';
import { createAccessTokenKeyRing } from '../auth/access-token-keys.ts';
import { Authenticator } from '../auth/authenticator.ts';
import { InMemoryRefreshTokenStore } from '../auth/in-memory-refresh-token-store.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { hashPassword, type ScryptParams } from '../auth/password-hash.ts';
import { InMemoryReplayCache } from '../auth/ucs-sso-replay-cache.ts';
import type { UserRecord } from '../auth/user-directory.ts';
import { loadSettings } from '../config/load-settings.ts';
import { createJsonLogger } from '../observability/json-logger.ts';
import { MetricsRegistry } from '../observability/metrics-registry.ts';
import type { SeedConfig } from '../persistence/config-seed.ts';
import { Persistence } from '../persistence/persistence.ts';
import { SqliteDatabase } from '../persistence/sqlite-database.ts';
import { SqliteStore } from '../persistence/sqlite-store.ts';
import type { HealthReport } from './health-report.ts';
import { createHttpHandler, type HttpHandler } from './http-handler.ts';

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
export const CHEAP: ScryptParams = { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 };
export const SSO_SECRET = 'rest-test-sso-secret-0123456789abcdef';
export const PASSWORD = 'password-1';

export function testQueue(id: string, over: Partial<QueueConfig> = {}): QueueConfig {
  return queueWithDefaults(id, { strategy: 'linear', wrapupMs: 5000, ringTimeoutMs: 10_000, ...over });
}

/**
 * Two queues, two teams: north (a1, a2) answers sales, south (a3, a4) support. Users: root
 * (admin), sam (supervisor of sales and north), a1…a4 (agents, user id = agent id).
 */
export async function testSeed(): Promise<SeedConfig> {
  const hash = await hashPassword(PASSWORD, CHEAP);
  const user = (id: string, role: UserRecord['role'], extra: Partial<UserRecord> = {}): UserRecord => ({
    id,
    username: id,
    passwordHash: hash,
    role,
    disabled: false,
    ...extra,
  });
  const agents = ['a1', 'a2', 'a3', 'a4'].map((id, i) => ({
    id,
    name: id.toUpperCase(),
    skills: { english: 3 },
    groups: [i < 2 ? 'north' : 'south'],
  }));
  return {
    queues: [testQueue('sales'), testQueue('support')],
    agents,
    memberships: agents.map((a, i) => ({ agentId: a.id, queueId: i < 2 ? 'sales' : 'support', penalty: 0 })),
    dialPlan: [
      { number: '1000', destination: { kind: 'queue', queueId: 'sales' } },
      { number: '2000', destination: { kind: 'queue', queueId: 'support' } },
    ],
    users: [
      user('root', 'admin'),
      user('sam', 'supervisor', { scope: { queues: ['sales'], agentGroups: ['north'] } }),
      ...agents.map((a) => user(a.id, 'agent')),
    ],
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read untyped JSON answers
  readonly body: any;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as it is (bytes or text), instead of JSON of `body`. */
  readonly raw?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

export interface RestTestApp {
  readonly ctx: AppContext;
  readonly clock: VirtualClock;
  readonly telephony: SimTelephony;
  readonly base: string;
  readonly events: EngineEvent[];
  readonly logLines: string[];
  /** The handler the server runs, for in-process tests. */
  readonly handler: HttpHandler;
  request(method: string, path: string, options?: RequestOptions): Promise<Answer>;
  /** An access token of a seeded user, from POST /api/v1/auth/login. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

const DEFAULT_BEHAVIOUR: SimBehaviour = {
  answerDelay: { kind: 'fixed', ms: 1000 },
  talk: { kind: 'never' },
  patience: { kind: 'never' },
  callerEndsShare: 0,
  remoteAnswerDelay: { kind: 'fixed', ms: 1000 },
};

export async function startRestTestApp(
  options: { behaviour?: SimBehaviour; health?: () => HealthReport } = {},
): Promise<RestTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-rest-'));
  const db = new SqliteDatabase(join(dir, 'test.db'));
  const clock = new VirtualClock(T0);
  const persistence = await Persistence.open(db, { now: clock.now() });
  unwrap(await persistence.seedIfEmpty(await testSeed()));
  const bus = new InMemoryEventBus((error) => {
    throw error;
  });
  const events: EngineEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const telephony = new SimTelephony({
    clock,
    random: seededRandom(7),
    behaviour: options.behaviour ?? DEFAULT_BEHAVIOUR,
  });
  const engine = unwrap(
    Engine.create(
      {
        clock,
        ids: new SequentialIds(),
        bus,
        store: new SqliteStore(db),
        telephony,
        random: seededRandom(3),
      },
      await persistence.loadEngineConfig(),
    ),
  );
  const groups = new Map((await persistence.agents.list()).map((a) => [a.id, a.groups]));
  const config = new ConfigService({ persistence, engine }, groups);
  const auth = new Authenticator({
    users: persistence.users,
    refreshTokenStore: new InMemoryRefreshTokenStore(),
    accessKeys: unwrap(createAccessTokenKeyRing('k1', { k1: Buffer.alloc(32, 9) })),
    throttle: new LoginThrottle(),
    passwordParams: CHEAP,
    accessTokenLifetimeMs: 24 * 3_600_000,
    ucsSso: { secret: SSO_SECRET, replayCache: new InMemoryReplayCache() },
  });
  const logLines: string[] = [];
  const ctx: AppContext = {
    clock,
    engine,
    bus,
    persistence,
    auth,
    commands: new CommandExecutor(engine, config),
    config,
    directory: config,
    log: createJsonLogger({ level: 'info', write: (line) => logLines.push(line), now: () => clock.now() }),
    metrics: new MetricsRegistry(),
    settings: unwrap(loadSettings({}, {})),
  };
  const handler = createHttpHandler(ctx, {
    health:
      options.health ??
      (() => ({
        status: 'ok',
        uptimeMs: clock.now() - T0,
        components: { database: { status: 'ok' }, engine: { status: 'ok' }, telephony: { status: 'ok' } },
      })),
    passwordParams: CHEAP,
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    const json =
      text.length > 0 && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    checkAgainstSchema(method, path, res.status, json);
    return { status: res.status, headers: res.headers, body: json };
  };
  return {
    ctx,
    clock,
    telephony,
    base,
    events,
    logLines,
    handler,
    request,
    login: async (username) => {
      const answer = await request('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.accessToken as string;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await persistence.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const CHECKERS = new Map<string, ReturnType<typeof checker>>();

/** A 2xx answer must fit its route's response schema; an error answer, the envelope. */
function checkAgainstSchema(method: string, path: string, status: number, body: unknown): void {
  const pathname = new URL(path, 'http://x').pathname;
  const match = matchRoute(method, pathname);
  if (match === null || !isRouteId(match.routeId)) return;
  const route = ROUTES[match.routeId];
  if (status >= 400) {
    const error = (body as { error?: { code?: unknown } }).error;
    assert.equal(typeof error?.code, 'string', `${method} ${path}: ${status} without an error envelope`);
    return;
  }
  assert.equal(status, route.status, `${method} ${path}: status`);
  if (route.response === null) return;
  let check = CHECKERS.get(match.routeId);
  if (check === undefined) {
    check = checker(route.response);
    CHECKERS.set(match.routeId, check);
  }
  const checked = check.check(body);
  assert.ok(
    checked.ok,
    `${method} ${path}: answer off its schema: ${JSON.stringify(checked.ok ? '' : checked.error)}`,
  );
}
