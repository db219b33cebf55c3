// Validation of contact records on the way in and on the way back out. Both directions return a
// fresh object with only the known fields, so nothing the engine did not mean to store is stored,
// and a tampered row never reaches a report.
import {
  type AttachedData,
  CONTACT_DIRECTIONS,
  CONTACT_OUTCOMES,
  type Disposition,
  ok,
  type Result,
} from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import {
  invalid,
  isDuration,
  isId,
  isMillis,
  isRecordObject,
  isText,
  MAX_ID,
  oneOf,
} from './field-checks.ts';

const MAX_KEY = 128;
const MAX_VALUE = 8192;
const MAX_NUMBER = 256;

export function checkAttached(value: unknown): Result<AttachedData> {
  if (!Array.isArray(value)) return invalid('attached', 'must be a list of [key, value] pairs');
  const keys = new Set<string>();
  const pairs: (readonly [string, string])[] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return invalid('attached', 'entries must be [key, value]');
    const [key, text] = pair as unknown[];
    if (!isId(key) || key.length > MAX_KEY)
      return invalid('attached', 'keys must be 1-128 printable characters', key);
    if (!isText(text, MAX_VALUE))
      return invalid(`attached.${key}`, 'must be a string of at most 8192 characters');
    if (keys.has(key)) return invalid('attached', 'lists a key twice', key);
    keys.add(key);
    pairs.push([key, text]);
  }
  return ok(pairs);
}

export function checkDisposition(value: unknown): Result<Disposition | null> {
  if (value === null) return ok(null);
  if (!isRecordObject(value)) return invalid('disposition', 'must be null or an object');
  const out: Record<string, unknown> = {};
  for (const field of ['level1', 'level2', 'level3', 'code', 'note'] as const) {
    const v = value[field];
    if (v !== null && !isText(v)) return invalid(`disposition.${field}`, 'must be null or a string');
    out[field] = v;
  }
  if (value.setBy !== null && !isId(value.setBy))
    return invalid('disposition.setBy', 'must be null or an id');
  if (!isMillis(value.setAt)) return invalid('disposition.setAt', 'must be a time in ms');
  if (out.level1 === null && out.code === null) return invalid('disposition', 'needs level1 or code');
  return ok({ ...out, setBy: value.setBy, setAt: value.setAt } as Disposition);
}

/** The contact fields that a record and a journal entry share. */
export function checkContactBasics(input: Record<string, unknown>): Result<void> {
  if (!isId(input.contactId))
    return invalid('contactId', `must be 1-${MAX_ID} printable characters`, input.contactId);
  if (!oneOf(CONTACT_DIRECTIONS, input.direction)) return invalid('direction', 'must be inbound or outbound');
  if (input.queueId !== null && !isId(input.queueId)) return invalid('queueId', 'must be null or an id');
  for (const field of ['customerNumber', 'dialedNumber'] as const) {
    if (!isText(input[field], MAX_NUMBER))
      return invalid(field, 'must be a string of at most 256 characters');
  }
  if (!isMillis(input.arrivedAt)) return invalid('arrivedAt', 'must be a time in ms');
  if (input.connectedAt !== null && !(isMillis(input.connectedAt) && input.connectedAt >= input.arrivedAt)) {
    return invalid('connectedAt', 'must be null or a time in ms, not before arrivedAt');
  }
  if (input.agentId !== null && !isId(input.agentId)) return invalid('agentId', 'must be null or an id');
  if (!Array.isArray(input.agents) || !input.agents.every(isId))
    return invalid('agents', 'must be a list of ids');
  return ok(undefined);
}

export function validateContactRecord(input: unknown): Result<ContactRecord> {
  if (!isRecordObject(input)) return invalid('record', 'must be an object');
  const basics = checkContactBasics(input);
  if (!basics.ok) return basics;
  const arrivedAt = input.arrivedAt as number;
  const connectedAt = input.connectedAt as number | null;
  if (!isMillis(input.endedAt) || input.endedAt < Math.max(arrivedAt, connectedAt ?? 0)) {
    return invalid('endedAt', 'must be a time in ms, not before arrival or connection');
  }
  if (!oneOf(CONTACT_OUTCOMES, input.outcome))
    return invalid('outcome', 'is not a contact outcome', input.outcome);
  const agents = input.agents as string[];
  if (input.agentId !== (agents.at(-1) ?? null)) return invalid('agentId', 'must be the last of agents');
  for (const field of ['waitMs', 'talkMs', 'holdMs', 'wrapupMs'] as const) {
    if (!isDuration(input[field])) return invalid(field, 'must be a finite duration >= 0');
  }
  const attached = checkAttached(input.attached);
  if (!attached.ok) return attached;
  const disposition = checkDisposition(input.disposition);
  if (!disposition.ok) return disposition;
  return ok({
    contactId: input.contactId as string,
    direction: input.direction as ContactRecord['direction'],
    queueId: input.queueId as string | null,
    customerNumber: input.customerNumber as string,
    dialedNumber: input.dialedNumber as string,
    arrivedAt,
    connectedAt,
    endedAt: input.endedAt,
    outcome: input.outcome,
    agentId: input.agentId as string | null,
    agents: [...agents],
    waitMs: input.waitMs as number,
    talkMs: input.talkMs as number,
    holdMs: input.holdMs as number,
    wrapupMs: input.wrapupMs as number,
    attached: attached.value,
    disposition: disposition.value,
  });
}
