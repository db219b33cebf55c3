import type { Contact, ContactId } from '@switchboard/core';
import type { Engine, EngineEvent } from '@switchboard/engine';

/**
 * The contacts in the building, for the `contacts` snapshot: the engine answers for one contact id
 * but cannot list them, so this follows the bus (a contact appears with its first change and leaves
 * with its record). Contacts already bound to an agent when the API starts are picked up from the
 * agents' states.
 */
export class LiveContacts {
  readonly #contacts = new Map<ContactId, Contact>();

  constructor(engine: Engine) {
    for (const agentId of engine.agentIds()) {
      const contactId = engine.agentState(agentId)?.contactId ?? null;
      const contact = contactId === null ? undefined : engine.contact(contactId);
      if (contact !== undefined) this.#contacts.set(contact.id, contact);
    }
  }

  note(event: EngineEvent): void {
    if (event.type === 'contact.changed') this.#contacts.set(event.contact.id, event.contact);
    else if (event.type === 'contact.ended') this.#contacts.delete(event.record.contactId);
  }

  get(contactId: ContactId): Contact | undefined {
    return this.#contacts.get(contactId);
  }

  all(): IterableIterator<Contact> {
    return this.#contacts.values();
  }
}
