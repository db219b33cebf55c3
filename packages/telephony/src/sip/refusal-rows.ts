// The rows an answer to a refused request needs (Via, From, To, Call-ID, CSeq), read straight
// from the bytes when the parser refused the message before splitting its headers - too big,
// too many rows, a line too long (513). Only the first `scanBytes` are looked at, so a huge
// message costs no more than a small one; an answer built from what is found is still checked
// by parsing it before it is sent.
import { Buffer } from 'node:buffer';
import { headerKey } from './header-names.ts';
import type { SipHeader } from './message.ts';

const WANTED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

export function rowsForAnswer(bytes: Uint8Array, scanBytes = 16_384): SipHeader[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, scanBytes)).toString(
    'utf8',
  );
  const headEnd = text.indexOf('\r\n\r\n');
  const lines = (headEnd < 0 ? text : text.slice(0, headEnd)).split('\r\n').slice(1);
  // Without the end of the head in view, the last line may be cut: leave it out.
  if (headEnd < 0) lines.pop();
  const rows: SipHeader[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (WANTED.has(headerKey(name))) rows.push({ name, value: line.slice(colon + 1).trim() });
  }
  return rows;
}
