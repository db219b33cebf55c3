import { randomBytes } from 'node:crypto';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@switchboard/protocol';
import type { Settings } from '../config/load-settings.ts';
import type { FrameRateLimit } from './frame-bucket.ts';

/** Overrides of the WebSocket API's settings; anything left out comes from `ctx.settings`. */
export interface WsApiOptions {
  /** Where the API answers upgrades (default `/api/v1/ws`). */
  readonly path?: string;
  /** Origins allowed besides the server's own (default: setting `ws.allowedOrigins`). */
  readonly allowedOrigins?: readonly string[];
  /** Server ping interval; a client silent for twice this is dropped (default: `ws.heartbeatSeconds`). */
  readonly heartbeatMs?: number;
  /** How long an agent may be without a connection before a Ready agent is paused (`ws.disconnectGraceSeconds`). */
  readonly graceMs?: number;
  /** Event/snapshot frames kept per session for resume (default: `ws.resumeBuffer`). */
  readonly resumeBufferSize?: number;
  /** Bytes of the shared log of events kept for resume (default: `ws.resumeLogMiB`). */
  readonly resumeLogBytes?: number;
  /** How long a session without a connection stays resumable (default: the grace period). */
  readonly sessionRetentionMs?: number;
  /** Least time between two statistics pushes of one queue or agent (default 1000 ms). */
  readonly statsIntervalMs?: number;
  /** Frame size and depth limits (default: the protocol's). */
  readonly limits?: InputLimits;
  /** A connection whose unsent bytes exceed this is closed with 1013 (default 16 MiB). */
  readonly maxBufferedBytes?: number;
  /** Frames per second a client may keep up (default: `ws.frameRatePerSecond`). */
  readonly frameRatePerSecond?: number;
  /** Frames a client may send at once after a quiet spell (default: `ws.frameBurst`). */
  readonly frameBurst?: number;
  /** Refused frames after which a client still over the limit is closed with 4429 (`ws.frameRefusalsBeforeClose`). */
  readonly frameRefusalsBeforeClose?: number;
  /**
   * Monotonic wall time in ms for the heartbeat, the frame-rate limit and the send latency
   * (default performance.now); tests pass their own so nothing sleeps.
   */
  readonly now?: () => number;
  /** Session id source (default: 18 random bytes, base64url). */
  readonly newSessionId?: () => string;
}

export interface ResolvedWsOptions {
  readonly path: string;
  readonly allowedOrigins: readonly string[];
  readonly heartbeatMs: number;
  readonly graceMs: number;
  readonly resumeBufferSize: number;
  readonly resumeLogBytes: number;
  readonly sessionRetentionMs: number;
  readonly statsIntervalMs: number;
  readonly limits: InputLimits;
  readonly maxBufferedBytes: number;
  readonly frameRate: FrameRateLimit;
  readonly now: () => number;
  readonly newSessionId: () => string;
}

export const WS_PATH = '/api/v1/ws';

export function resolveWsOptions(settings: Settings, options: WsApiOptions): ResolvedWsOptions {
  const number = (key: string, fallback: number) => {
    const value = settings.get(key);
    return typeof value === 'number' ? value : fallback;
  };
  const seconds = (key: string, fallback: number) => number(key, fallback) * 1000;
  const origins = settings.get('ws.allowedOrigins');
  const graceMs = options.graceMs ?? seconds('ws.disconnectGraceSeconds', 60);
  const buffer = settings.get('ws.resumeBuffer');
  const logMiB = settings.get('ws.resumeLogMiB');
  return {
    path: options.path ?? WS_PATH,
    allowedOrigins: options.allowedOrigins ?? (Array.isArray(origins) ? origins : []),
    heartbeatMs: options.heartbeatMs ?? seconds('ws.heartbeatSeconds', 20),
    graceMs,
    resumeBufferSize: options.resumeBufferSize ?? (typeof buffer === 'number' ? buffer : 1000),
    resumeLogBytes: options.resumeLogBytes ?? (typeof logMiB === 'number' ? logMiB : 32) * 1024 * 1024,
    sessionRetentionMs: options.sessionRetentionMs ?? graceMs,
    statsIntervalMs: options.statsIntervalMs ?? 1000,
    limits: options.limits ?? DEFAULT_INPUT_LIMITS,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024,
    frameRate: {
      ratePerSecond: options.frameRatePerSecond ?? number('ws.frameRatePerSecond', 50),
      burst: options.frameBurst ?? number('ws.frameBurst', 500),
      refusalsBeforeClose: options.frameRefusalsBeforeClose ?? number('ws.frameRefusalsBeforeClose', 250),
    },
    now: options.now ?? (() => performance.now()),
    newSessionId: options.newSessionId ?? (() => randomBytes(18).toString('base64url')),
  };
}
