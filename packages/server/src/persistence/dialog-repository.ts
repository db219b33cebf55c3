// The SIP dialogs table (migration 4): every confirmed leg of every call the B2BUA runs, so that a
// server restarted after a crash can end with a BYE the calls nobody runs any more. One row per leg,
// keyed by the dialog key (Call-ID + our tag); the body is the whole DialogRecord as JSON, validated
// on the way in and when read back. The writes are scripts like every other write here, so the same
// steps serve the asynchronous port (PostgreSQL) and SQLite's synchronous one.
import { fail, ok, type Result } from '@switchboard/core';
import { type DialogRecord, LEG_ROLES, SIP_TRANSPORTS } from '@switchboard/telephony/sip';
import type { Database, Row, Step } from './database.ts';
import { invalid, isId, isRecordObject, isText, oneOf } from './field-checks.ts';

/** A stored row that failed validation: never handed to the B2BUA, reported so it can be removed. */
export interface CorruptDialog {
  readonly key: string;
  readonly reason: string;
}

export interface StoredDialogs {
  readonly records: readonly DialogRecord[];
  readonly corrupt: readonly CorruptDialog[];
}

const MAX_CSEQ = 2 ** 32 - 1;
// Call-IDs and tags are the peers' choice: long ones exist. The dialog key is the B2BUA's own
// (Call-ID and tag joined by a line feed), so it is only checked to be a bounded non-empty text.
const MAX_SIP_TOKEN = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

function isSipToken(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= MAX_SIP_TOKEN && !CONTROL.test(value)
  );
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535;
}

/** Checks every field of a record; the refusal names the first bad one. */
export function validateDialogRecord(value: unknown): Result<DialogRecord> {
  if (!isRecordObject(value)) return invalid('dialog', 'must be an object');
  const r = value;
  if (typeof r.key !== 'string' || r.key.length === 0 || r.key.length > 2 * MAX_SIP_TOKEN + 1)
    return invalid('key', 'must be a non-empty dialog key');
  if (!isId(r.contactId)) return invalid('contactId', 'must be a contact id');
  for (const field of ['callId', 'localTag'] as const)
    if (!isSipToken(r[field])) return invalid(field, 'must be a non-empty text without control characters');
  if (!oneOf(LEG_ROLES, r.role)) return invalid('role', `must be one of ${LEG_ROLES.join(', ')}`, r.role);
  if (r.remoteTag !== undefined && !isSipToken(r.remoteTag))
    return invalid('remoteTag', 'must be a tag or absent');
  for (const field of ['localAddress', 'remoteAddress', 'remoteTarget'] as const)
    if (!isText(r[field]) || (r[field] as string).length === 0)
      return invalid(field, 'must be a SIP address');
  if (!Array.isArray(r.routeSet) || !r.routeSet.every((route) => isText(route)))
    return invalid('routeSet', 'must be a list of Route values');
  if (
    typeof r.localCseq !== 'number' ||
    !Number.isInteger(r.localCseq) ||
    r.localCseq < 0 ||
    r.localCseq > MAX_CSEQ
  )
    return invalid('localCseq', 'must be a CSeq number (0 to 2^32-1)');
  const flow = r.flow;
  if (!isRecordObject(flow)) return invalid('flow', 'must be an object');
  if (!oneOf(SIP_TRANSPORTS, flow.transport))
    return invalid('flow.transport', `must be one of ${SIP_TRANSPORTS.join(', ')}`);
  if (!isText(flow.address) || flow.address.length === 0)
    return invalid('flow.address', 'must be an address');
  if (!isPort(flow.port)) return invalid('flow.port', 'must be a port');
  if (flow.connectionId !== undefined && !isText(flow.connectionId))
    return invalid('flow.connectionId', 'must be a text or absent');
  return ok({
    key: r.key as string,
    contactId: r.contactId as string,
    role: r.role,
    callId: r.callId as string,
    localTag: r.localTag as string,
    remoteTag: r.remoteTag as string | undefined,
    localAddress: r.localAddress as string,
    remoteAddress: r.remoteAddress as string,
    remoteTarget: r.remoteTarget as string,
    routeSet: r.routeSet as string[],
    localCseq: r.localCseq,
    flow: {
      transport: flow.transport,
      address: flow.address,
      port: flow.port,
      ...(flow.connectionId === undefined ? {} : { connectionId: flow.connectionId as string }),
    },
  });
}

/** Adds or replaces the record with its key (a leg is saved again each time its CSeq moves). */
export function saveDialogWrite(input: DialogRecord): Result<Step[]> {
  const checked = validateDialogRecord(input);
  if (!checked.ok) return checked;
  const r = checked.value;
  return ok([
    {
      sql: `INSERT INTO sip_dialogs (dialog_key, contact_id, role, body) VALUES (?, ?, ?, ?)
        ON CONFLICT (dialog_key) DO UPDATE SET contact_id = excluded.contact_id, role = excluded.role, body = excluded.body`,
      params: [r.key, r.contactId, r.role, JSON.stringify(r)],
    },
  ]);
}

/** Removing a key that is not stored is not an error: the end state is the same. */
export function removeDialogWrite(key: string): Step[] {
  return [{ sql: 'DELETE FROM sip_dialogs WHERE dialog_key = ?', params: [key] }];
}

export const LIST_DIALOGS_SQL = 'SELECT dialog_key, body FROM sip_dialogs ORDER BY dialog_key';

/** Splits stored rows into valid records and corrupt rows (bad JSON, bad field, key mismatch). */
export function dialogsOf(rows: readonly Row[]): StoredDialogs {
  const records: DialogRecord[] = [];
  const corrupt: CorruptDialog[] = [];
  for (const row of rows) {
    const key = String(row.dialog_key);
    let body: unknown;
    try {
      body = JSON.parse(String(row.body));
    } catch {
      corrupt.push({ key, reason: 'body is not JSON' });
      continue;
    }
    const record = validateDialogRecord(body);
    if (!record.ok) corrupt.push({ key, reason: record.error.message });
    else if (record.value.key !== key) corrupt.push({ key, reason: 'body key differs from the row key' });
    else records.push(record.value);
  }
  return { records, corrupt };
}

export class DialogRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async list(): Promise<StoredDialogs> {
    return dialogsOf(await this.#db.query(LIST_DIALOGS_SQL));
  }

  async save(record: DialogRecord): Promise<Result<void>> {
    const steps = saveDialogWrite(record);
    if (!steps.ok) return steps;
    return this.#run(steps.value);
  }

  async remove(key: string): Promise<Result<void>> {
    if (key.length === 0)
      return fail('invalid_argument', 'key must be a non-empty dialog key', { field: 'key' });
    return this.#run(removeDialogWrite(key));
  }

  async #run(steps: readonly Step[]): Promise<Result<void>> {
    const done = await this.#db.run(steps);
    return done.ok ? ok(undefined) : done;
  }
}
