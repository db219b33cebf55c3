import type { TimerHandle } from '@switchboard/engine';
import type { ReplayWindow, Topic } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
import { viewerOf } from '../app/viewer-of.ts';
import type { Viewer } from '../scope/viewer.ts';
import type { EventLog } from './event-log.ts';
import { eventFrameText } from './frame-text.ts';
import { ReplayFrames } from './replay-frames.ts';

/** Where a session's frames go while it has a connection. */
export interface FrameSink {
  enqueue(text: string, emittedAt: number): void;
  close(code: number, reason: string): void;
}

/**
 * One client's view of the API: its subscriptions, its event numbering and the last frames sent,
 * kept for resume. A session outlives its connection for the retention period, and keeps numbering
 * and buffering the events of its topics meanwhile, so a client that comes back misses nothing.
 */
export class WsSession {
  readonly id: string;
  readonly ownAgentId: string;
  /** Subscriptions as the client wrote them (insertion order) → the concrete topic they index under. */
  readonly topics = new Map<Topic, string>();
  readonly buffer: ReplayFrames;
  #principal: Principal;
  #viewer: Viewer;
  sink: FrameSink | null = null;
  /** Timer that forgets the session once it has been without a connection too long. */
  expiry: TimerHandle | null = null;
  /** Last fan-out pass that considered this session (sends each event at most once per session). */
  fanoutStamp = 0;

  constructor(id: string, principal: Principal, bufferSize: number, log: EventLog) {
    this.id = id;
    this.#principal = principal;
    this.#viewer = viewerOf(principal);
    // An agent-role user's id IS its agent's id (viewer-of.ts); for other roles `agent:me` and a
    // command without agentId name the agent of the same id, if there is one.
    this.ownAgentId = principal.userId;
    this.buffer = new ReplayFrames(bufferSize, log);
  }

  get principal(): Principal {
    return this.#principal;
  }

  get viewer(): Viewer {
    return this.#viewer;
  }

  /** A resumed session takes the principal of the token the new connection presented. */
  setPrincipal(principal: Principal): void {
    this.#principal = principal;
    this.#viewer = viewerOf(principal);
  }

  /** The concrete topic a written one is published under (`agent:me` is the own agent). */
  concreteTopic(topic: Topic): string {
    return topic === 'agent:me' ? `agent:${this.ownAgentId}` : topic;
  }

  /** Numbers a frame (seq 1, 2, 3 … without gap), keeps it for resume and sends it if connected. */
  emit(build: (seq: number) => string, emittedAt: number): void {
    const text = build(this.buffer.lastSeq + 1);
    this.buffer.pushText(text);
    this.sink?.enqueue(text, emittedAt);
  }

  /**
   * `emit` of an event frame, without a closure per delivery (the hot path of the fan-out). The
   * event is kept as its number in the hub's EventLog (see replay-frames.ts); the text is only for
   * the socket.
   */
  emitEvent(topicJson: string, eventJson: string, eventNumber: number, emittedAt: number): void {
    const seq = this.buffer.pushEvent(topicJson, eventNumber);
    const sink = this.sink;
    if (sink === null) return;
    const text = eventFrameText(seq, topicJson, eventJson);
    sink.enqueue(text, emittedAt);
  }

  replayWindow(): ReplayWindow {
    const first = this.buffer.firstSeq;
    const last = this.buffer.lastSeq;
    return { oldestKeptSeq: first <= last ? first : null, lastSentSeq: last };
  }
}
