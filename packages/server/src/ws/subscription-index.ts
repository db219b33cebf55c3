import type { WsSession } from './ws-session.ts';

export type BroadTopic = 'agents' | 'queues' | 'stats' | 'contacts';

/** Topics many sessions share; their subscribers are filed by the scope of their viewer. */
export const BROAD_TOPICS: ReadonlySet<string> = new Set<BroadTopic>([
  'agents',
  'queues',
  'stats',
  'contacts',
]);

/** Sessions on one narrow topic (`agent:<id>`, `queue:<id>`), each with the topics as it wrote them, JSON-quoted. */
export type NarrowSubscribers = Map<WsSession, string[]>;

/**
 * The sessions on one broad topic, filed by what the role filter could let through to them: admins
 * under `all`, an agent under its own agent, a supervisor under each queue and each agent group of
 * its profile. An event is then offered only to the sessions filed under its own queue, agents and
 * their groups (and the admins) instead of to every subscriber. The filing is a coarse
 * over-approximation of the role filter: the filter still decides, the filing only spares it the
 * sessions it would refuse anyway (a property test holds the fan-out to the naive rule).
 */
export class BroadSubscribers {
  readonly topic: BroadTopic;
  /** The topic as it appears in a frame. */
  readonly quoted: string;
  readonly all = new Set<WsSession>();
  readonly byAgent = new Map<string, Set<WsSession>>();
  readonly byGroup = new Map<string, Set<WsSession>>();
  readonly byQueue = new Map<string, Set<WsSession>>();
  /** Sessions filed here (each once). */
  size = 0;

  constructor(topic: BroadTopic) {
    this.topic = topic;
    this.quoted = JSON.stringify(topic);
  }

  add(session: WsSession): void {
    const viewer = session.viewer;
    this.size++;
    switch (viewer.role) {
      case 'admin':
        this.all.add(session);
        return;
      case 'agent':
        file(this.byAgent, viewer.agentId, session);
        return;
      case 'supervisor':
        for (const queue of viewer.queues) file(this.byQueue, queue, session);
        for (const group of viewer.agentGroups) file(this.byGroup, group, session);
    }
  }

  remove(session: WsSession): void {
    // The session's viewer may have changed since it was filed (a resume with a new token), so it
    // is looked for everywhere rather than where its viewer says.
    let found = this.all.delete(session);
    for (const map of [this.byAgent, this.byGroup, this.byQueue]) {
      for (const [key, sessions] of map) {
        if (!sessions.delete(session)) continue;
        found = true;
        if (sessions.size === 0) map.delete(key);
      }
    }
    if (found) this.size--;
  }
}

function file(map: Map<string, Set<WsSession>>, key: string, session: WsSession): void {
  let sessions = map.get(key);
  if (sessions === undefined) {
    sessions = new Set();
    map.set(key, sessions);
  }
  sessions.add(session);
}

/**
 * Which sessions listen on each concrete topic, so an event is matched against the few sessions
 * subscribed to its topics instead of every session. Narrow topics are looked up by the agent or
 * queue id the event carries (one lookup each, no topic string built per event); a narrow entry
 * keeps the session's written topics, the first naming the subscription an event came through
 * (`agent:me` and `agent:<own id>` share one concrete topic).
 */
export class SubscriptionIndex {
  readonly #agents = new Map<string, NarrowSubscribers>();
  readonly #queues = new Map<string, NarrowSubscribers>();
  readonly broad: Readonly<Record<BroadTopic, BroadSubscribers>> = {
    agents: new BroadSubscribers('agents'),
    queues: new BroadSubscribers('queues'),
    stats: new BroadSubscribers('stats'),
    contacts: new BroadSubscribers('contacts'),
  };

  /** Subscribers of `agent:<id>`. */
  agent(agentId: string): NarrowSubscribers | undefined {
    return this.#agents.get(agentId);
  }

  /** Subscribers of `queue:<id>`. */
  queue(queueId: string): NarrowSubscribers | undefined {
    return this.#queues.get(queueId);
  }

  add(session: WsSession, concrete: string, written: string): void {
    if (BROAD_TOPICS.has(concrete)) {
      this.broad[concrete as BroadTopic].add(session);
      return;
    }
    const [map, id] = this.#narrow(concrete);
    let sessions = map.get(id);
    if (sessions === undefined) {
      sessions = new Map();
      map.set(id, sessions);
    }
    const quoted = JSON.stringify(written);
    const list = sessions.get(session);
    if (list === undefined) sessions.set(session, [quoted]);
    else if (!list.includes(quoted)) list.push(quoted);
  }

  remove(session: WsSession, concrete: string, written: string): void {
    if (BROAD_TOPICS.has(concrete)) {
      this.broad[concrete as BroadTopic].remove(session);
      return;
    }
    const [map, id] = this.#narrow(concrete);
    const sessions = map.get(id);
    const list = sessions?.get(session);
    if (sessions === undefined || list === undefined) return;
    const left = list.filter((q) => q !== JSON.stringify(written));
    if (left.length > 0) sessions.set(session, left);
    else sessions.delete(session);
    if (sessions.size === 0) map.delete(id);
  }

  removeSession(session: WsSession): void {
    for (const [topic, concrete] of session.topics) this.remove(session, concrete, topic);
  }

  /** Whether anyone listens on the concrete topic. */
  has(concrete: string): boolean {
    if (BROAD_TOPICS.has(concrete)) return this.broad[concrete as BroadTopic].size > 0;
    const [map, id] = this.#narrow(concrete);
    return map.has(id);
  }

  /** Concrete narrow topics are `agent:<id>` or `queue:<id>` (subscribe validated them). */
  #narrow(concrete: string): [Map<string, NarrowSubscribers>, string] {
    return concrete.startsWith('agent:')
      ? [this.#agents, concrete.slice('agent:'.length)]
      : [this.#queues, concrete.slice('queue:'.length)];
  }
}
