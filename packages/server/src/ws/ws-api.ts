import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TimerHandle } from '@switchboard/engine';
import { helloFrame, WS_CLOSE } from '@switchboard/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppContext } from '../app/app-context.ts';
import { AgentPresence } from './agent-presence.ts';
import { EventFanout } from './event-fanout.ts';
import { FrameHandler } from './frame-handler.ts';
import { LiveContacts } from './live-contacts.ts';
import { Outbox } from './outbox.ts';
import { SessionRegistry } from './session-registry.ts';
import { StatsPusher } from './stats-pusher.ts';
import { type UpgradeDecision, checkUpgrade, refuseUpgrade, selectProtocol } from './upgrade-gate.ts';
import { wireEventOf } from './wire-events.ts';
import { type ConnectionHooks, WsConnection } from './ws-connection.ts';
import { registerWsMetrics } from './ws-metrics.ts';
import { resolveWsOptions, type WsApiOptions } from './ws-options.ts';

export interface WebSocketApi {
  /** Stops accepting, closes every connection with 1001 (reconnect and resume) and stops all timers. */
  close(): Promise<void>;
  connectionCount(): number;
}

/** How long close() waits for clients to answer the close handshake before cutting them off. */
const CLOSE_WAIT_MS = 2000;

/**
 * Serves Switchboard's WebSocket API v1 (`/api/v1/ws`, protocol in packages/protocol/README.md)
 * on an existing HTTP server: upgrades are checked (origin, access token) before they are accepted,
 * engine events go out through the role filter and the subscriptions, commands through the
 * CommandExecutor.
 */
export function attachWebSocketApi(
  server: Server,
  ctx: AppContext,
  options: WsApiOptions = {},
): WebSocketApi {
  const o = resolveWsOptions(ctx.settings, options);
  const log = ctx.log.child({ component: 'ws' });
  const registry = new SessionRegistry({
    clock: ctx.clock,
    retentionMs: o.sessionRetentionMs,
    bufferSize: o.resumeBufferSize,
    newSessionId: o.newSessionId,
  });
  const presence = new AgentPresence({ clock: ctx.clock, engine: ctx.engine, log, graceMs: o.graceMs });
  const contacts = new LiveContacts(ctx.engine);
  const fanout = new EventFanout(registry.index, ctx.directory);
  const connections = new Set<WsConnection>();
  const sockets = new Set<WebSocket>();
  const tokenTimers = new Map<WsConnection, TimerHandle>();
  const metrics = registerWsMetrics(ctx.metrics, {
    connections: () => connections.size,
    sessions: () => registry.size,
  });
  const outbox = new Outbox();
  let nextConnectionId = 0;
  let closing = false;

  const deliver = (event: Parameters<EventFanout['deliver']>[0], emittedAt: number) => {
    const delivered = fanout.deliver(event, emittedAt);
    if (delivered > 0) metrics.eventsDelivered.inc({}, delivered);
  };
  const stats = new StatsPusher({
    clock: ctx.clock,
    engine: ctx.engine,
    index: registry.index,
    intervalMs: o.statsIntervalMs,
    deliver: (event) => deliver(event, performance.now()),
  });
  const unsubscribeBus = ctx.bus.subscribe((event) => {
    const emittedAt = performance.now();
    contacts.note(event);
    stats.note(event);
    const wire = wireEventOf(event);
    if (wire !== null) deliver(wire, emittedAt);
  });
  const frames = new FrameHandler({
    commands: ctx.commands,
    clock: ctx.clock,
    registry,
    snapshots: { engine: ctx.engine, contacts, directory: ctx.directory },
    limits: o.limits,
    log,
  });

  const hooks: ConnectionHooks = {
    now: () => performance.now(),
    sent: (count, latencyMs) => {
      metrics.framesOut.inc({}, count);
      for (const ms of latencyMs) metrics.sendLatency.observe(ms / 1000);
    },
    closed: (connection) => {
      connections.delete(connection);
      registry.detach(connection.session, connection);
      presence.disconnected(connection.principal.userId);
      const timer = tokenTimers.get(connection);
      if (timer !== undefined) ctx.clock.cancelTimer(timer);
      tokenTimers.delete(connection);
    },
  };

  // Oversize frames are refused by ws itself (close 1009) before they are buffered whole; UTF-8 is
  // checked by parseClientFrame, so a bad text frame gets a typed error instead of a closed socket.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.limits.maxBytes,
    skipUTF8Validation: true,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (offered) => selectProtocol(offered),
  });

  const accept = (ws: WebSocket, transport: Duplex, decision: Extract<UpgradeDecision, { ok: true }>) => {
    const { principal } = decision;
    const session = registry.create(principal);
    const connection = new WsConnection({
      id: ++nextConnectionId,
      principal,
      session,
      socket: ws,
      transport: transport as Socket,
      outbox,
      hooks,
      maxBufferedBytes: o.maxBufferedBytes,
    });
    sockets.add(ws);
    connections.add(connection);
    registry.attach(session, connection);
    presence.connected(principal.userId);
    tokenTimers.set(
      connection,
      ctx.clock.setTimer(decision.expiresAt, () =>
        connection.close(WS_CLOSE.unauthorized, 'access token expired: refresh it and resume'),
      ),
    );
    ws.on('message', (data) => {
      connection.lastHeardAt = performance.now();
      metrics.framesIn.inc();
      frames.handle(connection, data as Buffer);
    });
    ws.on('pong', () => {
      connection.lastHeardAt = performance.now();
    });
    ws.on('error', (error) => log.debug('websocket error', { connection: connection.id, err: error }));
    ws.on('close', () => {
      sockets.delete(ws);
      connection.ended();
    });
    connection.send(
      helloFrame({
        sessionId: session.id,
        heartbeatMs: o.heartbeatMs,
        resumeBufferSize: o.resumeBufferSize,
        serverTime: ctx.clock.now(),
      }),
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== o.path) {
      // Another upgrade handler may serve that path; if there is none, nobody would answer.
      if (server.listenerCount('upgrade') === 1)
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const decision = checkUpgrade(req, o.allowedOrigins, (token) =>
      ctx.auth.verifyAccessToken(token, ctx.clock.now()),
    );
    if (!decision.ok) {
      metrics.upgradesRefused.inc({ status: String(decision.status) });
      refuseUpgrade(socket, decision.status, decision.error);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, decision));
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    const now = performance.now();
    for (const connection of connections) {
      if (now - connection.lastHeardAt > 2 * o.heartbeatMs) {
        connection.close(WS_CLOSE.heartbeatTimeout, 'nothing heard for two heartbeat intervals');
      } else connection.ping();
    }
  }, o.heartbeatMs);
  heartbeat.unref();

  return {
    connectionCount: () => connections.size,
    close: async () => {
      if (closing) return;
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      unsubscribeBus();
      stats.stop();
      const open = [...sockets];
      for (const connection of [...connections]) connection.close(WS_CLOSE.goingAway, 'server stopping');
      // The server going away is no reason to pause anyone: no grace timer survives the stop.
      presence.stop();
      registry.stop();
      await Promise.all(open.map((ws) => closedOrCut(ws)));
      wss.close();
    },
  };
}

function closedOrCut(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const cut = setTimeout(() => ws.terminate(), CLOSE_WAIT_MS);
    cut.unref();
    ws.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
  });
}
