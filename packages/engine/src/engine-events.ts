import type {
  AgentAction,
  AgentId,
  AgentLogEvent,
  AgentState,
  Contact,
  ContactEvent,
  Millis,
  QueueLogEvent,
} from '@switchboard/core';
import type { ContactRecord } from './contact-record.ts';

/**
 * Everything the engine announces. Transports subscribe through the EventBus and pass each event
 * through the subscriber's role filter; the payloads are plain data, safe to serialise as they are.
 */
export type EngineEvent =
  | {
      readonly type: 'agent.state';
      readonly at: Millis;
      readonly agentId: AgentId;
      readonly state: AgentState;
      /** What the agent may do now, for clients to render buttons from. */
      readonly actions: readonly AgentAction[];
    }
  | { readonly type: 'agent.log'; readonly at: Millis; readonly entry: AgentLogEvent }
  | {
      readonly type: 'contact.changed';
      readonly at: Millis;
      readonly contact: Contact;
      readonly events: readonly ContactEvent[];
    }
  | { readonly type: 'contact.ended'; readonly at: Millis; readonly record: ContactRecord }
  | { readonly type: 'queue.log'; readonly at: Millis; readonly entry: QueueLogEvent };

export type EngineEventType = EngineEvent['type'];
