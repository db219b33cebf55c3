// The edge of every input: size, UTF-8, JSON syntax, nesting depth. Returns a typed outcome for each
// way an input can be bad and never throws, so a frame or body can never crash the server.
import { type WireError, wireError } from '../wire/wire-error.ts';
import type { InputLimits, InputProblem } from './limits.ts';

export type DecodeOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'oversize'; readonly bytes: number; readonly error: WireError }
  /** `parsed`: the JSON value when it parsed but failed a later check (so a frame id can still be read). */
  | { readonly kind: 'error'; readonly error: WireError; readonly parsed?: unknown };

export function inputError(problem: InputProblem, message: string, details: Record<string, unknown> = {}) {
  return wireError('invalid_argument', message, { reason: problem, ...details });
}

export function decodeJson(input: string | Uint8Array, limits: InputLimits): DecodeOutcome {
  const bytes = typeof input === 'string' ? utf8Length(input, limits.maxBytes) : input.byteLength;
  if (bytes > limits.maxBytes) {
    return {
      kind: 'oversize',
      bytes,
      error: wireError('payload_too_large', `input exceeds ${limits.maxBytes} bytes`, {
        reason: 'oversize',
        limit: limits.maxBytes,
      }),
    };
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === null) return { kind: 'error', error: inputError('bad_utf8', 'input is not valid UTF-8') };
  // A JS string can hold a lone surrogate that no UTF-8 text can: refuse it like bad bytes.
  if (!text.isWellFormed()) {
    return { kind: 'error', error: inputError('bad_utf8', 'input holds a lone UTF-16 surrogate') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unparseable';
    return { kind: 'error', error: inputError('bad_json', `input is not JSON: ${reason.slice(0, 200)}`) };
  }
  const problem = shapeProblem(value, limits.maxDepth);
  return problem === null ? { kind: 'value', value } : { kind: 'error', error: problem, parsed: value };
}

// A fatal decoder per call: TextDecoder is cheap, and a shared one would be module-level state.
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 length of a string, counted up to just past `stopAfter` (enough to know it is too long). */
export function utf8Length(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  // Every UTF-16 unit is at least one byte: a string this long is over the limit without counting.
  if (text.length > stopAfter) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3; // a BMP character, or a lone surrogate (which would go out as U+FFFD)
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Pending | null;
  readonly key: string;
}

/**
 * One pass over the parsed value (iterative: a deep input cannot overflow the stack): nesting
 * depth, keys and strings well-formed (JSON escapes can produce lone surrogates), no `__proto__`.
 */
function shapeProblem(root: unknown, maxDepth: number): WireError | null {
  const stack: Pending[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value, depth } = node;
    if (typeof value === 'string') {
      if (!value.isWellFormed())
        return inputError('bad_utf8', 'a string holds a lone UTF-16 surrogate', { path: pathOf(node) });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      return inputError('too_deep', `input nests deeper than ${maxDepth} levels`, { path: pathOf(node) });
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth: depth + 1, parent: node, key: String(i) });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Pending = {
        value: (value as Record<string, unknown>)[key],
        depth: depth + 1,
        parent: node,
        key,
      };
      if (key === '__proto__')
        return inputError('forbidden_key', 'the key __proto__ is not accepted', { path: pathOf(child) });
      if (!key.isWellFormed())
        return inputError('bad_utf8', 'a key holds a lone UTF-16 surrogate', { path: pathOf(node) });
      stack.push(child);
    }
  }
  return null;
}

/** The JSON Pointer (RFC 6901) of a node. */
function pathOf(node: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | null = node; at !== null && at.parent !== null; at = at.parent) keys.push(at.key);
  return keys
    .reverse()
    .map(escapePointer)
    .map((key) => `/${key}`)
    .join('');
}

export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
