import type { RouterPort } from '@switchboard/core';
import type { AgentBook } from './agent-book.ts';
import type { ContactBook } from './contact-book.ts';
import type { KeyedTimers } from './keyed-timers.ts';
import type { Clock } from './ports/clock.ts';
import type { EventBus } from './ports/event-bus.ts';
import type { Ids } from './ports/ids.ts';
import type { Store } from './ports/store.ts';
import type { Telephony } from './ports/telephony.ts';
import type { QueueBook } from './queue-book.ts';

/** The engine's parts, built once in the Engine constructor and shared by its flows. */
export interface EngineContext {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly bus: EventBus;
  readonly store: Store;
  readonly telephony: Telephony;
  readonly router: RouterPort;
  readonly agents: AgentBook;
  readonly contacts: ContactBook;
  readonly queues: QueueBook;
  readonly timers: KeyedTimers;
}
