// Attached data (xuc USR_ variables, CTToolbar CallData, uContact `data`): ordered key/value
// pairs that travel with the contact through queues and transfers until it is done.
import type { Millis } from '../ids.ts';
import type { Result } from '../result.ts';
import type { AttachedData, Contact } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { checkAttachedKey, checkAttachedPairs, invalid } from './contact-input.ts';
import { checkOperation } from './phase-table.ts';

/** Sets pairs: an existing key keeps its position with the new value, a new key appends. */
export function setAttachedData(
  contact: Contact,
  input: { entries: AttachedData; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'setAttachedData', input.at);
  if (!guard.ok) return guard;
  const entries = checkAttachedPairs(input.entries);
  if (!entries.ok) return entries;
  if (entries.value.length === 0)
    return invalid('entries', 'must hold at least one [key, value] pair', input.entries);
  const updates = new Map(entries.value);
  const kept = contact.attached.map(([key, value]): readonly [string, string] => {
    const next = updates.get(key);
    updates.delete(key);
    return next === undefined || next === value ? [key, value] : [key, next];
  });
  // Setting the values already there changes nothing: commit then returns the contact as it was.
  return commit(contact, { ...contact, attached: [...kept, ...updates] }, input.at);
}

/** Removes keys. A key that is not there is ignored: removal is idempotent. */
export function removeAttachedData(
  contact: Contact,
  input: { keys: readonly string[]; at: Millis },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'removeAttachedData', input.at);
  if (!guard.ok) return guard;
  if (!Array.isArray(input.keys) || input.keys.length === 0) {
    return invalid('keys', 'must be a non-empty list of keys', input.keys);
  }
  for (const key of input.keys) {
    const check = checkAttachedKey(key);
    if (!check.ok) return check;
  }
  const gone = new Set(input.keys);
  return commit(
    contact,
    { ...contact, attached: contact.attached.filter(([key]) => !gone.has(key)) },
    input.at,
  );
}
