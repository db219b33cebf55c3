// The contacts in progress for GET /api/v1/contacts: the engine's own list, so contacts that were
// already waiting when the handler was built are included too.
import type { Contact } from '@switchboard/core';
import type { Engine, EventBus } from '@switchboard/engine';

export class LiveContacts {
  readonly #engine: Engine;

  constructor(engine: Engine, _bus?: EventBus) {
    this.#engine = engine;
  }

  /** Every live contact, oldest arrival first. */
  list(): Contact[] {
    return this.#engine.liveContactList();
  }

  close(): void {}
}
