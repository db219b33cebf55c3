import { viewerScopeKeys } from './scope-keys.ts';
import type { WsSession } from './ws-session.ts';

/** Topics many sessions share; their subscribers are filed by scope key (see scope-keys.ts). */
export const BROAD_TOPICS: ReadonlySet<string> = new Set(['agents', 'queues', 'stats', 'contacts']);

/**
 * Which sessions listen on each concrete topic (`agent:a1`, `agents`, `queue:q1`, …), so an event is
 * matched against the few sessions subscribed to its topics instead of every session. A narrow topic
 * keeps, per session, the topics as the session wrote them (JSON-quoted, ready for the frame): the
 * first names the subscription an event came through (`agent:me` and `agent:<own id>` share one
 * concrete topic). A broad topic files its sessions under their scope keys.
 */
export class SubscriptionIndex {
  readonly #narrow = new Map<string, Map<WsSession, string[]>>();
  readonly #broad = new Map<string, Map<string, Set<WsSession>>>();

  add(session: WsSession, concrete: string, written: string): void {
    if (BROAD_TOPICS.has(concrete)) {
      let byKey = this.#broad.get(concrete);
      if (byKey === undefined) {
        byKey = new Map();
        this.#broad.set(concrete, byKey);
      }
      for (const key of viewerScopeKeys(session.viewer)) {
        let sessions = byKey.get(key);
        if (sessions === undefined) {
          sessions = new Set();
          byKey.set(key, sessions);
        }
        sessions.add(session);
      }
      return;
    }
    let sessions = this.#narrow.get(concrete);
    if (sessions === undefined) {
      sessions = new Map();
      this.#narrow.set(concrete, sessions);
    }
    const quoted = JSON.stringify(written);
    const list = sessions.get(session);
    if (list === undefined) sessions.set(session, [quoted]);
    else if (!list.includes(quoted)) list.push(quoted);
  }

  remove(session: WsSession, concrete: string, written: string): void {
    if (BROAD_TOPICS.has(concrete)) {
      const byKey = this.#broad.get(concrete);
      if (byKey === undefined) return;
      for (const [key, sessions] of byKey) {
        sessions.delete(session);
        if (sessions.size === 0) byKey.delete(key);
      }
      if (byKey.size === 0) this.#broad.delete(concrete);
      return;
    }
    const sessions = this.#narrow.get(concrete);
    const list = sessions?.get(session);
    if (sessions === undefined || list === undefined) return;
    const left = list.filter((q) => q !== JSON.stringify(written));
    if (left.length > 0) sessions.set(session, left);
    else sessions.delete(session);
    if (sessions.size === 0) this.#narrow.delete(concrete);
  }

  removeSession(session: WsSession): void {
    for (const [topic, concrete] of session.topics) this.remove(session, concrete, topic);
  }

  /** Sessions on a narrow topic, each with its written topics (quoted). */
  subscribers(concrete: string): ReadonlyMap<WsSession, readonly string[]> | undefined {
    return this.#narrow.get(concrete);
  }

  /** Sessions on a broad topic by scope key. */
  broadSubscribers(topic: string): ReadonlyMap<string, ReadonlySet<WsSession>> | undefined {
    return this.#broad.get(topic);
  }

  has(concrete: string): boolean {
    return this.#narrow.has(concrete) || this.#broad.has(concrete);
  }
}
