// What the server pushes on subscribed topics: the engine's announcements (EngineEvent) as they
// leave the server (the internal agent.log is not published), plus live statistics.
import Type, { type TProperties } from 'typebox';
import { AgentActionSchema, AgentStateSchema } from '../wire/agent-schemas.ts';
import { ContactEventSchema } from '../wire/contact-event-schemas.ts';
import { ContactRecordSchema, ContactSchema } from '../wire/contact-schemas.ts';
import { QueueLogEntrySchema } from '../wire/queue-log-schemas.ts';
import { id, millis, open, type Wire } from '../wire/schema-builders.ts';
import { AgentStatsSchema, QueueSnapshotSchema } from '../wire/stats-schemas.ts';

function event<T extends string, P extends TProperties>(type: T, properties: P, description: string) {
  return open({ type: Type.Literal(type), at: millis(), ...properties }, { description });
}

export const WireEventSchema = Type.Union(
  [
    event(
      'agent.state',
      { agentId: id(), state: AgentStateSchema, actions: Type.Array(AgentActionSchema) },
      'An agent changed state; `actions` is what it may do now.',
    ),
    event('agent.stats', { stats: AgentStatsSchema }, "An agent's live figures."),
    event(
      'contact.changed',
      { contact: ContactSchema, events: Type.Array(ContactEventSchema) },
      'A contact changed: its new state and what changed.',
    ),
    event('contact.ended', { record: ContactRecordSchema }, 'A contact is done: its record.'),
    event('queue.log', { entry: QueueLogEntrySchema }, 'A queue log entry (a queue fact).'),
    event('queue.stats', { snapshot: QueueSnapshotSchema }, "A queue's live figures."),
  ],
  { title: 'Event' },
);
export type WireEvent = Wire<typeof WireEventSchema>;
export type WireEventType = WireEvent['type'];
export const WIRE_EVENT_TYPES = [
  'agent.state',
  'agent.stats',
  'contact.changed',
  'contact.ended',
  'queue.log',
  'queue.stats',
] as const satisfies readonly WireEventType[];
