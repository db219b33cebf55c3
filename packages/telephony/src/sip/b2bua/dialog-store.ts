// What survives a crash: every confirmed leg of every call, so a restarted server can end the
// calls it no longer knows cleanly (a BYE to each side) instead of leaving phones and trunks in a
// call with nobody behind it. The B2BUA saves a record when a leg is confirmed and each time its
// CSeq moves (a BYE after restart must carry a higher one), and removes it when the leg ends. In
// memory here; the server persists the same interface.
import type { SipTarget } from '../sip-transport.ts';

export const LEG_ROLES = ['customer', 'agent', 'target', 'consult'] as const;
export type LegRole = (typeof LEG_ROLES)[number];

export interface DialogRecord {
  /** Dialog key: Call-ID and our tag. */
  readonly key: string;
  readonly contactId: string;
  readonly role: LegRole;
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string | undefined;
  readonly localAddress: string;
  readonly remoteAddress: string;
  readonly remoteTarget: string;
  readonly routeSet: readonly string[];
  readonly localCseq: number;
  readonly flow: SipTarget;
}

export interface DialogStore {
  /** Adds or replaces the record with this key. */
  save(record: DialogRecord): void;
  remove(key: string): void;
  all(): readonly DialogRecord[];
}

export class InMemoryDialogStore implements DialogStore {
  readonly #records = new Map<string, DialogRecord>();

  save(record: DialogRecord): void {
    this.#records.set(record.key, record);
  }

  remove(key: string): void {
    this.#records.delete(key);
  }

  all(): readonly DialogRecord[] {
    return [...this.#records.values()];
  }

  get size(): number {
    return this.#records.size;
  }
}

/** The record of a confirmed leg: its key, contact and role, and the dialog as it stands. */
export function recordOf(
  leg: { readonly key: string; readonly contactId: string; readonly role: LegRole },
  d: Omit<DialogRecord, 'key' | 'contactId' | 'role'>,
): DialogRecord {
  return {
    key: leg.key,
    contactId: leg.contactId,
    role: leg.role,
    callId: d.callId,
    localTag: d.localTag,
    remoteTag: d.remoteTag,
    localAddress: d.localAddress,
    remoteAddress: d.remoteAddress,
    remoteTarget: d.remoteTarget,
    routeSet: d.routeSet,
    localCseq: d.localCseq,
    flow: d.flow,
  };
}
