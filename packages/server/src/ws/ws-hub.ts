import type { Millis } from '@switchboard/core';
import type { TimerHandle } from '@switchboard/engine';
import { helloFrame, type WireEvent, WS_CLOSE, wireError } from '@switchboard/protocol';
import type { AppContext } from '../app/app-context.ts';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../observability/json-logger.ts';
import { AgentPresence } from './agent-presence.ts';
import { EventFanout } from './event-fanout.ts';
import { EventLog } from './event-log.ts';
import { FrameBucket } from './frame-bucket.ts';
import { FrameHandler } from './frame-handler.ts';
import { Outbox } from './outbox.ts';
import { SessionRegistry } from './session-registry.ts';
import { StatsPusher } from './stats-pusher.ts';
import { wireEventOf } from './wire-events.ts';
import { type ConnectionHooks, type Corkable, type WireSocket, WsConnection } from './ws-connection.ts';
import { registerWsMetrics, type WsMetrics } from './ws-metrics.ts';
import type { ResolvedWsOptions } from './ws-options.ts';

/**
 * Everything of the WebSocket API but the sockets themselves: sessions, the event fan-out from the
 * bus, the frame handler, statistics pushes, presence and heartbeat bookkeeping. ws-api.ts feeds it
 * real sockets; the in-process tests feed it fakes and flush the outbox by hand.
 */
export class WsHub {
  readonly connections = new Set<WsConnection>();
  readonly metrics: WsMetrics;
  readonly outbox: Outbox;
  readonly #ctx: AppContext;
  readonly #options: ResolvedWsOptions;
  readonly #registry: SessionRegistry;
  readonly #presence: AgentPresence;
  readonly #fanout: EventFanout;
  readonly #stats: StatsPusher;
  readonly #frames: FrameHandler;
  readonly #hooks: ConnectionHooks;
  readonly #tokenTimers = new Map<WsConnection, TimerHandle>();
  readonly #unsubscribeBus: () => void;
  /** Monotonic wall time (performance.now unless the options say otherwise). */
  readonly #now: () => number;
  readonly #log: Logger;
  #nextConnectionId = 0;
  // Counted per loop turn and added to the metrics once per flush: a labelled counter costs a key
  // computation per call, too much per frame.
  #delivered = 0;
  #framesOut = 0;
  /** When the first event of the current turn was emitted (see the bus subscription). */
  #turnStartedAt = Number.NaN;

  constructor(ctx: AppContext, options: ResolvedWsOptions, schedule?: (run: () => void) => void) {
    this.#ctx = ctx;
    this.#options = options;
    const now = options.now;
    this.#now = now;
    const logger = ctx.log.child({ component: 'ws' });
    this.#log = logger;
    this.outbox = new Outbox(schedule, () => this.#settleCounters(), now);
    const log = new EventLog(options.resumeLogBytes);
    this.#registry = new SessionRegistry({
      log,
      clock: ctx.clock,
      retentionMs: options.sessionRetentionMs,
      bufferSize: options.resumeBufferSize,
      newSessionId: options.newSessionId,
    });
    this.#presence = new AgentPresence({
      clock: ctx.clock,
      engine: ctx.engine,
      log: logger,
      graceMs: options.graceMs,
    });
    this.#fanout = new EventFanout(this.#registry.index, ctx.directory, log);
    this.metrics = registerWsMetrics(ctx.metrics, {
      connections: () => this.connections.size,
      sessions: () => this.#registry.size,
    });
    this.#stats = new StatsPusher({
      clock: ctx.clock,
      engine: ctx.engine,
      index: this.#registry.index,
      intervalMs: options.statsIntervalMs,
      deliver: (event) => this.#deliver(event, now()),
    });
    this.#unsubscribeBus = ctx.bus.subscribe((event) => {
      // The emission time only feeds the send-latency histogram, which takes the oldest event of
      // each message: the events of one turn share the time of the first (a clock read per event
      // was measurable), which errs towards a longer latency, never a shorter one.
      if (!this.outbox.pending || Number.isNaN(this.#turnStartedAt)) this.#turnStartedAt = now();
      const emittedAt = this.#turnStartedAt;
      this.#stats.note(event);
      const wire = wireEventOf(event);
      if (wire !== null) this.#deliver(wire, emittedAt);
    });
    this.#frames = new FrameHandler({
      commands: ctx.commands,
      clock: ctx.clock,
      registry: this.#registry,
      snapshots: { engine: ctx.engine, directory: ctx.directory },
      limits: options.limits,
      log: logger,
      ...(ctx.whenReported === undefined ? {} : { whenReported: ctx.whenReported }),
    });
    this.#hooks = {
      now,
      sent: (count, oldestEmittedAt, now) => {
        this.#framesOut += count;
        if (!Number.isNaN(oldestEmittedAt)) this.metrics.sendLatency.observe((now - oldestEmittedAt) / 1000);
      },
      closed: (connection) => this.#closed(connection),
    };
  }

  /** A socket that passed the upgrade gate: a new session, its hello, and a close when the token expires. */
  connect(
    principal: Principal,
    expiresAt: Millis,
    socket: WireSocket,
    transport: Corkable | null,
  ): WsConnection {
    const session = this.#registry.create(principal);
    const connection = new WsConnection({
      id: ++this.#nextConnectionId,
      principal,
      session,
      socket,
      transport,
      outbox: this.outbox,
      hooks: this.#hooks,
      maxBufferedBytes: this.#options.maxBufferedBytes,
      inbound: new FrameBucket(this.#options.frameRate, this.#now()),
    });
    this.connections.add(connection);
    this.#registry.attach(session, connection);
    this.#presence.connected(principal.userId);
    const { clock } = this.#ctx;
    this.#tokenTimers.set(
      connection,
      clock.setTimer(expiresAt, () =>
        connection.close(WS_CLOSE.unauthorized, 'access token expired: refresh it and resume'),
      ),
    );
    connection.send(
      helloFrame({
        sessionId: session.id,
        heartbeatMs: this.#options.heartbeatMs,
        resumeBufferSize: this.#options.resumeBufferSize,
        serverTime: clock.now(),
      }),
    );
    return connection;
  }

  /**
   * A frame from the client (text or binary, as bytes). Every frame, well-formed or not, first
   * passes the connection's frame-rate limit: over it, the frame is answered `rate_limited` and not
   * executed, and a client that keeps going is closed with 4429.
   */
  receive(connection: WsConnection, data: string | Uint8Array): void {
    // The socket may still deliver what the client sent before our close reached it: none of it runs.
    if (!connection.open) return;
    const now = this.#now();
    connection.lastHeardAt = now;
    this.metrics.framesIn.inc();
    const verdict = connection.inbound.take(now);
    if (verdict === 'admit') this.#frames.handle(connection, data);
    else if (verdict === 'refuse') this.#refuse(connection, data, now);
    else this.#closeRateLimited(connection, now);
  }

  /** A pong: the client is alive. */
  ponged(connection: WsConnection): void {
    connection.lastHeardAt = this.#now();
  }

  /** One heartbeat round: drop who was silent for two intervals, ping the others. */
  heartbeat(): void {
    const now = this.#now();
    for (const connection of [...this.connections]) {
      if (now - connection.lastHeardAt > 2 * this.#options.heartbeatMs) {
        connection.close(WS_CLOSE.heartbeatTimeout, 'nothing heard for two heartbeat intervals');
      } else connection.ping();
    }
  }

  /** Closes every connection with `code`, and stops every timer and the bus subscription. */
  stop(code: number, reason: string): void {
    this.#unsubscribeBus();
    this.#stats.stop();
    for (const connection of [...this.connections]) connection.close(code, reason);
    // The server going away is no reason to pause anyone: no grace timer survives the stop.
    this.#presence.stop();
    this.#registry.stop();
  }

  #refuse(connection: WsConnection, data: string | Uint8Array, now: number): void {
    this.metrics.framesRefused.inc();
    const { ratePerSecond, burst } = this.#options.frameRate;
    const error = wireError('rate_limited', 'too many frames: this one was not executed; slow down', {
      retryAfterMs: connection.inbound.retryAfterMs(now),
      ratePerSecond,
      burst,
    });
    this.#frames.refuse(connection, data, error);
  }

  #closeRateLimited(connection: WsConnection, now: number): void {
    // What was answered before (results of admitted frames, refusals) leaves first: the client
    // learns what ran before it reconnects; the session keeps its events for resume as after any drop.
    connection.flush(now);
    if (!connection.open) return; // the flush found it too slow and closed it (1013)
    this.metrics.rateLimitCloses.inc();
    this.#log.warn('connection closed over the frame-rate limit', {
      connection: connection.id,
      userId: connection.principal.userId,
      refusals: connection.inbound.refusals,
    });
    connection.close(WS_CLOSE.rateLimited, 'too many frames: reconnect later and resume');
  }

  #deliver(event: WireEvent, emittedAt: number): void {
    this.#delivered += this.#fanout.deliver(event, emittedAt);
  }

  #settleCounters(): void {
    this.#turnStartedAt = Number.NaN;
    if (this.#delivered > 0) this.metrics.eventsDelivered.inc({}, this.#delivered);
    if (this.#framesOut > 0) this.metrics.framesOut.inc({}, this.#framesOut);
    this.#delivered = 0;
    this.#framesOut = 0;
  }

  #closed(connection: WsConnection): void {
    this.connections.delete(connection);
    this.#registry.detach(connection.session, connection);
    this.#presence.disconnected(connection.principal.userId);
    const timer = this.#tokenTimers.get(connection);
    if (timer !== undefined) this.#ctx.clock.cancelTimer(timer);
    this.#tokenTimers.delete(connection);
  }
}
