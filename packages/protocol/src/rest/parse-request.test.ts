import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commandFrame } from '../ws/client-frames.ts';
import { parseRequest, parseRequestBody, parseRequestParams, parseRequestQuery } from './parse-request.ts';
import type { RouteId } from './route-catalogue.ts';

const detailsOf = (result: { ok: boolean; error?: { details: Record<string, unknown> } }) =>
  result.ok ? assert.fail('expected an error') : result.error!.details;

describe('parseRequestBody', () => {
  test('a valid body comes out typed', () => {
    const body = '{"target":{"kind":"queue","queueId":"support"}}';
    const result = parseRequestBody('agentTransfer', body);
    assert.deepEqual(result, { ok: true, value: { target: { kind: 'queue', queueId: 'support' } } });
  });

  test('an empty body is {} for a route whose fields are all optional, and a missing field otherwise', () => {
    assert.deepEqual(parseRequestBody('agentHold', ''), { ok: true, value: {} });
    assert.deepEqual(parseRequestBody('agentLogin', null), { ok: true, value: {} });
    assert.equal(detailsOf(parseRequestBody('agentDtmf', undefined)).path, '/digits');
  });

  test('a route that takes no body refuses one and accepts none', () => {
    assert.deepEqual(parseRequestBody('getAgent', ''), { ok: true, value: undefined });
    assert.equal(detailsOf(parseRequestBody('getAgent', '{}')).reason, 'unexpected_body');
  });

  test('the agent of a REST command is in the path, not in the body', () => {
    assert.equal(detailsOf(parseRequestBody('agentReady', '{"agentId":"a1"}')).path, '/agentId');
  });

  test('oversize is payload_too_large; bad UTF-8, bad JSON and wrong shapes are invalid_argument', () => {
    const big = parseRequestBody('createSkill', `{"id":"s","name":"${'x'.repeat(300)}"}`, {
      maxBytes: 256,
      maxDepth: 8,
    });
    assert.equal(!big.ok && big.error.code, 'payload_too_large');
    assert.equal(detailsOf(parseRequestBody('createSkill', new Uint8Array([0x7b, 0xfe]))).reason, 'bad_utf8');
    assert.equal(detailsOf(parseRequestBody('createSkill', '{"id":')).reason, 'bad_json');
    assert.equal(detailsOf(parseRequestBody('createSkill', '[]')).path, '');
    assert.equal(detailsOf(parseRequestBody('createSkill', '{"id":"s","name":""}')).path, '/name');
  });

  test('a queue config is checked field by field, down into its overflow destinations', () => {
    const queue = {
      id: 'q1',
      name: 'Q1',
      strategy: 'ring-all',
      maxWaitMs: null,
      maxLength: 0,
      joinEmpty: 'never',
      leaveWhenEmpty: 'never',
      overflow: { onTimeout: { kind: 'queue', queueId: 'q2' }, onFull: null, onEmpty: null },
      wrapupMs: 0,
      serviceLevelMs: 20000,
      ringTimeoutMs: 15000,
      requirements: [],
      maxPenalty: 0,
      relaxation: [],
      weight: 0,
    };
    assert.equal(detailsOf(parseRequestBody('createQueue', JSON.stringify(queue))).path, '/maxLength');
    const fixed = { ...queue, maxLength: 5, overflow: { ...queue.overflow, onFull: { kind: 'voicemail' } } };
    assert.equal(
      detailsOf(parseRequestBody('createQueue', JSON.stringify(fixed))).path,
      '/overflow/onFull/kind',
    );
    const good = { ...queue, maxLength: 5 };
    assert.equal(parseRequestBody('createQueue', JSON.stringify(good)).ok, true);
  });

  test('a user response shape has no password field and a user body refuses a hash', () => {
    const body = '{"username":"ann","role":"agent","passwordHash":"scrypt$..."}';
    assert.equal(detailsOf(parseRequestBody('createUser', body)).path, '/passwordHash');
  });

  test('an unknown route id is not_found, never a throw', () => {
    const result = parseRequestBody('launchRockets' as RouteId, '{}');
    assert.equal(!result.ok && result.error.code, 'not_found');
    assert.equal(detailsOf(result).reason, 'unknown_route');
  });
});

describe('parseRequestParams and parseRequestQuery', () => {
  test('path params are checked like any input, with paths under /params', () => {
    assert.deepEqual(parseRequestParams('getAgent', { agentId: 'a1' }), {
      ok: true,
      value: { agentId: 'a1' },
    });
    assert.equal(detailsOf(parseRequestParams('getAgent', {})).path, '/params/agentId');
    assert.equal(detailsOf(parseRequestParams('getAgent', { agentId: 'a\u0001' })).path, '/params/agentId');
  });

  test('query numbers arrive as text and come out as numbers; text that is no number is named', () => {
    const query = new URLSearchParams('from=1000&to=2000&limit=50&outcome=abandoned');
    assert.deepEqual(parseRequestQuery('searchContactRecords', query), {
      ok: true,
      value: { from: 1000, to: 2000, limit: 50, outcome: 'abandoned' },
    });
    const bad = parseRequestQuery('searchContactRecords', { from: 'yesterday', to: '2000' });
    assert.equal(detailsOf(bad).path, '/query/from');
    assert.equal(
      detailsOf(parseRequestQuery('searchContactRecords', { from: '1', to: '2', limit: '501' })).path,
      '/query/limit',
    );
  });

  test('a required query field missing, an unknown one, or one given twice is refused', () => {
    assert.equal(detailsOf(parseRequestQuery('searchContactRecords', { to: '2' })).path, '/query/from');
    assert.equal(
      detailsOf(parseRequestQuery('searchContactRecords', { from: '1', to: '2', sort: 'x' })).path,
      '/query/sort',
    );
    const twice = parseRequestQuery('searchContactRecords', new URLSearchParams('from=1&to=2&to=3'));
    assert.equal(detailsOf(twice).reason, 'bad_query');
    assert.equal(detailsOf(parseRequestQuery('getAgent', { x: '1' })).path, '/query/x');
  });

  test('an interval length must be whole minutes within a day', () => {
    const params = (intervalMs: string) =>
      parseRequestQuery('getQueueIntervalStats', { from: '0', to: '86400000', intervalMs });
    assert.equal(params('900000').ok, true);
    assert.equal(detailsOf(params('90000')).path, '/query/intervalMs');
    assert.equal(detailsOf(params('0')).path, '/query/intervalMs');
  });

  test('parseRequest returns all three parts typed, or the first bad part', () => {
    const ok = parseRequest('setQueueMember', {
      params: { queueId: 'q1', agentId: 'a1' },
      body: '{"penalty":2}',
    });
    assert.deepEqual(ok, {
      ok: true,
      value: { params: { queueId: 'q1', agentId: 'a1' }, query: undefined, body: { penalty: 2 } },
    });
    const bad = parseRequest('setQueueMember', {
      params: { queueId: 'q1', agentId: 'a1' },
      body: '{"penalty":-1}',
    });
    assert.equal(detailsOf(bad).path, '/penalty');
  });
});

describe('typing', () => {
  test('parsed parts are typed by the route id, and a command frame by its name', () => {
    const body = parseRequestBody('agentTransfer', '{"target":{"kind":"extension","extension":"204"}}');
    assert.ok(body.ok);
    // These assignments compile only because the values are typed from the catalogue.
    const kind: 'agent' | 'queue' | 'extension' | 'external' = body.value.target.kind;
    const query = parseRequestQuery('searchContactRecords', { from: '1', to: '2' });
    assert.ok(query.ok);
    const from: number = query.value.from;
    const frame = commandFrame('f1', 'dtmf', { digits: '12#' });
    const digits: string = frame.args.digits;
    assert.deepEqual([kind, from, digits], ['extension', 1, '12#']);
  });
});
