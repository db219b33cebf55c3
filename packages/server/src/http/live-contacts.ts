// The contacts in progress, followed from the engine's events: the engine answers for one contact
// by id but keeps no list a transport may read, and GET /api/v1/contacts needs one. A contact
// enters on its first contact.changed and leaves on contact.ended; the engine's own copy is what
// is answered, so the list is never staler than the engine.
import type { Contact, ContactId } from '@switchboard/core';
import type { Engine, EventBus } from '@switchboard/engine';

export class LiveContacts {
  readonly #engine: Engine;
  readonly #ids = new Set<ContactId>();
  readonly #unsubscribe: () => void;

  constructor(engine: Engine, bus: EventBus) {
    this.#engine = engine;
    // Contacts that already have an agent when we start are found through the agents; contacts
    // waiting in a queue at that moment appear with their next change.
    for (const agentId of engine.agentIds()) {
      const contactId = engine.agentState(agentId)?.contactId;
      if (contactId !== null && contactId !== undefined) this.#ids.add(contactId);
    }
    this.#unsubscribe = bus.subscribe((event) => {
      if (event.type === 'contact.changed') this.#ids.add(event.contact.id);
      else if (event.type === 'contact.ended') this.#ids.delete(event.record.contactId);
    });
  }

  /** Every live contact, oldest arrival first. */
  list(): Contact[] {
    const contacts: Contact[] = [];
    for (const id of this.#ids) {
      const contact = this.#engine.contact(id);
      if (contact === undefined) this.#ids.delete(id);
      else contacts.push(contact);
    }
    return contacts.sort((a, b) => a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : 1));
  }

  close(): void {
    this.#unsubscribe();
  }
}
