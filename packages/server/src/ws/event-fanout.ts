import { eventTopics, type WireEvent } from '@switchboard/protocol';
import type { ScopeDirectory } from '../scope/viewer.ts';
import type { SubscriptionIndex } from './subscription-index.ts';
import { canSeeWire } from './wire-events.ts';

/**
 * Delivers one wire event to every session that subscribed to one of its topics and may see it:
 * at most once per session, named by the first matching subscription (the event's topics are
 * tried most specific first), numbered with the session's next seq. The event is serialised once,
 * and only when someone receives it.
 */
export class EventFanout {
  readonly #index: SubscriptionIndex;
  readonly #directory: ScopeDirectory;
  #stamp = 0;

  constructor(index: SubscriptionIndex, directory: ScopeDirectory) {
    this.#index = index;
    this.#directory = directory;
  }

  /** Returns the number of sessions the event went to. */
  deliver(event: WireEvent, emittedAt: number): number {
    const stamp = ++this.#stamp;
    let json: string | null = null;
    let delivered = 0;
    for (const topic of eventTopics(event)) {
      const sessions = this.#index.subscribers(topic);
      if (sessions === undefined) continue;
      for (const [session, written] of sessions) {
        if (session.fanoutStamp === stamp) continue;
        session.fanoutStamp = stamp;
        if (!canSeeWire(session.viewer, event, this.#directory)) continue;
        json ??= JSON.stringify(event);
        session.emitEvent(written[0]!, json, emittedAt);
        delivered++;
      }
    }
    return delivered;
  }
}
