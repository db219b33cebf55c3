// Property: whatever a client sends that is not a valid frame it may act on (malformed JSON, wrong
// types, unknown frames or commands, bad UTF-8, nesting, forbidden keys, commands on agents outside
// its scope) gets exactly one typed error result, the connection stays up, and nothing changes in
// the engine. An oversize frame closes the socket with 1009. Driven in-process (the hub with a fake
// socket) so 10,000 runs take a few seconds; the same inputs over a real socket are in the
// commands and upgrade tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CLIENT_FRAME_TYPES,
  COMMAND_NAMES,
  ERROR_CODES,
  isCommandName,
  parseClientFrame,
  parseServerFrame,
} from '@switchboard/protocol';
import fc from 'fast-check';
import { agentPrincipal, createTestContext } from './ws-test-app.ts';
import { inProcessHub } from './ws-fake-socket.ts';

const runs = Number(process.env.FC_RUNS ?? 10000);
const LIMITS = { maxBytes: 2048, maxDepth: 32 };
const enc = new TextEncoder();

const anyId = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null), fc.constant(''));
const junkValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const invalidBytes = fc.constantFrom(
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80],
);

type Input = { readonly data: string | Uint8Array; readonly expect: 'invalid_argument' | 'forbidden' | 1009 };
const refused = (data: string | Uint8Array): Input => ({ data, expect: 'invalid_argument' });

const inputArb: fc.Arbitrary<Input> = fc.oneof(
  // Not JSON, or JSON that is no frame.
  fc.string({ maxLength: 120 }).map(refused),
  fc.jsonValue({ maxDepth: 3 }).map((v) => refused(JSON.stringify(v) ?? 'undefined')),
  // A known frame type with fields of the wrong types, missing or extra.
  fc
    .record(
      {
        type: fc.constantFrom(...CLIENT_FRAME_TYPES),
        id: anyId,
        topics: fc.oneof(junkValue, fc.array(junkValue, { maxLength: 3 }), fc.constant([])),
        sessionId: junkValue,
        lastSeq: fc.oneof(fc.string({ maxLength: 4 }), fc.double(), fc.integer({ max: -1 })),
        command: fc.oneof(junkValue, fc.constantFrom(...COMMAND_NAMES)),
        args: fc.oneof(
          junkValue,
          fc.array(junkValue, { maxLength: 2 }),
          fc.dictionary(fc.string({ maxLength: 6 }), junkValue),
        ),
        extra: junkValue,
      },
      { requiredKeys: ['type'] },
    )
    .map((frame) => refused(JSON.stringify(frame))),
  // Unknown frame types and unknown commands.
  fc
    .record({
      type: fc
        .string({ maxLength: 10 })
        .filter((t) => !(CLIENT_FRAME_TYPES as readonly string[]).includes(t)),
      id: anyId,
    })
    .map((f) => refused(JSON.stringify(f))),
  fc
    .record({
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/),
      command: fc.string({ maxLength: 20 }).filter((c) => !isCommandName(c)),
    })
    .map((f) => refused(JSON.stringify({ type: 'command', ...f, args: {} }))),
  // Bad UTF-8 inside an otherwise fine frame, as a text or binary frame (both arrive as bytes).
  fc.tuple(fc.stringMatching(/^[a-z]{0,6}$/), invalidBytes).map(([prefix, bad]) => {
    const head = enc.encode(`{"type":"ping","id":"${prefix}`);
    return refused(Uint8Array.from([...head, ...bad, ...enc.encode('"}')]));
  }),
  // A lone surrogate escaped in JSON, too deep nesting, a __proto__ key.
  fc.constantFrom('{"type":"ping","id":"\\ud800"}', '{"type":"ping","id":"a","__proto__":{}}').map(refused),
  fc
    .integer({ min: 33, max: 80 })
    .map((n) => refused(`{"type":"ping","x":${'['.repeat(n)}${']'.repeat(n)}}`)),
  // Well-formed commands on an agent outside the caller's scope: refused before the engine.
  fc
    .tuple(
      fc.constantFrom('ready', 'pause', 'logout', 'login', 'hangup', 'hold', 'consultCancel'),
      fc.stringMatching(/^[a-z]{1,6}$/),
    )
    .map(
      ([command, id]): Input => ({
        data: JSON.stringify({ type: 'command', id, command, args: { agentId: 'a3' } }),
        expect: 'forbidden',
      }),
    ),
  // Over the size limit: the socket is closed with 1009.
  fc.integer({ min: LIMITS.maxBytes + 1, max: LIMITS.maxBytes + 300 }).map(
    (n): Input => ({
      data: `{"type":"ping","id":"${'x'.repeat(n)}"}`,
      expect: 1009,
    }),
  ),
);

test('a malformed, unknown or unauthorised frame gets one typed error, the connection stays and the engine is untouched', () => {
  const t = createTestContext();
  for (const agentId of ['a1', 'a3']) assert.equal(t.engine.login(agentId, null).ok, true);
  const statesBefore = JSON.stringify(t.engine.agentIds().map((a) => t.engine.agentState(a)));
  const eventsBefore = t.events.length;
  // The inputs arrive 100 ms apart on the hub's clock: well under the frame-rate limit, which is not
  // what this property is about (ws-rate-limit.test.ts is).
  let now = 0;
  const { hub, open, flush } = inProcessHub(t, { limits: LIMITS, now: () => now });
  let current = open(agentPrincipal('a1'));
  let errors = 0;
  fc.assert(
    fc.property(inputArb, (input) => {
      // A generated input that happens to be a valid frame is not what this property is about.
      if (input.expect === 'invalid_argument') fc.pre(parseClientFrame(input.data, LIMITS).kind === 'error');
      const { socket, connection } = current;
      socket.clear();
      now += 100;
      hub.receive(connection, input.data);
      flush();
      if (input.expect === 1009) {
        assert.equal(socket.closeCode, 1009);
        assert.deepEqual(socket.sent, []);
        assert.equal(connection.open, false);
        current = open(agentPrincipal('a1'));
        return;
      }
      assert.equal(socket.sent.length, 1, `one answer to ${String(input.data).slice(0, 80)}`);
      const checked = parseServerFrame(socket.sent[0]!);
      assert.ok(checked.ok, 'the answer is a well-formed server frame');
      const frame = socket.frames()[0]!;
      assert.equal(frame.type, 'result');
      assert.equal(frame.ok, false);
      assert.ok((ERROR_CODES as readonly string[]).includes(frame.error!.code));
      assert.equal(frame.error!.code, input.expect);
      assert.equal(socket.closeCode, null);
      assert.equal(connection.open, true);
      assert.equal(t.events.length, eventsBefore, 'no engine event');
      errors++;
    }),
    { numRuns: runs },
  );
  assert.ok(errors > runs / 2, `most runs were refusals (${errors})`);
  assert.equal(JSON.stringify(t.engine.agentIds().map((a) => t.engine.agentState(a))), statesBefore);
  assert.equal(hub.connections.size, 1, 'only the connections closed for oversize are gone');
});
