import {
  type AgentId,
  type Contact,
  type ContactChange,
  type ContactId,
  fail,
  type Millis,
  ok,
  type QueueId,
  type Result,
} from '@switchboard/core';
import { type ContactRecord, contactRecordOf } from './contact-record.ts';
import type { EventBus } from './ports/event-bus.ts';
import type { Store } from './ports/store.ts';

/** A live contact with the times the engine measures along the way (core's Contact holds no durations). */
export interface ContactEntry {
  contact: Contact;
  /** Agents whose phones ring for this contact now (several only with ring-all). */
  readonly offers: Set<AgentId>;
  firstConnectedAt: Millis | null;
  /** Start of the current talk segment with an agent of ours; null when none. */
  talkSince: Millis | null;
  holdSince: Millis | null;
  /** Talk with agents of ours so far, hold included (closed segments only). */
  talkMs: number;
  holdMs: number;
  /** holdMs when the current talk segment began: the segment's own hold is the difference. */
  holdMsAtTalkStart: number;
  wrapupMs: number;
  readonly agents: AgentId[];
  /**
   * Rung at an agent by an overflow rule after leaving its queue (destination `agent`): the contact
   * no longer belongs to a queue, so it writes no more lines in its old queue's log (a `connected`
   * there after `overflowed` would count two outcomes for one entry).
   */
  direct: boolean;
}

/** The queue whose log gets this contact's lines now; null when it is in none (direct offer, direct call). */
export function loggedQueue(entry: ContactEntry): QueueId | null {
  return entry.direct ? null : entry.contact.queueId;
}

/**
 * Live contacts. `change` applies the result of a core contact operation and publishes it;
 * `finish` writes the one contact record when the contact is done and forgets the contact.
 */
export class ContactBook {
  private readonly contacts = new Map<ContactId, ContactEntry>();
  private readonly store: Store;
  private readonly bus: EventBus;

  constructor(store: Store, bus: EventBus) {
    this.store = store;
    this.bus = bus;
  }

  add(change: ContactChange): ContactEntry {
    const entry: ContactEntry = {
      contact: change.contact,
      offers: new Set(),
      firstConnectedAt: null,
      talkSince: null,
      holdSince: null,
      talkMs: 0,
      holdMs: 0,
      holdMsAtTalkStart: 0,
      wrapupMs: 0,
      agents: [],
      direct: false,
    };
    this.contacts.set(change.contact.id, entry);
    this.publish(change);
    return entry;
  }

  get(contactId: ContactId): ContactEntry | undefined {
    return this.contacts.get(contactId);
  }

  require(contactId: ContactId): Result<ContactEntry> {
    const entry = this.contacts.get(contactId);
    return entry === undefined
      ? fail('unknown_contact', `no live contact ${contactId}`, { contactId })
      : ok(entry);
  }

  get size(): number {
    return this.contacts.size;
  }

  all(): IterableIterator<ContactEntry> {
    return this.contacts.values();
  }

  /** Stores an accepted change; returns the entry for further bookkeeping. */
  change(entry: ContactEntry, change: ContactChange): ContactEntry {
    entry.contact = change.contact;
    this.publish(change);
    return entry;
  }

  /** An agent of ours starts talking with the customer (answer, transfer or consult taken over). */
  startTalk(entry: ContactEntry, at: Millis): void {
    entry.talkSince = at;
    entry.holdMsAtTalkStart = entry.holdMs;
  }

  /** The customer is put on hold (hold, or a consultation); a hold already running goes on. */
  startHold(entry: ContactEntry, at: Millis): void {
    entry.holdSince ??= at;
  }

  endHold(entry: ContactEntry, at: Millis): void {
    if (entry.holdSince === null) return;
    entry.holdMs += at - entry.holdSince;
    entry.holdSince = null;
  }

  /**
   * Closes the open hold and talk segments at `at` (the call with our agent ends or moves on) and
   * returns that agent's segment: talk without hold, and the hold within it.
   */
  closeSegments(entry: ContactEntry, at: Millis): { talkMs: number; holdMs: number } {
    this.endHold(entry, at);
    const holdMs = entry.holdMs - entry.holdMsAtTalkStart;
    entry.holdMsAtTalkStart = entry.holdMs;
    if (entry.talkSince === null) return { talkMs: 0, holdMs };
    const span = at - entry.talkSince;
    entry.talkMs += span;
    entry.talkSince = null;
    return { talkMs: span - holdMs, holdMs };
  }

  /** Writes the record of a done contact exactly once and forgets it. */
  finish(entry: ContactEntry): ContactRecord {
    const contact = entry.contact;
    this.contacts.delete(contact.id);
    // Talk excludes hold: the conversation segments add up to talk + hold.
    const record = contactRecordOf(contact, {
      firstConnectedAt: entry.firstConnectedAt,
      agents: entry.agents,
      talkMs: entry.talkMs - entry.holdMs,
      holdMs: entry.holdMs,
      wrapupMs: entry.wrapupMs,
    });
    this.store.saveContactRecord(record);
    this.bus.publish({ type: 'contact.ended', at: record.endedAt, record });
    return record;
  }

  private publish(change: ContactChange): void {
    if (change.events.length === 0) return;
    this.bus.publish({
      type: 'contact.changed',
      at: change.contact.updatedAt,
      contact: change.contact,
      events: change.events,
    });
  }
}
