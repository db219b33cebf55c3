import type { WireEvent } from '@switchboard/protocol';
import type { ScopeDirectory } from '../scope/viewer.ts';
import type { EventLog } from './event-log.ts';
import type { BroadSubscribers, SubscriptionIndex } from './subscription-index.ts';
import { canSeeWire } from './wire-events.ts';
import type { WsSession } from './ws-session.ts';

/**
 * Delivers one wire event to every session that subscribed to one of its topics and may see it:
 * at most once per session, named by the first matching subscription, numbered with the session's
 * next seq. The topics are tried most specific first, in the order of protocol's `eventTopics`
 * (the agent and queue topics, then the broad ones), which a property test holds this to. The role
 * filter decides for every candidate; on a broad topic the candidates are only the sessions filed
 * under the event's queue, agents and their groups (subscription-index.ts).
 * The event is serialised once, and only when someone receives it; it is then kept once in the
 * EventLog for resume. This runs for every event the engine publishes, so it builds no topic
 * strings, arrays or closures per event.
 */
export class EventFanout {
  readonly #index: SubscriptionIndex;
  readonly #directory: ScopeDirectory;
  readonly #log: EventLog;
  #stamp = 0;
  #event: WireEvent | null = null;
  #json: string | null = null;
  #eventNumber = -1;
  #emittedAt = 0;
  /** The broad topic (quoted) being offered by `#offerBroad`. */
  #quoted = '';
  #delivered = 0;

  constructor(index: SubscriptionIndex, directory: ScopeDirectory, log: EventLog) {
    this.#index = index;
    this.#directory = directory;
    this.#log = log;
  }

  /** Returns the number of sessions the event went to. */
  deliver(event: WireEvent, emittedAt: number): number {
    this.#stamp += 1;
    this.#event = event;
    this.#json = null;
    this.#emittedAt = emittedAt;
    this.#delivered = 0;
    const { broad } = this.#index;
    switch (event.type) {
      case 'agent.state':
        this.#agentTopic(event.agentId);
        if (this.#begin(broad.agents)) this.#agentScope(broad.agents, event.agentId);
        break;
      case 'agent.stats':
        this.#agentTopic(event.stats.agentId);
        if (this.#begin(broad.stats)) this.#agentScope(broad.stats, event.stats.agentId);
        break;
      case 'queue.log': {
        const { entry } = event;
        this.#queueTopic(entry.queueId);
        if (this.#begin(broad.queues)) {
          this.#queueScope(broad.queues, entry.queueId);
          // A queue line naming an agent goes to that agent as well (role-filter.ts); not to its supervisors.
          if ('agentId' in entry) broad.queues.byAgent.get(entry.agentId)?.forEach(this.#offerBroad);
        }
        break;
      }
      case 'queue.stats': {
        const { queueId } = event.snapshot;
        this.#queueTopic(queueId);
        if (this.#begin(broad.queues)) this.#queueScope(broad.queues, queueId);
        if (this.#begin(broad.stats)) this.#queueScope(broad.stats, queueId);
        break;
      }
      case 'contact.changed': {
        const { contact } = event;
        this.#agentTopic(contact.agentId);
        this.#agentTopic(contact.offeredTo);
        for (const leg of contact.legs) if (leg.party.kind === 'agent') this.#agentTopic(leg.party.agentId);
        const b = broad.contacts;
        if (this.#begin(b)) {
          this.#queueScope(b, contact.queueId);
          this.#agentScope(b, contact.offeredTo);
          this.#agentScope(b, contact.agentId);
          for (const leg of contact.legs)
            if (leg.party.kind === 'agent') this.#agentScope(b, leg.party.agentId);
        }
        break;
      }
      case 'contact.ended': {
        const { record } = event;
        for (const agentId of record.agents) this.#agentTopic(agentId);
        const b = broad.contacts;
        if (this.#begin(b)) {
          this.#queueScope(b, record.queueId);
          for (const agentId of record.agents) this.#agentScope(b, agentId);
        }
        break;
      }
    }
    this.#event = null;
    this.#json = null;
    return this.#delivered;
  }

  #agentTopic(agentId: string | null): void {
    if (agentId !== null) this.#index.agent(agentId)?.forEach(this.#offerNarrow);
  }

  #queueTopic(queueId: string): void {
    this.#index.queue(queueId)?.forEach(this.#offerNarrow);
  }

  /** Starts offering on a broad topic: false when nobody is on it; else its admins are offered first. */
  #begin(b: BroadSubscribers): boolean {
    if (b.size === 0) return false;
    this.#quoted = b.quoted;
    if (b.all.size > 0) b.all.forEach(this.#offerBroad);
    return true;
  }

  #queueScope(b: BroadSubscribers, queueId: string | null): void {
    if (queueId !== null && b.byQueue.size > 0) b.byQueue.get(queueId)?.forEach(this.#offerBroad);
  }

  /** The agent's own session(s) and the supervisors of its groups. */
  #agentScope(b: BroadSubscribers, agentId: string | null): void {
    if (agentId === null) return;
    if (b.byAgent.size > 0) b.byAgent.get(agentId)?.forEach(this.#offerBroad);
    if (b.byGroup.size === 0) return;
    for (const group of this.#directory.groupsOf(agentId)) b.byGroup.get(group)?.forEach(this.#offerBroad);
  }

  // Bound once: forEach over a Set or Map with these allocates neither an iterator nor a closure per event.
  readonly #offerBroad = (session: WsSession): void => this.#offer(session, this.#quoted);

  readonly #offerNarrow: (written: readonly string[], session: WsSession) => void = (written, session) =>
    this.#offer(session, written[0]!);

  #offer(session: WsSession, topicJson: string): void {
    if (session.fanoutStamp === this.#stamp) return;
    session.fanoutStamp = this.#stamp;
    const event = this.#event!;
    if (!canSeeWire(session.viewer, event, this.#directory)) return;
    if (this.#json === null) {
      this.#json = JSON.stringify(event);
      this.#eventNumber = this.#log.append(this.#json);
    }
    session.emitEvent(topicJson, this.#json, this.#eventNumber, this.#emittedAt);
    this.#delivered += 1;
  }
}
