// The bindings the registrar holds (RFC 3261 §10.3), in memory: per extension (the user part
// of the address-of-record) a list of contacts, each with the Call-ID and CSeq that last
// touched it (ordering, §10.3 step 7), its expiry, and the flow it came over - the transport,
// address, port and connection - so a phone behind NAT or a browser on a WebSocket can be
// reached on that flow. Every binding expires by a timer on the injected clock; every change
// is an event, which the engine uses to know which phones an agent may log in with.
import type { Millis } from '@switchboard/core';
import type { SipContact } from './message.ts';
import type { SipClock, SipTimerHandle } from './sip-clock.ts';
import type { SipSource } from './sip-transport.ts';
import { uriEquals } from './uri-compare.ts';
import type { Uri } from './uri.ts';

export interface SipBinding {
  readonly extension: string;
  /** The Contact as registered (its expires parameter is not kept: `expiresAt` is). */
  readonly contact: SipContact;
  readonly callId: string;
  readonly cseq: number;
  readonly expiresAt: Millis;
  /** When this contact was first bound (refreshes keep it). */
  readonly registeredAt: Millis;
  readonly source: SipSource;
  readonly userAgent: string | undefined;
}

export type RegistrationChangeKind = 'added' | 'refreshed' | 'removed' | 'expired';

export interface RegistrationChange {
  readonly kind: RegistrationChangeKind;
  readonly extension: string;
  readonly binding: SipBinding;
  /** Whether the extension has a binding once the whole update is applied (a "*" removal
   * of three contacts sends three events, all with false). */
  readonly registered: boolean;
}

export type RegistrationListener = (change: RegistrationChange) => void;

interface Entry {
  binding: SipBinding;
  timer: SipTimerHandle;
}

export class RegistrationStore {
  readonly #clock: SipClock;
  readonly #entries = new Map<string, Entry[]>();
  readonly #listeners = new Set<RegistrationListener>();

  constructor(clock: SipClock) {
    this.#clock = clock;
  }

  /** True while the extension has at least one unexpired binding. */
  isRegistered(extension: string): boolean {
    return this.contactsOf(extension).length > 0;
  }

  /** The unexpired bindings of an extension, oldest first. */
  contactsOf(extension: string): readonly SipBinding[] {
    const now = this.#clock.now();
    return (this.#entries.get(extension) ?? []).map((e) => e.binding).filter((b) => b.expiresAt > now);
  }

  /** Extensions with at least one binding. */
  extensions(): string[] {
    return [...this.#entries.keys()];
  }

  get bindingCount(): number {
    let n = 0;
    for (const list of this.#entries.values()) n += list.length;
    return n;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: RegistrationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The binding of this extension whose contact URI equals `uri` (RFC 3261 §19.1.4). */
  find(extension: string, uri: Uri): SipBinding | undefined {
    return this.#entries.get(extension)?.find((e) => uriEquals(e.binding.contact.uri, uri))?.binding;
  }

  /** Adds the binding, or replaces the one with an equal contact URI. */
  put(binding: SipBinding): void {
    const list = this.#entries.get(binding.extension) ?? [];
    const index = list.findIndex((e) => uriEquals(e.binding.contact.uri, binding.contact.uri));
    const entry: Entry = { binding, timer: this.#expireAt(binding) };
    if (index >= 0) {
      this.#clock.cancelTimer(list[index]!.timer);
      list[index] = entry;
    } else list.push(entry);
    this.#entries.set(binding.extension, list);
    this.#emit(index >= 0 ? 'refreshed' : 'added', binding);
  }

  remove(extension: string, uri: Uri): boolean {
    return this.#drop(extension, (b) => uriEquals(b.contact.uri, uri), 'removed') > 0;
  }

  removeAll(extension: string): number {
    return this.#drop(extension, () => true, 'removed');
  }

  /**
   * Puts back bindings a previous process kept (a restart): each with its expiry timer on this
   * store's clock, so `isRegistered` is true at once and the binding expires, is refreshed (same
   * Call-ID, higher CSeq) or removed exactly like one registered here. No change events: nothing
   * changed - the phone registered before, and whoever kept the copy has it already. Skipped: a
   * binding already expired, and one whose contact is bound already (a registration made since
   * is newer). Returns the bindings taken, in the order given (each extension's oldest first).
   */
  restore(bindings: readonly SipBinding[]): SipBinding[] {
    const now = this.#clock.now();
    const taken: SipBinding[] = [];
    for (const binding of bindings) {
      if (binding.expiresAt <= now || this.find(binding.extension, binding.contact.uri)) continue;
      const list = this.#entries.get(binding.extension) ?? [];
      list.push({ binding, timer: this.#expireAt(binding) });
      this.#entries.set(binding.extension, list);
      taken.push(binding);
    }
    return taken;
  }

  /** Cancels every expiry timer and forgets every binding, without events (shutdown). */
  clear(): void {
    for (const list of this.#entries.values()) for (const e of list) this.#clock.cancelTimer(e.timer);
    this.#entries.clear();
  }

  #expireAt(binding: SipBinding): SipTimerHandle {
    return this.#clock.setTimer(binding.expiresAt, () => {
      const list = this.#entries.get(binding.extension);
      const entry = list?.find((e) => e.binding === binding);
      // Only this binding's own timer may expire it: a refresh replaced the entry and its timer.
      if (entry) this.#drop(binding.extension, (b) => b === binding, 'expired');
    });
  }

  #drop(extension: string, match: (b: SipBinding) => boolean, kind: RegistrationChangeKind): number {
    const list = this.#entries.get(extension);
    if (!list) return 0;
    const gone = list.filter((e) => match(e.binding));
    const kept = list.filter((e) => !match(e.binding));
    if (kept.length > 0) this.#entries.set(extension, kept);
    else this.#entries.delete(extension);
    for (const e of gone) {
      this.#clock.cancelTimer(e.timer);
      this.#emit(kind, e.binding);
    }
    return gone.length;
  }

  #emit(kind: RegistrationChangeKind, binding: SipBinding): void {
    const change: RegistrationChange = {
      kind,
      extension: binding.extension,
      binding,
      registered: this.#entries.has(binding.extension),
    };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // A failing listener must not undo the registration nor starve the other listeners.
      }
    }
  }
}
