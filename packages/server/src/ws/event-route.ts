import type { WireEvent } from '@switchboard/protocol';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { ALL_SCOPE_KEY } from './scope-keys.ts';

/** A bound, should ids ever not come from configuration: the table is then simply started over. */
const MAX_INTERNED = 100_000;

/**
 * The per-event work of the fan-out, done once and without throwaway strings or arrays: the event's
 * concrete topics (exactly protocol's `eventTopics`, a property test holds it to that) and, for broad
 * topics, its scope keys (exactly `eventScopeKeys`). Both are written into arrays the router owns and
 * reuses (`fillTopics` / `fillScopeKeys` return how many entries are valid): an array per event was a
 * measurable share of the fan-out's garbage. Topic and key strings are interned per id: the same
 * string object every time keeps its hash, so the index lookups do not rehash it.
 */
export class EventRouter {
  /** Valid up to the count the last `fillTopics` returned; overwritten by the next call. */
  readonly topicList: string[] = [];
  /** Valid up to the count the last `fillScopeKeys` returned; overwritten by the next call. */
  readonly keyList: string[] = [];
  readonly #directory: ScopeDirectory;
  readonly #strings = new Map<string, Map<string, string>>();
  #topicCount = 0;
  #keyCount = 0;
  /** Agents already keyed for the current event (scope keys name each agent once). */
  readonly #seen: string[] = [];
  #seenCount = 0;

  constructor(directory: ScopeDirectory) {
    this.#directory = directory;
  }

  /** The event's topics, as a fresh array (tests and cold paths; the fan-out uses `fillTopics`). */
  topics(event: WireEvent): string[] {
    return this.topicList.slice(0, this.fillTopics(event));
  }

  /** The scope keys of the event (see scope-keys.ts), as a fresh array. */
  scopeKeys(event: WireEvent): string[] {
    return this.keyList.slice(0, this.fillScopeKeys(event));
  }

  /** Writes the event's topics into `topicList`, most specific first; returns their count. */
  fillTopics(event: WireEvent): number {
    this.#topicCount = 0;
    switch (event.type) {
      case 'agent.state':
        this.#topic(this.#intern('agent:', event.agentId));
        this.#topic('agents');
        break;
      case 'agent.stats':
        this.#topic(this.#intern('agent:', event.stats.agentId));
        this.#topic('stats');
        break;
      case 'queue.log':
        this.#topic(this.#intern('queue:', event.entry.queueId));
        this.#topic('queues');
        break;
      case 'queue.stats':
        this.#topic(this.#intern('queue:', event.snapshot.queueId));
        this.#topic('queues');
        this.#topic('stats');
        break;
      case 'contact.changed': {
        const { contact } = event;
        this.#agentTopic(contact.agentId);
        this.#agentTopic(contact.offeredTo);
        for (const leg of contact.legs) if (leg.party.kind === 'agent') this.#agentTopic(leg.party.agentId);
        this.#topic('contacts');
        break;
      }
      case 'contact.ended':
        for (const agentId of event.record.agents) this.#agentTopic(agentId);
        this.#topic('contacts');
        break;
    }
    return this.#topicCount;
  }

  /** Writes the event's scope keys into `keyList`; returns their count. */
  fillScopeKeys(event: WireEvent): number {
    this.#keyCount = 0;
    this.#seenCount = 0;
    this.#key(ALL_SCOPE_KEY);
    switch (event.type) {
      case 'agent.state':
        this.#agentKeys(event.agentId);
        break;
      case 'agent.stats':
        this.#agentKeys(event.stats.agentId);
        break;
      case 'queue.stats':
        this.#queueKey(event.snapshot.queueId);
        break;
      case 'queue.log':
        this.#queueKey(event.entry.queueId);
        if ('agentId' in event.entry) this.#agentKeys(event.entry.agentId);
        break;
      case 'contact.changed': {
        const { contact } = event;
        this.#queueKey(contact.queueId);
        this.#agentKeys(contact.offeredTo);
        this.#agentKeys(contact.agentId);
        for (const leg of contact.legs) if (leg.party.kind === 'agent') this.#agentKeys(leg.party.agentId);
        break;
      }
      case 'contact.ended':
        this.#queueKey(event.record.queueId);
        for (const agentId of event.record.agents) this.#agentKeys(agentId);
        break;
    }
    return this.#keyCount;
  }

  #topic(topic: string): void {
    this.topicList[this.#topicCount++] = topic;
  }

  #agentTopic(agentId: string | null): void {
    if (agentId === null) return;
    const topic = this.#intern('agent:', agentId);
    for (let i = 0; i < this.#topicCount; i++) if (this.topicList[i] === topic) return;
    this.#topic(topic);
  }

  #key(key: string): void {
    this.keyList[this.#keyCount++] = key;
  }

  #queueKey(queueId: string | null): void {
    if (queueId !== null) this.#key(this.#intern('q:', queueId));
  }

  #agentKeys(agentId: string | null): void {
    if (agentId === null) return;
    for (let i = 0; i < this.#seenCount; i++) if (this.#seen[i] === agentId) return;
    this.#seen[this.#seenCount++] = agentId;
    this.#key(this.#intern('a:', agentId));
    for (const group of this.#directory.groupsOf(agentId)) this.#key(this.#intern('g:', group));
  }

  /** Ids come from the configuration (agents, queues, groups), so the table stays small. */
  #intern(prefix: string, id: string): string {
    let table = this.#strings.get(prefix);
    if (table === undefined || table.size > MAX_INTERNED) {
      table = new Map();
      this.#strings.set(prefix, table);
    }
    let text = table.get(id);
    if (text === undefined) {
      text = prefix + id;
      table.set(id, text);
    }
    return text;
  }
}
