// Subscription topics. A connection subscribes to topics and receives the events published on them,
// each event at most once per connection even when several of its topics are subscribed.
//   agent:me    the connection's own agent (its state, its contacts, its statistics)
//   agent:<id>  one agent (same events as agent:me, for a supervisor)
//   agents      every agent's state the subscriber may see
//   queue:<id>  one queue: its log entries and its live statistics
//   queues      the same for every queue the subscriber may see
//   stats       live statistics of every visible queue and agent (the wallboard)
//   contacts    every visible contact: its changes and its end record
// The role filter (what "may see" means) is the server's; this file only says what goes where.
import Type from 'typebox';
import { ID_PATTERN } from '../wire/schema-builders.ts';
import { type ProtocolResult, wireError } from '../wire/wire-error.ts';
import type { WireEvent } from './events.ts';

export type Topic =
  | 'agent:me'
  | 'agents'
  | 'queues'
  | 'stats'
  | 'contacts'
  | `agent:${string}`
  | `queue:${string}`;

export const TOPIC_FORMS = ['agent:me', 'agent:<id>', 'agents', 'queue:<id>', 'queues', 'stats', 'contacts'];

const ID_CHARS = ID_PATTERN.slice(1, -1); // the character class and bound, without the anchors
export const TOPIC_PATTERN = `^(agents|queues|stats|contacts|agent:${ID_CHARS}|queue:${ID_CHARS})$`;

export const TopicSchema = Type.Unsafe<Topic>({
  type: 'string',
  pattern: TOPIC_PATTERN,
  title: 'Topic',
  description: `One of ${TOPIC_FORMS.join(', ')}.`,
});

export const MAX_TOPICS_PER_FRAME = 64;
export const TopicListSchema = Type.Array(TopicSchema, { minItems: 1, maxItems: MAX_TOPICS_PER_FRAME });

export type ParsedTopic =
  | { readonly kind: 'agent-self' }
  | { readonly kind: 'agent'; readonly agentId: string }
  | { readonly kind: 'agents' | 'queues' | 'stats' | 'contacts' }
  | { readonly kind: 'queue'; readonly queueId: string };

const TOPIC_REGEX = new RegExp(TOPIC_PATTERN, 'u');

/** `agent:me` always means the connection's own agent, so an agent whose id is "me" is addressed that way. */
export function parseTopic(topic: string): ProtocolResult<ParsedTopic> {
  if (!TOPIC_REGEX.test(topic)) {
    return {
      ok: false,
      error: wireError('invalid_argument', `unknown topic ${JSON.stringify(topic.slice(0, 140))}`, {
        reason: 'schema',
        topic: topic.slice(0, 140),
      }),
    };
  }
  if (topic === 'agent:me') return { ok: true, value: { kind: 'agent-self' } };
  if (topic.startsWith('agent:')) return { ok: true, value: { kind: 'agent', agentId: topic.slice(6) } };
  if (topic.startsWith('queue:')) return { ok: true, value: { kind: 'queue', queueId: topic.slice(6) } };
  return { ok: true, value: { kind: topic as 'agents' | 'queues' | 'stats' | 'contacts' } };
}

/**
 * The concrete topics an event is published on (never `agent:me`: the server delivers an
 * `agent:<own id>` event to an `agent:me` subscription and names the topic as the client wrote it).
 */
export function eventTopics(event: WireEvent): Topic[] {
  switch (event.type) {
    case 'agent.state':
      return [`agent:${event.agentId}`, 'agents'];
    case 'agent.stats':
      return [`agent:${event.stats.agentId}`, 'stats'];
    case 'contact.changed': {
      const { contact } = event;
      const agents = new Set<string>();
      for (const agentId of [contact.agentId, contact.offeredTo]) if (agentId !== null) agents.add(agentId);
      for (const leg of contact.legs) if (leg.party.kind === 'agent') agents.add(leg.party.agentId);
      return [...[...agents].map((a): Topic => `agent:${a}`), 'contacts'];
    }
    case 'contact.ended':
      return [...new Set(event.record.agents)].map((a): Topic => `agent:${a}`).concat('contacts');
    case 'queue.log':
      return [`queue:${event.entry.queueId}`, 'queues'];
    case 'queue.stats':
      return [`queue:${event.snapshot.queueId}`, 'queues', 'stats'];
  }
}
