import type { Counter, Histogram, MetricsRegistry } from '../observability/metrics-registry.ts';

/**
 * Seconds; engine emit → socket write, so most of it is the wait for the end of the loop turn.
 * Observed once per message written (a turn's batch), for the oldest event in it: the worst wait of
 * the batch, at a fraction of the cost of one observation per frame.
 */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export interface WsMetrics {
  readonly framesIn: Counter;
  readonly framesOut: Counter;
  readonly framesRefused: Counter;
  readonly rateLimitCloses: Counter;
  readonly eventsDelivered: Counter;
  readonly upgradesRefused: Counter;
  readonly sendLatency: Histogram;
}

export function registerWsMetrics(
  registry: MetricsRegistry,
  sample: { connections: () => number; sessions: () => number },
): WsMetrics {
  registry.gauge('switchboard_ws_connections', 'Open WebSocket connections.', sample.connections);
  registry.gauge(
    'switchboard_ws_sessions',
    'WebSocket sessions, with or without a connection (resumable ones included).',
    sample.sessions,
  );
  return {
    framesIn: registry.counter('switchboard_ws_frames_in_total', 'Frames received from WebSocket clients.'),
    framesOut: registry.counter('switchboard_ws_frames_out_total', 'Frames sent to WebSocket clients.'),
    framesRefused: registry.counter(
      'switchboard_ws_frames_refused_total',
      'Frames from WebSocket clients over the frame-rate limit: answered rate_limited, not executed.',
    ),
    rateLimitCloses: registry.counter(
      'switchboard_ws_rate_limit_closes_total',
      'WebSocket connections closed with 4429 for sending frames over the limit.',
    ),
    eventsDelivered: registry.counter(
      'switchboard_ws_events_delivered_total',
      'Event frames produced for sessions (after the role filter and topic match).',
    ),
    upgradesRefused: registry.counter(
      'switchboard_ws_upgrades_refused_total',
      'WebSocket upgrades refused before the handshake, by HTTP status.',
    ),
    sendLatency: registry.histogram(
      'switchboard_ws_send_latency_seconds',
      'Per message written to a socket: time from the engine emitting the oldest event in it to the write.',
      LATENCY_BUCKETS,
    ),
  };
}
