// The client side of the frame protocol (the SDK): checks what the server sent before trusting it.
// Server frames are open objects, so a newer server's extra fields pass.
import { checker } from '../parse/check-value.ts';
import { decodeJson, inputError } from '../parse/decode-json.ts';
import type { InputLimits } from '../parse/limits.ts';
import type { ProtocolResult } from '../wire/wire-error.ts';
import { type ServerFrame, ServerFrameSchema } from './server-frames.ts';

/** A full snapshot of a large contact center is big: the client allows much more than the server. */
export const DEFAULT_SERVER_FRAME_LIMITS: InputLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 64,
});

const SERVER_FRAME = checker(ServerFrameSchema);

export function parseServerFrame(
  input: string | Uint8Array,
  limits: InputLimits = DEFAULT_SERVER_FRAME_LIMITS,
): ProtocolResult<ServerFrame> {
  const decoded = decodeJson(input, limits);
  if (decoded.kind !== 'value') return { ok: false, error: decoded.error };
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: inputError('schema', 'a frame is a JSON object', { path: '' }) };
  }
  return SERVER_FRAME.check(value);
}
