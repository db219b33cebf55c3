import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ClientFrameOutcome, parseClientFrame } from './parse-client-frame.ts';

const parse = (frame: unknown) => parseClientFrame(JSON.stringify(frame));

function errorOf(outcome: ClientFrameOutcome) {
  assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
  return outcome.kind === 'error' ? outcome : assert.fail();
}

describe('parseClientFrame: valid frames', () => {
  test('a command frame comes out typed, with args checked against the command', () => {
    const out = parse({ type: 'command', id: 'c1', command: 'pause', args: { reason: 'break' } });
    assert.deepEqual(out, {
      kind: 'frame',
      frame: { type: 'command', id: 'c1', command: 'pause', args: { reason: 'break' } },
    });
  });

  test('a command that needs no arguments may leave args out; the parser fills {}', () => {
    assert.deepEqual(parse({ type: 'command', id: 'c1', command: 'hold' }), {
      kind: 'frame',
      frame: { type: 'command', id: 'c1', command: 'hold', args: {} },
    });
  });

  test('a supervisor names the agent a command acts on in args.agentId', () => {
    const out = parse({ type: 'command', id: 'c', command: 'logout', args: { agentId: 'a7' } });
    assert.equal(out.kind === 'frame' && out.frame.type === 'command' && out.frame.args.agentId, 'a7');
  });

  test('subscribe, unsubscribe, resume and ping frames pass as sent', () => {
    for (const frame of [
      { type: 'subscribe', id: 's', topics: ['agent:me', 'queue:sales', 'stats'] },
      { type: 'unsubscribe', id: 'u', topics: ['agents'] },
      { type: 'resume', id: 'r', sessionId: 'sess-1', lastSeq: 41 },
      { type: 'ping' },
      { type: 'ping', id: 'p1' },
    ]) {
      assert.deepEqual(parse(frame), { kind: 'frame', frame });
    }
  });

  test('bytes (a binary frame) are decoded as UTF-8 and parsed the same way', () => {
    const bytes = new TextEncoder().encode('{"type":"ping","id":"é"}');
    assert.deepEqual(parseClientFrame(bytes), { kind: 'frame', frame: { type: 'ping', id: 'é' } });
  });
});

describe('parseClientFrame: refusals', () => {
  test('a frame over the size limit is oversize with close code 1009, before any decoding', () => {
    const out = parseClientFrame(`{"type":"ping","id":"${'x'.repeat(100)}"}`, { maxBytes: 64, maxDepth: 8 });
    assert.equal(out.kind, 'oversize');
    assert.equal(out.kind === 'oversize' && out.closeCode, 1009);
    assert.equal(out.kind === 'oversize' && out.error.code, 'payload_too_large');
  });

  test('bad UTF-8, bad JSON and a non-object frame are typed errors without an id', () => {
    const cases: [string | Uint8Array, string][] = [
      [new Uint8Array([0x7b, 0xff, 0x7d]), 'bad_utf8'],
      ['{"type":"ping"', 'bad_json'],
      ['[{"type":"ping"}]', 'schema'],
      ['null', 'schema'],
      ['"ping"', 'schema'],
    ];
    for (const [input, reason] of cases) {
      const out = errorOf(parseClientFrame(input));
      assert.equal(out.id, null);
      assert.equal(out.error.code, 'invalid_argument');
      assert.equal(out.error.details.reason, reason);
    }
  });

  test('an unknown or missing frame type is unknown_frame_type, keeping the id for the reply', () => {
    const unknown = errorOf(parse({ type: 'hello', id: 'x1' }));
    assert.equal(unknown.id, 'x1');
    assert.equal(unknown.error.details.reason, 'unknown_frame_type');
    assert.equal(errorOf(parse({ id: 'x2' })).error.details.reason, 'unknown_frame_type');
  });

  test('an unknown command is unknown_command naming it, answered to the frame id', () => {
    const out = errorOf(parse({ type: 'command', id: 'c9', command: 'selfDestruct', args: {} }));
    assert.equal(out.id, 'c9');
    assert.equal(out.error.details.reason, 'unknown_command');
    assert.equal(out.error.details.command, 'selfDestruct');
  });

  test('wrong arguments are a schema error whose path starts at /args', () => {
    const cases: [unknown, string][] = [
      [{ type: 'command', id: 'c', command: 'dtmf', args: { digits: '12x' } }, '/args/digits'],
      [{ type: 'command', id: 'c', command: 'dtmf', args: {} }, '/args/digits'],
      [{ type: 'command', id: 'c', command: 'extendWrapup', args: { seconds: 29 } }, '/args/seconds'],
      [{ type: 'command', id: 'c', command: 'extendWrapup', args: { seconds: '60' } }, '/args/seconds'],
      [
        { type: 'command', id: 'c', command: 'transfer', args: { target: { kind: 'queue' } } },
        '/args/target/queueId',
      ],
      [{ type: 'command', id: 'c', command: 'hold', args: { force: true } }, '/args/force'],
      [{ type: 'command', id: 'c', command: 'hold', args: [] }, '/args'],
      [{ type: 'command', id: 'c', command: 'setAttachedData', args: { entries: [] } }, '/args/entries'],
    ];
    for (const [frame, path] of cases) {
      const out = errorOf(parse(frame));
      assert.equal(out.id, 'c');
      assert.equal(out.error.details.reason, 'schema', JSON.stringify(frame));
      assert.equal(out.error.details.path, path, JSON.stringify(frame));
      assert.ok(out.error.message.startsWith(path), out.error.message);
    }
  });

  test('an envelope field of the wrong type or an extra field is a schema error', () => {
    assert.equal(errorOf(parse({ type: 'command', id: 'c', command: 7 })).error.details.path, '/command');
    assert.equal(errorOf(parse({ type: 'ping', id: 'p', at: 1 })).error.details.path, '/at');
    assert.equal(errorOf(parse({ type: 'subscribe', id: 's', topics: [] })).error.details.path, '/topics');
    assert.equal(
      errorOf(parse({ type: 'subscribe', id: 's', topics: ['agent:'] })).error.details.path,
      '/topics/0',
    );
    assert.equal(
      errorOf(parse({ type: 'resume', id: 'r', sessionId: 's', lastSeq: 1.5 })).error.details.path,
      '/lastSeq',
    );
  });

  test('a frame without a usable id is answered with id null', () => {
    assert.equal(errorOf(parse({ type: 'command', command: 'hold' })).id, null);
    assert.equal(errorOf(parse({ type: 'command', id: '', command: 'hold' })).id, null);
    assert.equal(errorOf(parse({ type: 'command', id: 12, command: 'hold' })).id, null);
    assert.equal(errorOf(parse({ type: 'command', id: 'x'.repeat(129), command: 'hold' })).id, null);
  });

  test('a __proto__ key is refused rather than passed on', () => {
    const out = errorOf(
      parseClientFrame('{"type":"command","id":"c","command":"hold","args":{"__proto__":{}}}'),
    );
    assert.equal(out.error.details.reason, 'forbidden_key');
  });
});
