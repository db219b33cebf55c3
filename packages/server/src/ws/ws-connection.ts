import { batchFrameText, WS_CLOSE } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
import type { FrameBucket } from './frame-bucket.ts';
import type { Outbox } from './outbox.ts';
import type { FrameSink, WsSession } from './ws-session.ts';

/** The part of a `ws` WebSocket a connection uses (a fake in the in-process tests). */
export interface WireSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** A WebSocket ping control frame; the peer echoes `data` in its pong. */
  ping(data: string): void;
  readonly bufferedAmount: number;
}

/**
 * The slow-client check reads the socket's buffered bytes on every this many flushes, not on each:
 * the read goes through two getters and was ~1 % of the send path, and a client over the limit
 * is still dropped a handful of messages later.
 */
export const BUFFER_CHECK_EVERY_FLUSHES = 8;

/** The TCP socket under the WebSocket: corked while a turn's message is written, so it leaves in one write. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export interface ConnectionHooks {
  /**
   * One message of `frames` frames written at `now`; `oldestEmittedAt` is when the engine emitted
   * the oldest event among them (NaN when none carries an event). Called once per message, not per
   * frame: observing a histogram per frame was a measurable share of the send path.
   */
  readonly sent: (frames: number, oldestEmittedAt: number, now: number) => void;
  /** Wall time in ms with sub-ms precision (performance.now), for heartbeat and latency. */
  readonly now: () => number;
  /** The connection ended (closed by us or by the peer); called once. */
  readonly closed: (connection: WsConnection) => void;
}

/**
 * One open socket. It speaks for one session at a time (a `resume` switches it to the old
 * session), queues frames and writes them once per event-loop turn, and closes itself when the
 * client cannot keep up with what it asked for.
 */
export class WsConnection implements FrameSink {
  readonly id: number;
  readonly principal: Principal;
  session: WsSession;
  lastHeardAt: number;
  /** The frame-rate limit of what the client sends on this connection (a resume does not carry it over). */
  readonly inbound: FrameBucket;
  open = true;
  readonly #socket: WireSocket;
  readonly #transport: Corkable | null;
  readonly #outbox: Outbox;
  readonly #hooks: ConnectionHooks;
  readonly #maxBufferedBytes: number;
  readonly #frames: string[] = [];
  /** Emission time of the oldest event queued (frames queue in emission order), NaN if none. */
  #oldestEmittedAt = Number.NaN;
  #flushesSinceBufferCheck = 0;

  constructor(deps: {
    id: number;
    principal: Principal;
    session: WsSession;
    socket: WireSocket;
    transport: Corkable | null;
    outbox: Outbox;
    hooks: ConnectionHooks;
    maxBufferedBytes: number;
    inbound: FrameBucket;
  }) {
    this.id = deps.id;
    this.principal = deps.principal;
    this.session = deps.session;
    this.#socket = deps.socket;
    this.#transport = deps.transport;
    this.#outbox = deps.outbox;
    this.#hooks = deps.hooks;
    this.#maxBufferedBytes = deps.maxBufferedBytes;
    this.inbound = deps.inbound;
    this.lastHeardAt = deps.hooks.now();
  }

  /** `emittedAt`: when the engine emitted the event the frame carries (NaN for answers). */
  enqueue(text: string, emittedAt: number): void {
    if (!this.open) return;
    this.#frames.push(text);
    if (Number.isNaN(this.#oldestEmittedAt)) this.#oldestEmittedAt = emittedAt;
    if (this.#frames.length === 1) this.#outbox.mark(this);
  }

  send(frame: object): void {
    this.enqueue(JSON.stringify(frame), Number.NaN);
  }

  flush(now: number): void {
    // The queue is emptied in place, not replaced: a fresh array per flush would outlive the
    // young generation on a quiet connection and be promoted, for every connection, every turn.
    const frames = this.#frames;
    const count = frames.length;
    if (count === 0) return;
    if (!this.open) {
      this.#clear();
      return;
    }
    if (++this.#flushesSinceBufferCheck >= BUFFER_CHECK_EVERY_FLUSHES && this.#tooMuchBuffered()) {
      // A client that reads slower than its subscriptions produce would grow our memory without
      // bound: drop it; its session keeps buffering and it can resume after reconnecting.
      this.close(WS_CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    this.#transport?.cork();
    try {
      // One message for the turn: a batch of the frames spliced as text (one frame goes as itself).
      this.#socket.send(batchFrameText(frames));
    } finally {
      this.#transport?.uncork();
    }
    this.#hooks.sent(count, this.#oldestEmittedAt, now);
    this.#clear();
  }

  #tooMuchBuffered(): boolean {
    this.#flushesSinceBufferCheck = 0;
    return this.#socket.bufferedAmount > this.#maxBufferedBytes;
  }

  #clear(): void {
    this.#frames.length = 0;
    this.#oldestEmittedAt = Number.NaN;
  }

  /**
   * The heartbeat's ping, after writing everything queued. Its pong only tells that the client is
   * alive (WsHub.ponged); the payload carries the session's last seq as a debugging aid.
   */
  ping(): void {
    if (!this.open) return;
    this.flush(this.#hooks.now());
    this.#socket.ping(String(this.session.buffer.lastSeq));
  }

  /** Ends the connection now: the session is detached at once, the close handshake follows. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.#end();
    this.#socket.close(code, reason);
  }

  /** The socket closed (the peer left, or our close completed). */
  ended(): void {
    if (this.open) this.#end();
  }

  #end(): void {
    this.open = false;
    this.#clear();
    this.#hooks.closed(this);
  }
}
