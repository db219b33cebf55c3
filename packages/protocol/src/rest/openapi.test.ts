import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Type from 'typebox';
import { buildOpenApi } from './openapi.ts';
import { openApiProblems, resolvePointer } from './openapi-checks.ts';
import { ROUTE_IDS, ROUTES } from './route-catalogue.ts';
import { defineRoute, params } from './route.ts';

// biome-ignore lint/suspicious/noExplicitAny: the test walks an untyped JSON document
type Json = Record<string, any>;
const doc = buildOpenApi() as Json;

function operations(document: Json): [string, string, Json][] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]): [string, string, Json] => [method, path, op as Json]),
  );
}

describe('buildOpenApi', () => {
  test('the document is structurally sound: params declared, $refs resolve, operationIds unique, 2020-12 only', () => {
    assert.deepEqual(openApiProblems(doc), []);
  });

  test('it is OpenAPI 3.1 with the JSON Schema 2020-12 dialect and bearer auth', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.jsonSchemaDialect, 'https://spec.openapis.org/oas/3.1/dialect/base');
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
  });

  test('every route of the catalogue is one operation, at its path and method, with its role', () => {
    const ops = operations(doc);
    assert.equal(ops.length, ROUTE_IDS.length);
    for (const id of ROUTE_IDS) {
      const route = ROUTES[id];
      const op = doc.paths[route.path][route.method.toLowerCase()];
      assert.equal(op.operationId, id);
      assert.equal(op['x-required-role'], route.role);
      assert.ok(op.responses[String(route.status)], `${id} answers ${route.status}`);
    }
  });

  test('named shapes are components referenced by $ref, and the response schema is the validated one', () => {
    const schemas = doc.components.schemas as Json;
    for (const name of [
      'AgentState',
      'Contact',
      'ContactRecord',
      'QueueConfig',
      'QueueSnapshot',
      'User',
      'Error',
    ]) {
      assert.ok(schemas[name], `component ${name}`);
    }
    const op = doc.paths['/api/v1/agents/{agentId}/state'].get;
    assert.deepEqual(op.responses['200'].content['application/json'].schema, {
      $ref: '#/components/schemas/AgentStateView',
    });
    const ewt = resolvePointer(doc, '/components/schemas/WaitEstimate') as Json;
    assert.deepEqual(
      ewt.anyOf.map((b: Json) => b.properties.kind.const),
      ['estimate', 'insufficient'],
    );
  });

  test('a user never shows a password hash, and a password is write-only', () => {
    const text = JSON.stringify(doc);
    assert.equal(text.includes('passwordHash'), false);
    assert.equal(doc.components.schemas.UserCreate.properties.password.writeOnly, true);
    assert.equal(doc.components.schemas.User.properties.password, undefined);
  });

  test('errors are listed by HTTP status from the one table, with their codes', () => {
    const op = doc.paths['/api/v1/agents/{agentId}/transfer'].post;
    assert.deepEqual(op.responses['404']['x-error-codes'], ['unknown_agent', 'unknown_queue']);
    assert.deepEqual(op.responses['409']['x-error-codes'], ['no_call', 'conflict', 'transition_not_allowed']);
    assert.deepEqual(op.responses['413']['x-error-codes'], ['payload_too_large']);
    assert.deepEqual(op.responses['400'].content['application/json'].schema, {
      $ref: '#/components/schemas/ErrorEnvelope',
    });
  });

  test('query fields become query parameters, required as the schema says', () => {
    const op = doc.paths['/api/v1/contact-records'].get;
    const byName = Object.fromEntries(op.parameters.map((p: Json) => [p.name, p]));
    assert.equal(byName.from.required, true);
    assert.equal(byName.agentId.required, false);
    assert.equal(byName.cursor.in, 'query');
    for (const name of ['number', 'disposition', 'attachedKey', 'attachedValue', 'queueId', 'outcome']) {
      assert.ok(byName[name], name);
    }
  });

  test('a command body with only optional fields is an optional request body', () => {
    assert.equal(doc.paths['/api/v1/agents/{agentId}/ready'].post.requestBody.required, false);
    assert.equal(doc.paths['/api/v1/agents/{agentId}/dial'].post.requestBody.required, true);
  });

  test('building twice gives the same document (stable for caching and diffing)', () => {
    assert.equal(JSON.stringify(buildOpenApi()), JSON.stringify(doc));
  });
});

describe('openApiProblems finds what a broken document gets wrong', () => {
  const route = (path: string, declared: Record<string, ReturnType<typeof Type.String>>) =>
    defineRoute({
      method: 'GET',
      path,
      summary: 's',
      tag: 't',
      role: 'admin',
      params: params(declared),
      query: null,
      body: null,
      response: null,
      status: 204,
      errors: [],
    });

  test('a path parameter missing from the declaration, or declared but not in the path', () => {
    const broken = buildOpenApi({ a: route('/x/{id}/{other}', { id: Type.String() }) });
    assert.deepEqual(openApiProblems(broken), ['GET /x/{id}/{other} does not declare path parameter other']);
    const extra = buildOpenApi({ a: route('/x', { id: Type.String() }) });
    assert.deepEqual(openApiProblems(extra), ['GET /x declares path parameter id not in the path']);
  });

  test('a $ref that resolves nowhere, a reused operationId and a draft-7 tuple', () => {
    const good = buildOpenApi({ a: route('/x', {}), b: route('/y', {}) }) as Json;
    const broken = structuredClone(good);
    broken.paths['/y'].get.operationId = 'a';
    broken.paths['/x'].get.responses['204'].content = {
      'application/json': { schema: { $ref: '#/components/schemas/Nope' } },
    };
    broken.components.schemas.T = { type: 'array', items: [{ type: 'string' }] };
    assert.deepEqual(openApiProblems(broken), [
      'operationId a is used by GET /x and GET /y',
      '$ref #/components/schemas/Nope does not resolve',
      'a schema uses draft-7 tuple items: [...] (use prefixItems)',
    ]);
  });

  test('two different schemas under one title are refused when building', () => {
    const a = Type.Object({ x: Type.String() }, { title: 'Same' });
    const b = Type.Object({ y: Type.String() }, { title: 'Same' });
    const r = (schema: typeof a | typeof b) =>
      defineRoute({ ...route('/z', {}), method: 'POST', body: schema, params: null });
    assert.throws(
      () => buildOpenApi({ one: r(a), two: { ...r(b), path: '/w' } }),
      /two different schemas are titled Same/,
    );
  });
});

test('public routes declare no security requirement; every other operation inherits the bearer token', () => {
  const doc = buildOpenApi();
  const login = (doc.paths['/api/v1/auth/login'] as Record<string, { security?: unknown }>).post;
  assert.deepEqual(login?.security, []);
  const agents = (doc.paths['/api/v1/agents'] as Record<string, { security?: unknown }>).get;
  assert.equal(agents?.security, undefined);
  assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
});
