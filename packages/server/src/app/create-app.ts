import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SwitchboardError, unwrap } from '@switchboard/core';
import {
  type Clock,
  Engine,
  type EngineConfig,
  InMemoryEventBus,
  RandomIds,
  type Store,
  SystemClock,
  type Telephony,
} from '@switchboard/engine';
import { SimTelephony, startTraffic } from '@switchboard/telephony/sim';
import type { SipClock } from '@switchboard/telephony/sip';
import {
  Authenticator,
  createAccessTokenKeyRing,
  InMemoryRefreshTokenStore,
  InMemoryReplayCache,
  LoginThrottle,
  type ScryptParams,
} from '../auth/index.ts';
import type { Settings } from '../config/load-settings.ts';
import { createHttpHandler } from '../http/index.ts';
import { createJsonLogger, type LogLevel } from '../observability/json-logger.ts';
import { MetricsRegistry } from '../observability/metrics-registry.ts';
import {
  type Database,
  Persistence,
  PostgresDatabase,
  SqliteDatabase,
  SqliteStore,
} from '../persistence/index.ts';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { registeredPhoneRule } from '../sip/phone-login-rule.ts';
import { SIP_WEBSOCKET_PATH, type ServerSip, startServerSip } from '../sip/server-sip.ts';
import { attachWebSocketApi, WS_PATH } from '../ws/index.ts';
import type { AppContext } from './app-context.ts';
import { CommandExecutor } from './command-executor.ts';
import { ConfigService } from './config-service.ts';
import { demoSeed } from './demo-seed.ts';
import { wireJournal } from './journal-wiring.ts';
import { QueuedStore } from './queued-store.ts';
import { ReportGate } from './report-gate.ts';
import { loadOrCreateSigningKey } from './secret-key.ts';
import { registerEngineMetrics } from './engine-metrics.ts';

const NO_DEMO_TRAFFIC_ON_SIP =
  "demo traffic runs simulated callers on the simulated switch; telephony.kind is 'sip': calls come from the trunks";

export interface AppOptions {
  readonly settings: Settings;
  /** Default: the wall clock. Tests pass a VirtualClock and drive the day themselves. */
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly logWrite?: (line: string) => void;
  /** Tests use cheap scrypt parameters; production the defaults. */
  readonly scryptParams?: ScryptParams;
  /** SIP timers (sip mode); default the wall clock. The engine's `clock` drives the ACD either way. */
  readonly sipClock?: SipClock;
}

export interface App {
  readonly ctx: AppContext;
  readonly server: Server;
  /**
   * The simulated switch (telephony.kind 'sim': tests and the demo drive callers through it). In sip
   * mode there is none and reading this throws: the switch is `sip`.
   */
  readonly telephony: SimTelephony;
  /** The SIP side (telephony.kind 'sip'): registrar, B2BUA, transports; null on the simulated switch. */
  readonly sip: ServerSip | null;
  /** Starts listening on the configured address; resolves with the bound port. */
  listen(): Promise<{ host: string; port: number }>;
  /** Simulated callers (demo traffic) from now for `forMs`; sim mode only (throws `conflict` in sip mode). */
  startDemoTraffic(forMs?: number): void;
  /** Graceful stop: no new connections, sockets closed, live contacts closed as interrupted, database closed. */
  stop(): Promise<void>;
}

/**
 * The composition root: everything concrete is built here and passed down. Order matters: database and
 * migrations, demo seed, crash recovery (interrupted contacts, agents back Paused), telephony (in sip
 * mode: the stored dialogs loaded, then SIP started), engine, BYEs for the dialogs a crash left, auth,
 * transports.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const s = options.settings;
  const clock = options.clock ?? new SystemClock();
  const random = options.random ?? Math.random;
  const log = createJsonLogger({
    level: s.get('log.level') as LogLevel,
    write: options.logWrite ?? ((line) => process.stdout.write(line)),
    now: () => clock.now(),
    base: { service: 'switchboard' },
  });
  const dataDir = s.get('data.dir') as string;
  mkdirSync(dataDir, { recursive: true });

  const sqlite =
    s.get('database.kind') === 'sqlite' ? new SqliteDatabase(join(dataDir, 'switchboard.db')) : null;
  const db: Database = sqlite ?? new PostgresDatabase({ connectionString: s.get('database.url') as string });
  const persistence = await Persistence.open(db, { now: clock.now() });
  if (s.get('demo.seed') === true) {
    const seeded = unwrap(await persistence.seedIfEmpty(await demoSeed(options.scryptParams)));
    if (seeded.seeded) log.info('seeded the demo configuration', { dataDir });
  }
  const recovered = await persistence.journal.recover(clock.now());
  if (recovered.interrupted.length > 0 || recovered.agents.length > 0) {
    log.warn('recovered after an unclean stop', {
      interruptedContacts: recovered.interrupted.length,
      agentsBackPaused: recovered.agents.length,
    });
  }
  const engineConfig: EngineConfig = await persistence.loadEngineConfig();
  const queuedStore = sqlite === null ? new QueuedStore(db, log) : null;
  const sqliteStore = sqlite === null ? null : new SqliteStore(sqlite);
  const store: Store = sqliteStore ?? queuedStore!;
  const bus = new InMemoryEventBus((error) => log.error('event listener failed', { error }));
  const server = createServer();
  let sim: SimTelephony | null = null;
  let sip: ServerSip | null = null;
  let telephony: Telephony;
  if (s.get('telephony.kind') === 'sip') {
    sip = await startServerSip({ settings: s, http: server, db, dataDir, log, clock: options.sipClock });
    telephony = sip.telephony;
  } else {
    sim = new SimTelephony({
      clock,
      random,
      behaviour: {
        answerDelay: { kind: 'uniform', minMs: 1000, maxMs: 4000 },
        talk: { kind: 'lognormal', meanMs: 40_000, sdMs: 20_000 },
        patience: { kind: 'exponential', meanMs: 90_000 },
        callerEndsShare: 0.5,
        remoteAnswerDelay: { kind: 'fixed', ms: 3000 },
      },
    });
    telephony = sim;
  }
  const engine = unwrap(
    Engine.create({ clock, ids: new RandomIds(), bus, store, telephony, random }, engineConfig),
  );
  // The journal goes the same way as the records (one ordered queue on PostgreSQL), so a record's
  // insert, which clears its journal entry, can never land before the entry itself.
  wireJournal(bus, sqliteStore ?? queuedStore!, clock);
  // What clients see waits for the database on PostgreSQL (report-gate.ts); SQLite writes through.
  const gate =
    queuedStore === null
      ? null
      : new ReportGate(bus, queuedStore, (error) => log.error('event listener failed', { error }));
  // One log line per finished contact, with its id: the operator's trail from a log to a record.
  bus.subscribe((event) => {
    if (event.type !== 'contact.ended') return;
    const r = event.record;
    log.info('contact ended', {
      contactId: r.contactId,
      queueId: r.queueId,
      agentId: r.agentId,
      outcome: r.outcome,
    });
  });
  // Agents that were logged in before an unclean stop come back Paused('restart') until they act.
  for (const agent of recovered.agents) {
    const back = engine.login(agent.agentId, agent.extension, 'restart');
    if (!back.ok)
      log.warn('could not restore an agent session', { agentId: agent.agentId, error: back.error });
  }
  // The engine's recovery closed those calls' contacts as interrupted; the phones and trunks still
  // think they are in a call until each leg gets its BYE. Not awaited: a BYE may take 32 s to time out.
  sip?.recover().catch((error) => log.error('ending the leftover SIP dialogs failed', { error }));

  const groups = new Map(engineConfig.agents.map((a) => [a.id, [...(a.groups ?? [])]]));
  const directory: ScopeDirectory = { groupsOf: (agentId) => groups.get(agentId) ?? [] };
  const accessKeys = unwrap(createAccessTokenKeyRing('k1', { k1: loadOrCreateSigningKey(dataDir) }));
  const ssoSecret = s.get('auth.ucsSsoSecret') as string | null;
  const auth = new Authenticator({
    users: persistence.users,
    refreshTokenStore: new InMemoryRefreshTokenStore(),
    accessKeys,
    throttle: new LoginThrottle(),
    accessTokenLifetimeMs: (s.get('auth.accessTokenSeconds') as number) * 1000,
    refreshTokenLifetimeMs: (s.get('auth.refreshTokenDays') as number) * 86_400_000,
    ...(options.scryptParams === undefined ? {} : { passwordParams: options.scryptParams }),
    ...(ssoSecret === null ? {} : { ucsSso: { secret: ssoSecret, replayCache: new InMemoryReplayCache() } }),
  });
  const metrics = new MetricsRegistry();
  // xuc's rule on SIP: an agent logs in with a phone that is registered right now.
  const commands = new CommandExecutor(
    engine,
    directory,
    sip === null ? null : registeredPhoneRule(sip.registrations),
  );
  const ctx: AppContext = {
    clock,
    engine,
    bus: gate ?? bus,
    ...(gate === null ? {} : { whenReported: (fn: () => void) => gate.whenReported(fn) }),
    persistence,
    auth,
    commands,
    config: undefined as unknown as ConfigService,
    directory,
    log,
    metrics,
    settings: s,
  };
  (ctx as { config: ConfigService }).config = new ConfigService(ctx, groups);

  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const ws = attachWebSocketApi(server, ctx, {});
  // Upgrades to a path nobody serves get a 404 instead of a connection left hanging.
  const upgradePaths = new Set([WS_PATH, ...(sip === null ? [] : [SIP_WEBSOCKET_PATH])]);
  server.on('upgrade', (req, socket) => {
    if (upgradePaths.has(new URL(req.url ?? '/', 'http://localhost').pathname)) return;
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  registerEngineMetrics(ctx, {
    lag,
    storeBacklog: () => queuedStore?.backlog ?? 0,
  });
  const startedAt = clock.now();
  const handler = createHttpHandler(ctx, {
    health: () => {
      const storeOk = (queuedStore?.failures ?? 0) === 0;
      const components = {
        database: { status: storeOk ? 'ok' : 'degraded', kind: db.dialect } as const,
        engine: { status: 'ok', liveContacts: engine.liveContacts } as const,
        telephony: { status: 'ok', kind: sip === null ? 'sim' : 'sip' } as const,
        ...(sip === null ? {} : { sip: sip.health() }),
        websocket: { status: 'ok', connections: ws.connectionCount() } as const,
      };
      const allOk = Object.values(components).every((c) => c.status === 'ok');
      return { status: allOk ? 'ok' : 'degraded', uptimeMs: clock.now() - startedAt, components };
    },
    wsConnections: () => ws.connectionCount(),
    ...(options.scryptParams === undefined ? {} : { passwordParams: options.scryptParams }),
  });
  server.on('request', handler);

  let trafficStop: (() => void) | null = null;
  const app: App = {
    ctx,
    server,
    get telephony(): SimTelephony {
      if (sim === null)
        throw new SwitchboardError('conflict', "no simulated switch: telephony.kind is 'sip' (see app.sip)");
      return sim;
    },
    sip,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(s.get('http.port') as number, s.get('http.host') as string, () => {
          const address = server.address();
          const port = typeof address === 'object' && address !== null ? address.port : 0;
          log.info('listening', { host: s.get('http.host'), port });
          resolve({ host: s.get('http.host') as string, port });
        });
      }),
    startDemoTraffic: (forMs = 365 * 86_400_000) => {
      if (sim === null) throw new SwitchboardError('conflict', NO_DEMO_TRAFFIC_ON_SIP, { telephony: 'sip' });
      // Simulated agents: every agent not logged in logs in on a simulated phone and takes calls.
      for (const id of engine.agentIds()) {
        if (engine.agentState(id)?.name === 'LoggedOut') engine.login(id, null);
        else if (engine.agentState(id)?.name === 'Paused') engine.ready(id);
      }
      const now = clock.now();
      const traffic = startTraffic({
        clock,
        random,
        telephony: sim,
        streams: [
          { dialedNumber: '1000', arrivalsPerMinute: 12 },
          { dialedNumber: '2000', arrivalsPerMinute: 14 },
          { dialedNumber: '3000', arrivalsPerMinute: 3 },
        ],
        start: now,
        end: now + forMs,
      });
      trafficStop = traffic.stop;
      log.info('demo traffic started', { streams: 3 });
    },
    stop: async () => {
      trafficStop?.();
      await ws.close();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (sip === null) {
        await httpClosed;
        server.closeAllConnections?.();
        engine.shutdown();
      } else {
        // Contacts end (BYEs go out) while SIP still runs; SIP over WebSocket sockets hang off the HTTP
        // server, so they close with SIP, after those BYEs, and only then can the HTTP server finish.
        engine.shutdown();
        await sip.close();
        server.closeAllConnections?.();
        await httpClosed;
      }
      await queuedStore?.flush();
      await gate?.drained();
      gate?.close();
      lag.disable();
      if (clock instanceof SystemClock) clock.cancelAll();
      await persistence.close();
      log.info('stopped');
    },
  };
  return app;
}
