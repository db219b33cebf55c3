// The SIP registrations table (migration 5): the registrar's bindings, so that a restarted server
// knows every phone registered before it stopped (Asterisk keeps them in its astdb for the same
// reason: a desk phone may not register again for an hour). One row per binding, keyed by the
// extension and the binding's place in the extension's list (oldest first, as the registrar keeps
// them); the body is the whole binding as JSON - its Contact as the name-addr text the registrar
// answers with, parsed again when read back - validated on the way in and when read back.
// Every change of an extension rewrites that extension's rows: the registrar matches contacts by
// URI equivalence (RFC 3261 §19.1.4), not by text, so "the row of this contact" has no stable text
// key, while "the bindings of this extension now" always does.
import { ok, type Result } from '@switchboard/core';
import {
  formatNameAddr,
  paramValue,
  parseNameAddr,
  SIP_TRANSPORTS,
  type SipBinding,
} from '@switchboard/telephony/sip';
import type { Row, Step } from './database.ts';
import { invalid, isId, isMillis, isRecordObject, isText } from './field-checks.ts';

/** A stored row that failed validation: never handed to the registrar, reported so it can be removed. */
export interface CorruptRegistration {
  readonly extension: string;
  readonly position: number;
  readonly reason: string;
}

/** A valid stored binding with its row's key. */
export interface StoredRegistration {
  readonly position: number;
  readonly binding: SipBinding;
}

export interface StoredRegistrations {
  readonly bindings: readonly StoredRegistration[];
  readonly corrupt: readonly CorruptRegistration[];
}

/** A binding that could not be written (it stays in memory; its phone stays registered until restart). */
export interface RefusedBinding {
  readonly extension: string;
  readonly contact: string;
  readonly reason: string;
}

const MAX_CSEQ = 2 ** 32 - 1;
// Call-IDs and Contacts are the phones' choice: long ones exist, but a row is not a dump.
const MAX_SIP_TEXT = 2048;
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

function isSipText(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= MAX_SIP_TEXT && !CONTROL.test(value)
  );
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535;
}

/** The JSON body of a binding: everything the registrar and the B2BUA use of it. */
export function registrationBody(binding: SipBinding): Record<string, unknown> {
  return {
    extension: binding.extension,
    contact: formatNameAddr(binding.contact),
    callId: binding.callId,
    cseq: binding.cseq,
    expiresAt: binding.expiresAt,
    registeredAt: binding.registeredAt,
    source: {
      transport: binding.source.transport,
      address: binding.source.address,
      port: binding.source.port,
      ...(binding.source.connectionId === undefined ? {} : { connectionId: binding.source.connectionId }),
    },
    ...(binding.userAgent === undefined ? {} : { userAgent: binding.userAgent }),
  };
}

/** Checks every field of a body and builds the binding; the refusal names the first bad field. */
export function validateRegistrationBody(value: unknown): Result<SipBinding> {
  if (!isRecordObject(value)) return invalid('registration', 'must be an object');
  const r = value;
  if (!isId(r.extension)) return invalid('extension', 'must be a non-empty extension');
  if (!isSipText(r.contact)) return invalid('contact', 'must be a Contact name-addr');
  const addr = parseNameAddr(r.contact);
  if (!addr.ok) return invalid('contact', `is not a Contact name-addr (${addr.reason})`);
  // The registrar keeps the Contact without its expires parameter: expiresAt says it.
  if (paramValue(addr.value.params, 'expires') !== undefined)
    return invalid('contact', 'must not carry an expires parameter');
  const q = paramValue(addr.value.params, 'q');
  if (q !== undefined && !QVALUE.test(q)) return invalid('contact', 'has a malformed q value');
  if (!isSipText(r.callId)) return invalid('callId', 'must be a non-empty text without control characters');
  if (typeof r.cseq !== 'number' || !Number.isInteger(r.cseq) || r.cseq < 0 || r.cseq > MAX_CSEQ)
    return invalid('cseq', 'must be a CSeq number (0 to 2^32-1)');
  if (!isMillis(r.expiresAt)) return invalid('expiresAt', 'must be a time');
  if (!isMillis(r.registeredAt) || r.registeredAt > r.expiresAt)
    return invalid('registeredAt', 'must be a time not after expiresAt');
  const source = r.source;
  if (!isRecordObject(source)) return invalid('source', 'must be an object');
  if (!(SIP_TRANSPORTS as readonly unknown[]).includes(source.transport))
    return invalid('source.transport', `must be one of ${SIP_TRANSPORTS.join(', ')}`);
  if (!isSipText(source.address)) return invalid('source.address', 'must be an address');
  if (!isPort(source.port)) return invalid('source.port', 'must be a port');
  if (source.connectionId !== undefined && !isSipText(source.connectionId))
    return invalid('source.connectionId', 'must be a text or absent');
  if (r.userAgent !== undefined && !isText(r.userAgent, MAX_SIP_TEXT))
    return invalid('userAgent', 'must be a text or absent');
  return ok({
    extension: r.extension,
    contact: { ...addr.value, expires: undefined, q: q === undefined ? undefined : Number(q) },
    callId: r.callId,
    cseq: r.cseq,
    expiresAt: r.expiresAt,
    registeredAt: r.registeredAt,
    source: {
      transport: source.transport as SipBinding['source']['transport'],
      address: source.address,
      port: source.port,
      connectionId: source.connectionId as string | undefined,
    },
    userAgent: r.userAgent as string | undefined,
  });
}

/**
 * Replaces the stored bindings of an extension with `bindings` (its list now, oldest first; empty
 * when it has none left). A binding that fails validation is left out and reported, the others are
 * written: one bad Contact must not cost the phone's other bindings their durability.
 */
export function replaceRegistrationsWrite(
  extension: string,
  bindings: readonly SipBinding[],
): { readonly steps: Step[]; readonly refused: RefusedBinding[] } {
  const steps: Step[] = [{ sql: 'DELETE FROM sip_registrations WHERE extension = ?', params: [extension] }];
  const refused: RefusedBinding[] = [];
  let position = 0;
  for (const binding of bindings) {
    const body = registrationBody(binding);
    const checked = validateRegistrationBody(body);
    if (!checked.ok || binding.extension !== extension) {
      refused.push({
        extension,
        contact: String(body.contact),
        reason: checked.ok ? 'binding of another extension' : checked.error.message,
      });
      continue;
    }
    steps.push({
      sql: `INSERT INTO sip_registrations (extension, position, contact, transport, expires_at, body)
        VALUES (?, ?, ?, ?, ?, ?)`,
      params: [
        extension,
        position++,
        String(body.contact),
        binding.source.transport,
        binding.expiresAt,
        JSON.stringify(body),
      ],
    });
  }
  return { steps, refused };
}

/** Removing a row that is not stored is not an error: the end state is the same. */
export function removeRegistrationWrite(extension: string, position: number): Step[] {
  return [
    {
      sql: 'DELETE FROM sip_registrations WHERE extension = ? AND position = ?',
      params: [extension, position],
    },
  ];
}

export const LIST_REGISTRATIONS_SQL =
  'SELECT extension, position, body FROM sip_registrations ORDER BY extension, position';

/** Splits stored rows into valid bindings and corrupt rows (bad JSON, bad field, extension mismatch). */
export function registrationsOf(rows: readonly Row[]): StoredRegistrations {
  const bindings: StoredRegistration[] = [];
  const corrupt: CorruptRegistration[] = [];
  for (const row of rows) {
    const extension = String(row.extension);
    const position = Number(row.position);
    let body: unknown;
    try {
      body = JSON.parse(String(row.body));
    } catch {
      corrupt.push({ extension, position, reason: 'body is not JSON' });
      continue;
    }
    const binding = validateRegistrationBody(body);
    if (!binding.ok) corrupt.push({ extension, position, reason: binding.error.message });
    else if (binding.value.extension !== extension)
      corrupt.push({ extension, position, reason: 'body extension differs from the row extension' });
    else bindings.push({ position, binding: binding.value });
  }
  return { bindings, corrupt };
}
