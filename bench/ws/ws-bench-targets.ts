// The two servers the WebSocket benchmark measures, behind one shape: where the clients connect,
// what they send first, and how the benchmark publishes one replayed engine event (stamped with the
// monotonic time of its emission).
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { unwrap } from '@switchboard/core';
import { type EngineEvent, InMemoryEventBus, SystemClock } from '@switchboard/engine';
import type { AppContext } from '../../packages/server/src/app/app-context.ts';
import { CommandExecutor } from '../../packages/server/src/app/command-executor.ts';
import { createAccessTokenKeyRing } from '../../packages/server/src/auth/access-token-keys.ts';
import { signAccessToken } from '../../packages/server/src/auth/access-token.ts';
import { Authenticator } from '../../packages/server/src/auth/authenticator.ts';
import { InMemoryRefreshTokenStore } from '../../packages/server/src/auth/in-memory-refresh-token-store.ts';
import { LoginThrottle } from '../../packages/server/src/auth/login-throttle.ts';
import { loadSettings } from '../../packages/server/src/config/load-settings.ts';
import { createJsonLogger } from '../../packages/server/src/observability/json-logger.ts';
import { MetricsRegistry } from '../../packages/server/src/observability/metrics-registry.ts';
import { attachWebSocketApi } from '../../packages/server/src/ws/index.ts';
import { BareBroadcastServer } from './bare-broadcast-server.ts';
import { SUPERVISOR_TOPICS, type Workload } from './ws-bench-workload.ts';

export const SERVERS = ['switchboard', 'bare ws (baseline)'] as const;
export type ServerKind = (typeof SERVERS)[number];

export interface BenchTarget {
  readonly urls: string[];
  /** The first frame each connection sends (null: none), and how many frames it then waits for. */
  readonly firstFrames: (string | null)[];
  readonly awaitFrames: number;
  /** Publishes replayed event number `n` (the stream is cycled). */
  publish(n: number): void;
  /** Bytes written by the server and not yet taken by the kernel, over all connections. */
  queuedBytes(): number;
  close(): Promise<void>;
}

/** Monotonic milliseconds (CLOCK_MONOTONIC): the same clock in the server and the client process. */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

function stamped(event: EngineEvent): EngineEvent {
  return { ...event, at: monotonicMs() } as EngineEvent;
}

function trackSockets(server: {
  on(event: 'connection', fn: (socket: Socket) => void): unknown;
}): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

const queued = (sockets: Set<Socket>) => {
  let bytes = 0;
  for (const s of sockets) bytes += s.writableLength;
  return bytes;
};

export async function startTarget(kind: ServerKind, w: Workload): Promise<BenchTarget> {
  const n = w.events.length;
  if (kind === 'bare ws (baseline)') {
    const { server, url } = await BareBroadcastServer.start();
    const sockets = trackSockets(server.server);
    return {
      urls: w.principals.map((_, i) => `${url}?i=${i}`),
      firstFrames: w.principals.map(() => null),
      awaitFrames: 0,
      publish: (i) => server.publish(stamped(w.events[i % n]!), w.recipients[i % n]!, w.topics[i % n]!),
      queuedBytes: () => queued(sockets),
      close: () => server.close(),
    };
  }
  const keys = unwrap(createAccessTokenKeyRing('k1', { k1: Buffer.alloc(32, 9) }));
  const bus = new InMemoryEventBus();
  const clock = new SystemClock();
  const ctx: AppContext = {
    clock,
    engine: w.engine,
    bus,
    auth: new Authenticator({
      users: { findByUsername: async () => undefined, findById: async () => undefined },
      refreshTokenStore: new InMemoryRefreshTokenStore(),
      accessKeys: keys,
      throttle: new LoginThrottle(),
      passwordParams: { N: 16, r: 1, p: 1, saltBytes: 16, keyBytes: 32 },
    }),
    commands: new CommandExecutor(w.engine, w.directory),
    directory: w.directory,
    log: createJsonLogger({ level: 'error', write: () => {}, now: () => Date.now() }),
    metrics: new MetricsRegistry(),
    settings: unwrap(loadSettings({}, {})),
    persistence: undefined as never,
    config: undefined as never,
  };
  const http = createServer();
  const sockets = trackSockets(http);
  // Statistics pushes are left out (once an hour): the baseline has nothing like them. The slow-client
  // limit is raised: the clients share two cores with the server and may lag during a burst.
  const api = attachWebSocketApi(http, ctx, {
    statsIntervalMs: 3_600_000,
    maxBufferedBytes: 1 << 30,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const agents = w.config.agents.length;
  return {
    urls: w.principals.map((p) => {
      const token = unwrap(signAccessToken(p, { keys, now: Date.now(), lifetimeMs: 3_600_000 })).token;
      return `ws://127.0.0.1:${port}/api/v1/ws?access_token=${token}`;
    }),
    firstFrames: w.principals.map((_, i) =>
      JSON.stringify({ type: 'subscribe', id: 's', topics: i < agents ? ['agent:me'] : SUPERVISOR_TOPICS }),
    ),
    awaitFrames: 3, // hello, result, snapshot
    publish: (i) => bus.publish(stamped(w.events[i % n]!)),
    queuedBytes: () => queued(sockets),
    close: async () => {
      await api.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clock.cancelAll();
    },
  };
}
