import { WS_CLOSE } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
import type { Outbox } from './outbox.ts';
import type { FrameSink, WsSession } from './ws-session.ts';

/** The part of a `ws` WebSocket a connection uses (a fake in the in-process tests). */
export interface WireSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
  ping(): void;
  readonly bufferedAmount: number;
}

/** The TCP socket under the WebSocket: corked while a batch is written, so it leaves in one write. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export interface ConnectionHooks {
  /** Frames written and, for each frame that carried an engine event, emit → send in ms. */
  readonly sent: (frames: number, latencyMs: readonly number[]) => void;
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
  #frames: string[] = [];
  #emittedAt: number[] = [];

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
    this.#emittedAt.push(emittedAt);
    if (this.#frames.length === 1) this.#outbox.mark(this);
  }

  send(frame: object): void {
    this.enqueue(JSON.stringify(frame), Number.NaN);
  }

  flush(): void {
    const frames = this.#frames;
    const emittedAt = this.#emittedAt;
    this.#frames = [];
    this.#emittedAt = [];
    if (!this.open || frames.length === 0) return;
    if (this.#socket.bufferedAmount > this.#maxBufferedBytes) {
      // A client that reads slower than its subscriptions produce would grow our memory without
      // bound: drop it; its session keeps buffering and it can resume after reconnecting.
      this.close(WS_CLOSE.tryAgainLater, 'client too slow');
      return;
    }
    this.#transport?.cork();
    try {
      for (const text of frames) this.#socket.send(text);
    } finally {
      this.#transport?.uncork();
    }
    const now = this.#hooks.now();
    const latency: number[] = [];
    for (const at of emittedAt) if (!Number.isNaN(at)) latency.push(now - at);
    this.#hooks.sent(frames.length, latency);
  }

  ping(): void {
    if (this.open) this.#socket.ping();
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
    this.#frames = [];
    this.#emittedAt = [];
    this.#hooks.closed(this);
  }
}
