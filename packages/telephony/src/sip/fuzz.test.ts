// Fuzzing the edge: >= 100,000 mutated messages (bit flips, truncations, inserted CR/LF/NUL,
// quotes, commas and huge numbers, duplicated header lines, random bytes; the RFC 4475 messages
// as seeds) go through the parser and the stream framer. Nothing may throw; every refusal is a
// typed SIP failure; every accepted message serializes and parses back the same.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { test } from 'node:test';
import { type Result, SwitchboardError } from '@switchboard/core';
import fc from 'fast-check';
import { parseSipMessage } from './parse-message.ts';
import { encodeSipMessage, serializeSipMessage } from './serialize.ts';
import { type SipStreamEvent, SipStreamFramer } from './stream-framer.ts';
import { loadTorture, tortureNames } from './torture-element.ts';

const SEEDS = tortureNames().map((name) => Buffer.from(loadTorture(name)));

const TOKENS = [
  '\r',
  '\n',
  '\r\n',
  '\r\n ',
  '\r\n\r\n',
  '\0',
  '"',
  '\\',
  ',',
  ';',
  ':',
  '<',
  '>',
  '%',
  '%0',
  '=',
  '@',
  '?',
  '&',
  '[',
  ']',
  ' ',
  '\t',
  '*',
  'SIP/2.0',
  '-1',
  '99999999999999999999999',
  '4294967296',
  'sip:',
  'Content-Length: 999999\r\n',
  'l: 0\r\n',
  'v: SIP/2.0/UDP h\r\n',
  'é',
  '\ufffd',
];

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'bytes'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate-line'; readonly at: number };

// Weighted so that most inputs still reach the header parsers: a truncation mostly stops at
// the missing empty line, which says little about the code behind it.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      at: fc.nat(),
      bit: fc.integer({ min: 0, max: 7 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(...TOKENS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 40 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }) },
);

function apply(input: Buffer, m: Mutation): Buffer {
  const at = input.length === 0 ? 0 : m.at % (input.length + 1);
  switch (m.kind) {
    case 'flip': {
      if (input.length === 0) return input;
      const out = Buffer.from(input);
      const i = at % input.length;
      out[i] = (out[i] ?? 0) ^ (1 << m.bit);
      return out;
    }
    case 'truncate':
      return input.subarray(0, at);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), Buffer.from(m.text, 'utf8'), input.subarray(at)]);
    case 'bytes':
      return Buffer.concat([input.subarray(0, at), m.bytes, input.subarray(at)]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + m.length)]);
    case 'duplicate-line': {
      const start = input.lastIndexOf('\r\n', at) + 2;
      const end = input.indexOf('\r\n', at);
      if (end < 0 || start >= end) return input;
      return Buffer.concat([
        input.subarray(0, end + 2),
        input.subarray(start, end + 2),
        input.subarray(end + 2),
      ]);
    }
  }
}

const message: fc.Arbitrary<Buffer> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
        mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      })
      .map(({ seed, mutations }) => mutations.reduce(apply, SEEDS[seed] ?? Buffer.alloc(0))),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)) },
);

function assertTypedFailure(result: Result<unknown>): void {
  if (result.ok) return;
  assert.ok(result.error instanceof SwitchboardError);
  assert.equal(result.error.code, 'invalid_argument');
  const { sipStatus, reason } = result.error.details;
  assert.ok(
    sipStatus === 'drop' ||
      (Number.isInteger(sipStatus) && Number(sipStatus) >= 400 && Number(sipStatus) < 600),
  );
  assert.ok(typeof reason === 'string' && reason.length > 0);
}

function assertEvent(event: SipStreamEvent): void {
  if (event.kind === 'message') assertTypedFailure(event.result);
  if (event.kind === 'error') assertTypedFailure({ ok: false, error: event.error });
}

test('no mutated or random message makes the parser or the framer throw; all refusals are typed', () => {
  fc.assert(
    fc.property(message, fc.nat(), (bytes, cut) => {
      const result = parseSipMessage(bytes);
      assertTypedFailure(result);
      if (result.ok) {
        const again = parseSipMessage(encodeSipMessage(result.value), { transport: 'stream' });
        if (!again.ok) assert.fail(`re-parse refused: ${again.error.message}`);
        assert.equal(again.value.kind, result.value.kind);
        assert.equal(again.value.callId, result.value.callId);
        assert.deepEqual(again.value.cseq, result.value.cseq);
        assert.deepEqual(again.value.via, result.value.via);
        assert.deepEqual(Buffer.from(again.value.body), Buffer.from(result.value.body));
        assert.equal(typeof serializeSipMessage(result.value), 'string');
      }
      const framer = new SipStreamFramer();
      const split = bytes.length === 0 ? 0 : cut % bytes.length;
      for (const event of [...framer.push(bytes.subarray(0, split)), ...framer.push(bytes.subarray(split))]) {
        assertEvent(event);
      }
    }),
    { numRuns: Number(process.env.SIP_FUZZ_RUNS ?? 100000) },
  );
});
