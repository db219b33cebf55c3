import type { AgentId } from '@switchboard/core';
import type { Clock, EngineEvent, EventBus } from '@switchboard/engine';
import type { JournaledAgent, JournaledContact } from '../persistence/index.ts';

/** What the recovery journal needs: SqliteStore (synchronous) or RecoveryJournal (asynchronous). */
export interface JournalSink {
  contactStarted(entry: JournaledContact): unknown;
  contactChanged(entry: JournaledContact): unknown;
  agentLoggedIn(agent: JournaledAgent): unknown;
  agentLoggedOut(agentId: AgentId): unknown;
}

/**
 * Keeps the recovery journal in step with the engine: a contact is journaled when it starts and when
 * its queue or agent changes (its record's insert removes it); an agent when it logs in and out. After a
 * kill -9 the journal is what lets the next start close those contacts as interrupted and bring the
 * agents back Paused.
 */
export function wireJournal(bus: EventBus, journal: JournalSink, clock: Clock): () => void {
  const loggedIn = new Set<AgentId>();
  return bus.subscribe((event: EngineEvent) => {
    if (event.type === 'contact.changed') {
      const kinds = new Set(event.events.map((e) => e.type));
      if (event.contact.phase === 'done') return;
      const c = event.contact;
      const entry: JournaledContact = {
        contactId: c.id,
        direction: c.direction,
        queueId: c.queueId,
        customerNumber: c.customerNumber,
        dialedNumber: c.dialedNumber,
        arrivedAt: c.arrivedAt,
        connectedAt: c.connectedAt,
        agentId: c.agentId,
        agents: c.agentId === null ? [] : [c.agentId],
        attached: c.attached,
        disposition: c.disposition,
        updatedAt: clock.now(),
      };
      if (kinds.has('created')) journal.contactStarted(entry);
      else if (kinds.has('queueChanged') || kinds.has('agentChanged') || kinds.has('attachedDataChanged')) {
        journal.contactChanged(entry);
      }
    } else if (event.type === 'agent.state') {
      const id = event.agentId;
      if (event.state.name === 'LoggedOut') {
        if (loggedIn.delete(id)) journal.agentLoggedOut(id);
      } else if (!loggedIn.has(id)) {
        loggedIn.add(id);
        journal.agentLoggedIn({
          agentId: id,
          extension: event.state.extension,
          loggedInAt: event.state.since,
        });
      }
    }
  });
}
