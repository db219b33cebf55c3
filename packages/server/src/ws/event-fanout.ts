import type { WireEvent } from '@switchboard/protocol';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { EventRouter } from './event-route.ts';
import { BROAD_TOPICS, type SubscriptionIndex } from './subscription-index.ts';
import { canSeeWire } from './wire-events.ts';
import type { WsSession } from './ws-session.ts';

const QUOTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...BROAD_TOPICS].map((topic) => [topic, JSON.stringify(topic)]),
);

/**
 * Delivers one wire event to every session that subscribed to one of its topics and may see it:
 * at most once per session, named by the first matching subscription (the event's topics are
 * tried most specific first), numbered with the session's next seq. The role filter decides for
 * every candidate; candidates on broad topics are only those filed under the event's scope keys.
 * The event is serialised once, and only when someone receives it.
 */
export class EventFanout {
  readonly #index: SubscriptionIndex;
  readonly #directory: ScopeDirectory;
  readonly #router: EventRouter;
  #stamp = 0;
  #event: WireEvent | null = null;
  #json: string | null = null;
  #emittedAt = 0;
  /** The broad topic (quoted) being offered by `#offerBroad`. */
  #quoted = '';
  #delivered = 0;

  constructor(index: SubscriptionIndex, directory: ScopeDirectory) {
    this.#index = index;
    this.#directory = directory;
    this.#router = new EventRouter(directory);
  }

  /** Returns the number of sessions the event went to. */
  deliver(event: WireEvent, emittedAt: number): number {
    this.#stamp += 1;
    this.#event = event;
    this.#json = null;
    this.#emittedAt = emittedAt;
    this.#delivered = 0;
    // The router's lists are reused per event; nothing in the loop routes another event meanwhile
    // (offering only queues frames), so they stay valid throughout.
    const router = this.#router;
    const topicCount = router.fillTopics(event);
    const topics = router.topicList;
    let keyCount = -1;
    for (let t = 0; t < topicCount; t++) {
      const topic = topics[t]!;
      if (BROAD_TOPICS.has(topic)) {
        const byKey = this.#index.broadSubscribers(topic);
        if (byKey === undefined) continue;
        if (keyCount < 0) keyCount = router.fillScopeKeys(event);
        const keys = router.keyList;
        this.#quoted = QUOTED[topic]!;
        for (let k = 0; k < keyCount; k++) {
          const sessions = byKey.get(keys[k]!);
          if (sessions !== undefined) sessions.forEach(this.#offerBroad);
        }
      } else {
        // forEach, not for…of over entries: no [key, value] pair allocated per session.
        this.#index.subscribers(topic)?.forEach(this.#offerNarrow);
      }
    }
    this.#event = null;
    this.#json = null;
    return this.#delivered;
  }

  // Bound once: forEach over a Set with these allocates neither an iterator nor a closure per event.
  readonly #offerBroad = (session: WsSession): void => this.#offer(session, this.#quoted);

  readonly #offerNarrow = (written: readonly string[], session: WsSession): void =>
    this.#offer(session, written[0]!);

  #offer(session: WsSession, topicJson: string): void {
    if (session.fanoutStamp === this.#stamp) return;
    session.fanoutStamp = this.#stamp;
    const event = this.#event!;
    if (!canSeeWire(session.viewer, event, this.#directory)) return;
    this.#json ??= JSON.stringify(event);
    session.emitEvent(topicJson, this.#json, this.#emittedAt);
    this.#delivered += 1;
  }
}
