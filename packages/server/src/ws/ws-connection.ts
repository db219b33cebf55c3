import { batchFrameText, WS_CLOSE } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
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
 * Acknowledgement pings. Besides the heartbeat, a connection pings on its own once it has written
 * this many frames, so the pong acknowledges them and the session's replay buffer lets them go: a
 * connected session then holds mostly what is in flight, not `resumeBufferSize` frames. The buffer
 * is bounded by its capacity either way, and keeps an event frame as two shared pointers
 * (replay-frames.ts), so holding a few hundred frames is cheap; a ping and its pong per 64 frames
 * was not (writing pings and reading pongs was ~5 % of the server's time at full speed).
 */
export const ACK_EVERY_FRAMES = 512;
/**
 * …or once a few frames have waited this long, so a quiet connection's frames do not stay held
 * until the heartbeat, while it is still not pinged for each frame.
 */
export const ACK_AFTER_MS = 1000;
export const ACK_LEAST_FRAMES = 8;

/** The TCP socket under the WebSocket: corked while a turn's message (and a ping) is written, so they leave in one write. */
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
  open = true;
  readonly #socket: WireSocket;
  readonly #transport: Corkable | null;
  readonly #outbox: Outbox;
  readonly #hooks: ConnectionHooks;
  readonly #maxBufferedBytes: number;
  readonly #frames: string[] = [];
  /** Emission time of the oldest event queued (frames queue in emission order), NaN if none. */
  #oldestEmittedAt = Number.NaN;
  /** The session and its last seq written before the last ping: the pong acknowledges them. */
  #pinged: { readonly session: WsSession; readonly seq: number } | null = null;
  /** Frames written since the last ping, and when the first of them was. */
  #unacknowledged = 0;
  #firstUnacknowledgedAt = 0;

  constructor(deps: {
    id: number;
    principal: Principal;
    session: WsSession;
    socket: WireSocket;
    transport: Corkable | null;
    outbox: Outbox;
    hooks: ConnectionHooks;
    maxBufferedBytes: number;
  }) {
    this.id = deps.id;
    this.principal = deps.principal;
    this.session = deps.session;
    this.#socket = deps.socket;
    this.#transport = deps.transport;
    this.#outbox = deps.outbox;
    this.#hooks = deps.hooks;
    this.#maxBufferedBytes = deps.maxBufferedBytes;
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

  flush(): void {
    // The queue is emptied in place, not replaced: a fresh array per flush would outlive the
    // young generation on a quiet connection and be promoted, for every connection, every turn.
    const frames = this.#frames;
    const count = frames.length;
    if (count === 0) return;
    if (!this.open) {
      this.#clear();
      return;
    }
    if (this.#socket.bufferedAmount > this.#maxBufferedBytes) {
      // A client that reads slower than its subscriptions produce would grow our memory without
      // bound: drop it; its session keeps buffering and it can resume after reconnecting.
      this.close(WS_CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    const now = this.#hooks.now();
    this.#transport?.cork();
    try {
      // One message for the turn: a batch of the frames spliced as text (one frame goes as itself).
      this.#socket.send(batchFrameText(frames));
      if (this.#unacknowledged === 0) this.#firstUnacknowledgedAt = now;
      this.#unacknowledged += count;
      if (this.#pinged === null && this.#ackDue(now)) this.#ping();
    } finally {
      this.#transport?.uncork();
    }
    this.#hooks.sent(count, this.#oldestEmittedAt, now);
    this.#clear();
  }

  #ackDue(now: number): boolean {
    const waiting = this.#unacknowledged;
    return (
      waiting >= ACK_EVERY_FRAMES ||
      (waiting >= ACK_LEAST_FRAMES && now - this.#firstUnacknowledgedAt >= ACK_AFTER_MS)
    );
  }

  #clear(): void {
    this.#frames.length = 0;
    this.#oldestEmittedAt = Number.NaN;
  }

  /**
   * Pings after writing everything queued, so the pong proves the client received every frame
   * written so far (TCP keeps the order): those are released from the session's replay buffer.
   */
  ping(): void {
    if (!this.open) return;
    this.flush();
    this.#ping();
  }

  #ping(): void {
    const seq = this.session.buffer.lastSeq;
    this.#pinged = { session: this.session, seq };
    this.#unacknowledged = 0;
    this.#socket.ping(String(seq));
  }

  /** A pong came back with the payload of our ping. */
  ponged(data: string): void {
    const pinged = this.#pinged;
    // A pong to an earlier ping (the latest one's follows); after a resume the ping spoke for
    // another session, so it acknowledges nothing of this one.
    if (pinged === null || data !== String(pinged.seq)) return;
    this.#pinged = null;
    if (pinged.session === this.session) pinged.session.buffer.release(pinged.seq);
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
