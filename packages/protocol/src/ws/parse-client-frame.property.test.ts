import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { utf8Length } from '../parse/decode-json.ts';
import { INPUT_PROBLEMS } from '../parse/limits.ts';
import { COMMAND_NAMES } from './command-catalogue.ts';
import { clientFrameArb, commandFrameArb, idArb } from './frame-arbitraries.ts';
import { type ClientFrameOutcome, parseClientFrame } from './parse-client-frame.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);
const LIMITS = { maxBytes: 4096, maxDepth: 16 };

/** Every outcome is one of the three typed kinds; an error is a known code and reason, never internal. */
function assertTyped(outcome: ClientFrameOutcome): void {
  switch (outcome.kind) {
    case 'frame':
      // What the parser lets through is stable: sent again, it parses to the very same frame.
      assert.deepEqual(parseClientFrame(JSON.stringify(outcome.frame), LIMITS), outcome);
      return;
    case 'oversize':
      assert.equal(outcome.closeCode, 1009);
      assert.equal(outcome.error.code, 'payload_too_large');
      return;
    case 'error':
      assert.ok(outcome.id === null || typeof outcome.id === 'string');
      assert.equal(outcome.error.code, 'invalid_argument', outcome.error.message);
      assert.ok((INPUT_PROBLEMS as readonly unknown[]).includes(outcome.error.details.reason));
      assert.ok(outcome.error.message.length > 0);
      return;
    default:
      assert.fail(`untyped outcome ${JSON.stringify(outcome)}`);
  }
}

/** Replaces the value at one random place of a JSON tree (objects and arrays) by `replacement`. */
function replaceSomewhere(value: unknown, pick: number, replacement: unknown): unknown {
  const spots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const collect = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? [...node.entries()]
      : Object.entries(node);
    for (const [key, child] of entries) {
      spots.push({ parent: node as Record<string, unknown>, key });
      collect(child);
    }
  };
  const copy = structuredClone(value);
  collect(copy);
  if (spots.length === 0) return replacement;
  const spot = spots[pick % spots.length]!;
  (spot.parent as Record<string | number, unknown>)[spot.key] = replacement;
  return copy;
}

describe('parseClientFrame properties', () => {
  test('every valid frame round-trips: sent as text or as bytes, it parses to itself', () => {
    fc.assert(
      fc.property(clientFrameArb, (frame) => {
        const text = JSON.stringify(frame);
        // Through JSON, as a client sends it (fast-check builds null-prototype objects).
        const expected = JSON.parse(text);
        assert.deepEqual(parseClientFrame(text), { kind: 'frame', frame: expected });
        assert.deepEqual(parseClientFrame(new TextEncoder().encode(text)), {
          kind: 'frame',
          frame: expected,
        });
      }),
      { numRuns },
    );
  });

  test('any text, any JSON and any bytes give a typed outcome, never a throw, and the same one twice', () => {
    const anyInput = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.json({ maxDepth: 6 }),
      fc.jsonValue({ maxDepth: 20 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.uint8Array({ maxLength: 300 }),
      clientFrameArb.map((f) => JSON.stringify(f).slice(0, -1)),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const copy = typeof input === 'string' ? input : input.slice();
        const first = parseClientFrame(input, LIMITS);
        assertTyped(first);
        assert.deepEqual(parseClientFrame(input, LIMITS), first, 'parsing is pure');
        assert.deepEqual(input, copy, 'the input is not touched');
      }),
      { numRuns },
    );
  });

  test('a valid frame with any one value swapped for a value of another type is typed, keeping the id', () => {
    fc.assert(
      fc.property(clientFrameArb, fc.nat(), fc.jsonValue({ maxDepth: 3 }), (frame, pick, replacement) => {
        const broken = replaceSomewhere(frame, pick, replacement) as Record<string, unknown>;
        const outcome = parseClientFrame(JSON.stringify(broken), LIMITS);
        assertTyped(outcome);
        const idIntact = typeof broken === 'object' && broken !== null && broken.id === frame.id;
        if (outcome.kind === 'error' && idIntact && 'id' in frame) assert.equal(outcome.id, frame.id);
      }),
      { numRuns },
    );
  });

  test('a command name outside the catalogue is unknown_command, answered to the frame id', () => {
    const unknownName = fc
      .string({ maxLength: 30 })
      .filter((n) => !(COMMAND_NAMES as readonly string[]).includes(n));
    fc.assert(
      fc.property(
        idArb,
        unknownName,
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
        (id, command, args) => {
          const outcome = parseClientFrame(JSON.stringify({ type: 'command', id, command, args }), LIMITS);
          assert.equal(outcome.kind, 'error');
          assert.equal(outcome.kind === 'error' && outcome.id, id);
          const reason = outcome.kind === 'error' && outcome.error.details.reason;
          // A big or odd args object can fail earlier checks (forbidden key, depth); the name is refused either way.
          assert.ok(reason === 'unknown_command' || reason === 'forbidden_key', String(reason));
        },
      ),
      { numRuns },
    );
  });

  test('a frame is oversize exactly when its UTF-8 size exceeds the limit', () => {
    fc.assert(
      fc.property(commandFrameArb, fc.string({ unit: 'grapheme', maxLength: 3000 }), (frame, padding) => {
        const text = JSON.stringify({ ...frame, args: { ...frame.args, padding } });
        const outcome = parseClientFrame(text, { maxBytes: 2048, maxDepth: 16 });
        const over = utf8Length(text) > 2048;
        assert.equal(outcome.kind === 'oversize', over);
        // Under the limit the padding is an unknown argument: a schema error, not a crash.
        if (!over) assert.equal(outcome.kind === 'error' && outcome.error.details.path, '/args/padding');
      }),
      { numRuns },
    );
  });

  test('bytes that are not UTF-8 are bad_utf8 whatever they hold', () => {
    const isUtf8 = (bytes: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const outcome = parseClientFrame(bytes, LIMITS);
        assertTyped(outcome);
        if (!isUtf8(bytes))
          assert.equal(outcome.kind === 'error' && outcome.error.details.reason, 'bad_utf8');
      }),
      { numRuns },
    );
  });
});
