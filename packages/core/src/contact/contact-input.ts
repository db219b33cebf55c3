// Checks of the values operations receive. Core is called with typed values, but those values
// come from the wire and from dialects, so each check names the field and what was wrong.
import { fail, ok, type Result } from '../result.ts';
import type { AttachedData, Target } from './contact.ts';

const MAX_ID = 128;
const MAX_KEY = 128;
const MAX_VALUE = 8192;
const MAX_DTMF = 64; // Sobot allows 24; ours is looser so every dialect fits inside it
export const MAX_PRIORITY = 2 ** 31 - 1;
// Control characters would corrupt logs, SIP headers and the dialects' wire formats.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to detect them
const CONTROL = /[\u0000-\u001f\u007f]/;
// A number we dial ourselves (outbound customer, external transfer target).
const DIALABLE = /^\+?[0-9*#]{1,32}$/;
const EXTENSION = /^[A-Za-z0-9_.*#+-]{1,64}$/;
const DTMF = /^[0-9*#A-D]+$/;

export function invalid<T = never>(field: string, problem: string, value: unknown): Result<T> {
  return fail('invalid_argument', `${field} ${problem}`, { field, value });
}

export function checkId(field: string, value: unknown): Result<string> {
  if (typeof value !== 'string' || value.length === 0)
    return invalid(field, 'must be a non-empty string', value);
  if (value.length > MAX_ID || CONTROL.test(value)) {
    return invalid(field, `must be at most ${MAX_ID} printable characters`, value);
  }
  return ok(value);
}

/** A number as the trunk delivered it: may be empty (withheld) or non-numeric ("anonymous"). */
export function checkPresentedNumber(field: string, value: unknown): Result<string> {
  if (typeof value !== 'string' || value.length > MAX_ID || CONTROL.test(value)) {
    return invalid(field, `must be a string of at most ${MAX_ID} printable characters`, value);
  }
  return ok(value);
}

export function checkDialable(field: string, value: unknown): Result<string> {
  if (typeof value !== 'string' || !DIALABLE.test(value)) {
    return invalid(field, 'must be a dialable number (optional +, then 1-32 of 0-9 * #)', value);
  }
  return ok(value);
}

export function checkPriority(value: unknown): Result<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_PRIORITY) {
    return invalid('priority', `must be an integer from 0 to ${MAX_PRIORITY}`, value);
  }
  return ok(value);
}

export function checkTime(field: string, value: unknown): Result<number> {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return invalid(field, 'must be a finite time', value);
  return ok(value);
}

export function checkDtmf(value: unknown): Result<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_DTMF || !DTMF.test(value)) {
    return invalid('digits', `must be 1-${MAX_DTMF} of 0-9 * # A-D`, value);
  }
  return ok(value);
}

export function checkTarget(value: Target): Result<Target> {
  switch (value?.kind) {
    case 'agent': {
      const id = checkId('target.agentId', value.agentId);
      return id.ok ? ok(value) : id;
    }
    case 'queue': {
      const id = checkId('target.queueId', value.queueId);
      return id.ok ? ok(value) : id;
    }
    case 'extension':
      if (typeof value.extension !== 'string' || !EXTENSION.test(value.extension)) {
        return invalid('target.extension', 'must be 1-64 of A-Z a-z 0-9 _ . * # + -', value.extension);
      }
      return ok(value);
    case 'external': {
      const number = checkDialable('target.number', value.number);
      return number.ok ? ok(value) : number;
    }
    default:
      return invalid('target.kind', "must be 'agent', 'queue', 'extension' or 'external'", value);
  }
}

/**
 * Checks key/value pairs and folds duplicates the way a sequence of single sets would: the value
 * of the last occurrence, at the position of the first.
 */
export function checkAttachedPairs(pairs: unknown): Result<AttachedData> {
  if (!Array.isArray(pairs)) return invalid('attached', 'must be a list of [key, value] pairs', pairs);
  const merged = new Map<string, string>();
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2)
      return invalid('attached', 'entries must be [key, value]', pair);
    const [key, value] = pair as [unknown, unknown];
    const keyCheck = checkAttachedKey(key);
    if (!keyCheck.ok) return keyCheck;
    if (typeof value !== 'string' || value.length > MAX_VALUE) {
      return invalid(
        `attached[${String(key)}]`,
        `value must be a string of at most ${MAX_VALUE} characters`,
        value,
      );
    }
    merged.set(keyCheck.value, value);
  }
  return ok([...merged]);
}

export function checkAttachedKey(key: unknown): Result<string> {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY || CONTROL.test(key)) {
    return invalid('attached key', `must be 1-${MAX_KEY} printable characters`, key);
  }
  return ok(key);
}
