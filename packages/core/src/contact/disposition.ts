// Setting the disposition (wrap-up classification) of a contact, while connected or in wrap-up.
import type { AgentId, Millis } from '../ids.ts';
import { ok, type Result } from '../result.ts';
import type { Contact, Disposition } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { invalid } from './contact-input.ts';
import { checkOperation } from './phase-table.ts';

const MAX_LEVEL = 128;
const MAX_NOTE = 4000;

/** uContact DispositionCall l1/l2/l3 + comment; CTToolbar saveScript outcomeResult as `code`. */
export interface DispositionInput {
  readonly level1?: string | null;
  readonly level2?: string | null;
  readonly level3?: string | null;
  readonly code?: string | null;
  readonly note?: string | null;
}

/** Sets (replaces) the disposition; `by` defaults to the handling agent. */
export function setDisposition(
  contact: Contact,
  input: { disposition: DispositionInput; at: Millis; by?: AgentId | null },
): Result<ContactChange> {
  const guard = checkOperation(contact, 'setDisposition', input.at);
  if (!guard.ok) return guard;
  const checked = checkDisposition(input.disposition ?? {});
  if (!checked.ok) return checked;
  const disposition: Disposition = { ...checked.value, setBy: input.by ?? contact.agentId, setAt: input.at };
  return commit(contact, { ...contact, disposition }, input.at);
}

type DispositionFields = Omit<Disposition, 'setBy' | 'setAt'>;

function checkDisposition(input: DispositionInput): Result<DispositionFields> {
  const fields: Record<string, string | null> = {};
  for (const name of ['level1', 'level2', 'level3', 'code'] as const) {
    const raw = input[name] ?? null;
    if (raw !== null && (typeof raw !== 'string' || raw.trim() === '' || raw.length > MAX_LEVEL)) {
      return invalid(`disposition.${name}`, `must be null or 1-${MAX_LEVEL} characters, not blank`, raw);
    }
    fields[name] = raw;
  }
  const note = input.note ?? null;
  if (note !== null && (typeof note !== 'string' || note.length > MAX_NOTE)) {
    return invalid('disposition.note', `must be null or at most ${MAX_NOTE} characters`, note);
  }
  const { level1 = null, level2 = null, level3 = null, code = null } = fields;
  if (level1 === null && code === null) {
    return invalid('disposition', 'needs level1 or code', input);
  }
  if ((level2 !== null && level1 === null) || (level3 !== null && level2 === null)) {
    return invalid('disposition', 'a level needs the level above it', input);
  }
  return ok({ level1, level2, level3, code, note });
}
