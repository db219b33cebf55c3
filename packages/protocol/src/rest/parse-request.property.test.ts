import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { INPUT_PROBLEMS } from '../parse/limits.ts';
import { COMMAND_NAMES } from '../ws/command-catalogue.ts';
import { ARGS_ARBITRARIES } from '../ws/frame-arbitraries.ts';
import { commandRouteId } from './command-routes.ts';
import { parseRequestBody, parseRequestQuery } from './parse-request.ts';
import { ROUTE_IDS, type RouteId } from './route-catalogue.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);
const LIMITS = { maxBytes: 4096, maxDepth: 16 };

function assertTyped(result: ReturnType<typeof parseRequestBody>): void {
  if (result.ok) return;
  const { code, details, message } = result.error;
  assert.ok(code === 'invalid_argument' || code === 'payload_too_large', `${code}: ${message}`);
  assert.ok((INPUT_PROBLEMS as readonly unknown[]).includes(details.reason), String(details.reason));
  assert.ok(message.length > 0);
}

const anyBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 6 }),
  fc.jsonValue({ maxDepth: 20 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ maxLength: 5000 }).map((s) => JSON.stringify({ name: s })),
  fc.constant(''),
  fc.constant(null),
);

describe('REST parser properties', () => {
  test('any body on any route gives the typed value or a typed error, never a throw, the same twice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROUTE_IDS), anyBody, (routeId, body) => {
        const first = parseRequestBody(routeId, body, LIMITS);
        assertTyped(first);
        assert.deepEqual(parseRequestBody(routeId, body, LIMITS), first);
      }),
      { numRuns },
    );
  });

  test('any query on any route gives the typed value or a typed error', () => {
    const query = fc.dictionary(
      fc.oneof(
        fc.constantFrom('from', 'to', 'limit', 'cursor', 'agentId', 'outcome', 'intervalMs'),
        fc.string(),
      ),
      fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.string(), { maxLength: 3 })),
      { maxKeys: 6 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...ROUTE_IDS), query, (routeId, input) => {
        const result = parseRequestQuery(routeId, input);
        if (!result.ok) {
          assert.equal(result.error.code, 'invalid_argument');
          assert.ok((INPUT_PROBLEMS as readonly unknown[]).includes(result.error.details.reason));
        }
      }),
      { numRuns },
    );
  });

  test('the body of every command route accepts exactly what the WebSocket command accepts, less agentId', () => {
    const command = fc
      .constantFrom(...COMMAND_NAMES)
      .chain((name) =>
        (ARGS_ARBITRARIES[name] as fc.Arbitrary<Record<string, unknown>>).map((args) => ({ name, args })),
      );
    fc.assert(
      fc.property(command, ({ name, args }) => {
        const { agentId: _agent, ...body } = args;
        const text = JSON.stringify(body);
        const result = parseRequestBody(commandRouteId(name) as RouteId, text);
        assert.deepEqual(result, { ok: true, value: JSON.parse(text) });
      }),
      { numRuns },
    );
  });
});
