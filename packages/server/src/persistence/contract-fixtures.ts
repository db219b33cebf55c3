// Shared by the contract suites: how a suite gets a fresh database of the dialect under test, and
// the sample rows the suites write.
import { type QueueConfig, type QueueLogEvent, queueWithDefaults } from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import type { Database, Dialect } from './database.ts';
import type { JournaledContact } from './journaled-contact.ts';
import { Persistence } from './persistence.ts';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A fresh, empty database of one dialect; `connect` opens a new connection to that same database. */
export interface ContractTarget {
  readonly dialect: Dialect;
  newDatabase(): Promise<{ connect(): Database }>;
}

/** A fresh database, migrated and opened; closed when the test ends. */
export async function openFresh(
  target: ContractTarget,
  onEnd: (fn: () => Promise<void>) => void,
): Promise<Persistence> {
  const fresh = await target.newDatabase();
  const persistence = await Persistence.open(fresh.connect(), { now: T0 });
  onEnd(() => persistence.close());
  return persistence;
}

export function queueConfig(id: string, over: Partial<QueueConfig> = {}): QueueConfig {
  return queueWithDefaults(id, { name: `Queue ${id}`, ...over });
}

export function contactRecord(i: number, over: Partial<ContactRecord> = {}): ContactRecord {
  const arrivedAt = T0 + i * 1000;
  return {
    contactId: `c-${String(i).padStart(5, '0')}`,
    direction: 'inbound',
    queueId: i % 2 === 0 ? 'sales' : 'support',
    customerNumber: `+3361234${String(i % 10).padStart(4, '0')}`,
    dialedNumber: '1000',
    arrivedAt,
    connectedAt: arrivedAt + 5000,
    endedAt: arrivedAt + 65_000,
    outcome: 'answered',
    agentId: `agent${i % 3}`,
    agents: [`agent${i % 3}`],
    waitMs: 5000,
    talkMs: 55_000,
    holdMs: 5000,
    wrapupMs: 0,
    attached: [
      ['crm', `case-${i}`],
      ['lang', i % 2 === 0 ? 'fr' : 'en'],
    ],
    disposition: null,
    ...over,
  };
}

export function journaledContact(id: string, over: Partial<JournaledContact> = {}): JournaledContact {
  return {
    contactId: id,
    direction: 'inbound',
    queueId: 'sales',
    customerNumber: '+33600000000',
    dialedNumber: '1000',
    arrivedAt: T0,
    connectedAt: null,
    agentId: null,
    agents: [],
    attached: [['crm', id]],
    disposition: null,
    updatedAt: T0,
    ...over,
  };
}

export function entered(i: number, queueId = 'sales'): QueueLogEvent {
  return { type: 'entered', at: T0 + i * 1000, contactId: `c-${i}`, queueId, priority: 0 };
}
