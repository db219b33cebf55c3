import type { WsSession } from './ws-session.ts';

/**
 * Which sessions listen on each concrete topic (`agent:a1`, `agents`, `queue:q1`, …), so an event is
 * matched against the few sessions subscribed to its topics instead of every session. Each entry
 * keeps the topics as the session wrote them (JSON-quoted, ready for the frame): the first names the
 * subscription the event came through.
 */
export class SubscriptionIndex {
  readonly #byTopic = new Map<string, Map<WsSession, string[]>>();

  add(session: WsSession, concrete: string, written: string): void {
    let sessions = this.#byTopic.get(concrete);
    if (sessions === undefined) {
      sessions = new Map();
      this.#byTopic.set(concrete, sessions);
    }
    const quoted = JSON.stringify(written);
    const list = sessions.get(session);
    if (list === undefined) sessions.set(session, [quoted]);
    else if (!list.includes(quoted)) list.push(quoted);
  }

  remove(session: WsSession, concrete: string, written: string): void {
    const sessions = this.#byTopic.get(concrete);
    const list = sessions?.get(session);
    if (sessions === undefined || list === undefined) return;
    const left = list.filter((q) => q !== JSON.stringify(written));
    if (left.length > 0) sessions.set(session, left);
    else sessions.delete(session);
    if (sessions.size === 0) this.#byTopic.delete(concrete);
  }

  removeSession(session: WsSession): void {
    for (const [topic, concrete] of session.topics) this.remove(session, concrete, topic);
  }

  /** Sessions on a concrete topic, each with its written topics (quoted). */
  subscribers(concrete: string): ReadonlyMap<WsSession, readonly string[]> | undefined {
    return this.#byTopic.get(concrete);
  }

  has(concrete: string): boolean {
    return this.#byTopic.has(concrete);
  }
}
