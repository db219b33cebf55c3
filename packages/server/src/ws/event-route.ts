import type { WireEvent } from '@switchboard/protocol';
import type { ScopeDirectory } from '../scope/viewer.ts';
import { ALL_SCOPE_KEY } from './scope-keys.ts';

/** A bound, should ids ever not come from configuration: the table is then simply started over. */
const MAX_INTERNED = 100_000;

/**
 * The per-event work of the fan-out, done once and without throwaway strings: the event's concrete
 * topics (exactly protocol's `eventTopics`, a property test holds it to that) and, for broad topics,
 * its scope keys (exactly `eventScopeKeys`). Topic and key strings are interned per id: the same
 * string object every time keeps its hash, so the index lookups do not rehash it.
 */
export class EventRouter {
  readonly #directory: ScopeDirectory;
  readonly #strings = new Map<string, Map<string, string>>();

  constructor(directory: ScopeDirectory) {
    this.#directory = directory;
  }

  topics(event: WireEvent): string[] {
    switch (event.type) {
      case 'agent.state':
        return [this.#intern('agent:', event.agentId), 'agents'];
      case 'agent.stats':
        return [this.#intern('agent:', event.stats.agentId), 'stats'];
      case 'queue.log':
        return [this.#intern('queue:', event.entry.queueId), 'queues'];
      case 'queue.stats':
        return [this.#intern('queue:', event.snapshot.queueId), 'queues', 'stats'];
      case 'contact.changed': {
        const { contact } = event;
        const topics: string[] = [];
        const add = (agentId: string | null) => {
          if (agentId === null) return;
          const topic = this.#intern('agent:', agentId);
          if (!topics.includes(topic)) topics.push(topic);
        };
        add(contact.agentId);
        add(contact.offeredTo);
        for (const leg of contact.legs) if (leg.party.kind === 'agent') add(leg.party.agentId);
        topics.push('contacts');
        return topics;
      }
      case 'contact.ended': {
        const topics: string[] = [];
        for (const agentId of event.record.agents) {
          const topic = this.#intern('agent:', agentId);
          if (!topics.includes(topic)) topics.push(topic);
        }
        topics.push('contacts');
        return topics;
      }
    }
  }

  /** The scope keys of the event (see scope-keys.ts). */
  scopeKeys(event: WireEvent): string[] {
    const keys = [ALL_SCOPE_KEY];
    const queue = (queueId: string | null) => {
      if (queueId !== null) keys.push(this.#intern('q:', queueId));
    };
    const agent = (agentId: string) => {
      keys.push(this.#intern('a:', agentId));
      for (const group of this.#directory.groupsOf(agentId)) keys.push(this.#intern('g:', group));
    };
    switch (event.type) {
      case 'agent.state':
        agent(event.agentId);
        break;
      case 'agent.stats':
        agent(event.stats.agentId);
        break;
      case 'queue.stats':
        queue(event.snapshot.queueId);
        break;
      case 'queue.log':
        queue(event.entry.queueId);
        if ('agentId' in event.entry) agent(event.entry.agentId);
        break;
      case 'contact.changed': {
        const { contact } = event;
        queue(contact.queueId);
        const seen: string[] = [];
        const once = (agentId: string | null) => {
          if (agentId === null || seen.includes(agentId)) return;
          seen.push(agentId);
          agent(agentId);
        };
        once(contact.offeredTo);
        once(contact.agentId);
        for (const leg of contact.legs) if (leg.party.kind === 'agent') once(leg.party.agentId);
        break;
      }
      case 'contact.ended': {
        queue(event.record.queueId);
        const seen: string[] = [];
        for (const agentId of event.record.agents) {
          if (seen.includes(agentId)) continue;
          seen.push(agentId);
          agent(agentId);
        }
        break;
      }
    }
    return keys;
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
