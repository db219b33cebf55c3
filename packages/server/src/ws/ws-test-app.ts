// A real WebSocket API on 127.0.0.1 over a small contact center, for the tests beside it: an engine
// on a VirtualClock with the simulated switch, an Authenticator with an in-memory refresh store, and
// the CommandExecutor. Persistence and configuration are not used by the WebSocket API, so they are
// left out. Tokens are signed with the Authenticator's own key ring.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type QueueConfig, unwrap } from '@switchboard/core';
import {
  type AgentConfig,
  Engine,
  type EngineConfig,
  type EngineEvent,
  InMemoryEventBus,
  InMemoryStore,
  SequentialIds,
  VirtualClock,
} from '@switchboard/engine';
import { SimTelephony, seededRandom } from '@switchboard/telephony/sim';
import type { AppContext } from '../app/app-context.ts';
import { CommandExecutor } from '../app/command-executor.ts';
import { createAccessTokenKeyRing } from '../auth/access-token-keys.ts';
import { signAccessToken } from '../auth/access-token.ts';
import { Authenticator } from '../auth/authenticator.ts';
import { InMemoryRefreshTokenStore } from '../auth/in-memory-refresh-token-store.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import type { Principal } from '../auth/principal.ts';
import { loadSettings } from '../config/load-settings.ts';
import { createJsonLogger } from '../observability/json-logger.ts';
import { MetricsRegistry } from '../observability/metrics-registry.ts';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { attachWebSocketApi, type WebSocketApi } from './ws-api.ts';
import type { WsApiOptions } from './ws-options.ts';

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

/** Two queues, two teams: north (a1, a2) answers sales, south (a3, a4) answers support. */
export function testCenter(): EngineConfig {
  const queue = (id: string): QueueConfig => ({
    id,
    name: id,
    strategy: 'linear',
    maxWaitMs: null,
    maxLength: null,
    joinEmpty: 'never',
    leaveWhenEmpty: 'never',
    overflow: { onTimeout: null, onFull: null, onEmpty: null },
    wrapupMs: 5000,
    serviceLevelMs: 20_000,
    ringTimeoutMs: 10_000,
    requirements: [],
    maxPenalty: 0,
    relaxation: [],
    weight: 0,
  });
  const agents: AgentConfig[] = [
    { id: 'a1', name: 'A1', groups: ['north'] },
    { id: 'a2', name: 'A2', groups: ['north'] },
    { id: 'a3', name: 'A3', groups: ['south'] },
    { id: 'a4', name: 'A4', groups: ['south'] },
  ];
  return {
    queues: [queue('sales'), queue('support')],
    agents,
    memberships: [
      { agentId: 'a1', queueId: 'sales', penalty: 0 },
      { agentId: 'a2', queueId: 'sales', penalty: 0 },
      { agentId: 'a3', queueId: 'support', penalty: 0 },
      { agentId: 'a4', queueId: 'support', penalty: 0 },
    ],
    dialPlan: [
      { number: '1000', destination: { kind: 'queue', queueId: 'sales' } },
      { number: '2000', destination: { kind: 'queue', queueId: 'support' } },
    ],
  };
}

export const ADMIN: Principal = { userId: 'root', role: 'admin' };
export const NORTH_SUPERVISOR: Principal = {
  userId: 'sam',
  role: 'supervisor',
  scope: { queues: ['sales'], agentGroups: ['north'] },
};
export const agentPrincipal = (agentId: string): Principal => ({ userId: agentId, role: 'agent' });

export interface TestContext {
  readonly ctx: AppContext;
  readonly clock: VirtualClock;
  readonly engine: Engine;
  readonly telephony: SimTelephony;
  /** Every engine event published, in order. */
  readonly events: EngineEvent[];
  readonly logLines: string[];
  token(principal: Principal, lifetimeMs?: number): string;
}

export interface WsTestApp extends TestContext {
  readonly server: Server;
  readonly api: WebSocketApi;
  /** ws://127.0.0.1:<port>/api/v1/ws */
  readonly url: string;
  /** Waits until the server has seen its connections come and go down to `count`. */
  connections(count: number): Promise<void>;
  close(): Promise<void>;
}

/** The AppContext of the test center, without any server. */
export function createTestContext(
  options: { settings?: Record<string, unknown>; answerDelayMs?: number } = {},
): TestContext {
  const clock = new VirtualClock(T0);
  const bus = new InMemoryEventBus((error) => {
    throw error;
  });
  const events: EngineEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const telephony = new SimTelephony({
    clock,
    random: seededRandom(7),
    behaviour: {
      answerDelay: { kind: 'fixed', ms: options.answerDelayMs ?? 1000 },
      talk: { kind: 'fixed', ms: 30_000 },
      patience: { kind: 'never' },
      callerEndsShare: 1,
      remoteAnswerDelay: { kind: 'fixed', ms: 1000 },
    },
  });
  const config = testCenter();
  const engine = unwrap(
    Engine.create(
      {
        clock,
        ids: new SequentialIds(),
        bus,
        store: new InMemoryStore(),
        telephony,
        random: seededRandom(3),
      },
      config,
    ),
  );
  const groups = new Map(config.agents.map((a) => [a.id, a.groups ?? []]));
  const directory: ScopeDirectory = { groupsOf: (agentId) => groups.get(agentId) ?? [] };
  const accessKeys = unwrap(createAccessTokenKeyRing('k1', { k1: Buffer.alloc(32, 7) }));
  const auth = new Authenticator({
    users: { findByUsername: async () => undefined, findById: async () => undefined },
    refreshTokenStore: new InMemoryRefreshTokenStore(),
    accessKeys,
    throttle: new LoginThrottle(),
    passwordParams: { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 },
  });
  const logLines: string[] = [];
  const ctx: AppContext = {
    clock,
    engine,
    bus,
    auth,
    commands: new CommandExecutor(engine, directory),
    directory,
    log: createJsonLogger({ level: 'info', write: (line) => logLines.push(line), now: () => clock.now() }),
    metrics: new MetricsRegistry(),
    settings: unwrap(loadSettings(options.settings ?? {}, {})),
    // Not used by the WebSocket API.
    persistence: undefined as never,
    config: undefined as never,
  };
  return {
    ctx,
    clock,
    engine,
    telephony,
    events,
    logLines,
    token: (principal, lifetimeMs = 3_600_000) =>
      unwrap(signAccessToken(principal, { keys: accessKeys, now: clock.now(), lifetimeMs })).token,
  };
}

export async function startWsTestApp(
  options: { ws?: WsApiOptions; settings?: Record<string, unknown>; answerDelayMs?: number } = {},
): Promise<WsTestApp> {
  const test = createTestContext(options);
  const server = createServer();
  const api = attachWebSocketApi(server, test.ctx, options.ws ?? {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...test,
    server,
    api,
    url: `ws://127.0.0.1:${port}/api/v1/ws`,
    connections: async (count) => {
      const deadline = Date.now() + 3000;
      while (api.connectionCount() !== count) {
        if (Date.now() > deadline) throw new Error(`${api.connectionCount()} connections, not ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    close: async () => {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
