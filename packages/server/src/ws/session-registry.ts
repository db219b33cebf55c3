import type { Clock } from '@switchboard/engine';
import type { Topic } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
import type { EventLog } from './event-log.ts';
import { SubscriptionIndex } from './subscription-index.ts';
import { type FrameSink, WsSession } from './ws-session.ts';

export interface SessionRegistryDeps {
  readonly clock: Clock;
  /** How long a session without a connection stays resumable. */
  readonly retentionMs: number;
  readonly bufferSize: number;
  /** Where the sessions' event frames are kept (one log for all sessions). */
  readonly log: EventLog;
  readonly newSessionId: () => string;
}

/**
 * Every live session by id, and the topic index over their subscriptions. A session whose
 * connection went away keeps its subscriptions (and keeps buffering events) until it is resumed or
 * its retention ends on the engine's clock.
 */
export class SessionRegistry {
  readonly index = new SubscriptionIndex();
  readonly #deps: SessionRegistryDeps;
  readonly #sessions = new Map<string, WsSession>();

  constructor(deps: SessionRegistryDeps) {
    this.#deps = deps;
  }

  create(principal: Principal): WsSession {
    let id = this.#deps.newSessionId();
    while (this.#sessions.has(id)) id = this.#deps.newSessionId();
    const session = new WsSession(id, principal, this.#deps.bufferSize, this.#deps.log);
    this.#sessions.set(id, session);
    return session;
  }

  get(id: string): WsSession | undefined {
    return this.#sessions.get(id);
  }

  get size(): number {
    return this.#sessions.size;
  }

  attach(session: WsSession, sink: FrameSink): void {
    if (session.expiry !== null) this.#deps.clock.cancelTimer(session.expiry);
    session.expiry = null;
    session.sink = sink;
  }

  /** The sink left; the session waits to be resumed (not at all when retention is 0). */
  detach(session: WsSession, sink: FrameSink): void {
    if (session.sink !== sink) return;
    session.sink = null;
    if (this.#deps.retentionMs <= 0) {
      this.forget(session);
      return;
    }
    const { clock } = this.#deps;
    session.expiry = clock.setTimer(clock.now() + this.#deps.retentionMs, () => {
      session.expiry = null;
      if (session.sink === null) this.forget(session);
    });
  }

  forget(session: WsSession): void {
    if (session.expiry !== null) this.#deps.clock.cancelTimer(session.expiry);
    session.expiry = null;
    this.index.removeSession(session);
    this.#sessions.delete(session.id);
  }

  /** A resumed session speaks for the principal of the new connection's token (its scope may differ). */
  setPrincipal(session: WsSession, principal: Principal): void {
    this.index.removeSession(session);
    session.setPrincipal(principal);
    for (const [topic, concrete] of session.topics) this.index.add(session, concrete, topic);
  }

  /** Adds topics not yet subscribed, in order. */
  subscribe(session: WsSession, topics: readonly Topic[]): void {
    for (const topic of topics) {
      if (session.topics.has(topic)) continue;
      const concrete = session.concreteTopic(topic);
      session.topics.set(topic, concrete);
      this.index.add(session, concrete, topic);
    }
  }

  unsubscribe(session: WsSession, topics: readonly Topic[]): void {
    for (const topic of topics) {
      const concrete = session.topics.get(topic);
      if (concrete === undefined) continue;
      session.topics.delete(topic);
      this.index.remove(session, concrete, topic);
    }
  }

  /** Graceful stop: every session is forgotten and no timer is left behind. */
  stop(): void {
    for (const session of [...this.#sessions.values()]) this.forget(session);
  }
}
