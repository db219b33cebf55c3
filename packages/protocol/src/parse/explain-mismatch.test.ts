import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Type from 'typebox';
import { TargetInputSchema } from '../wire/command-input-schemas.ts';
import { closed, nullable, oneOf, pair } from '../wire/schema-builders.ts';
import { checker } from './check-value.ts';
import { explainMismatch } from './explain-mismatch.ts';

const Schema = closed({
  target: TargetInputSchema,
  extension: Type.Optional(nullable(Type.String({ pattern: '^[0-9]+$' }))),
  pairs: Type.Optional(Type.Array(pair(Type.String(), Type.String({ maxLength: 3 })))),
  color: Type.Optional(oneOf(['red', 'green'])),
  either: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
});
const explain = (value: unknown) => explainMismatch(Schema, value);

describe('explainMismatch', () => {
  test('a union with a discriminator follows the branch the value names', () => {
    assert.deepEqual(explain({ target: { kind: 'external', number: 'abc' } }), {
      path: '/target/number',
      message: 'must match pattern "^\\+?[0-9*#]{1,32}$"',
    });
    assert.deepEqual(explain({ target: { kind: 'agent' } }), {
      path: '/target/agentId',
      message: 'is required',
    });
  });

  test('an unknown discriminator value lists the allowed ones', () => {
    assert.deepEqual(explain({ target: { kind: 'fax' } }), {
      path: '/target/kind',
      message: 'must be one of: agent, queue, extension, external',
    });
  });

  test('a field the closed object does not have is named', () => {
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q', extra: 1 } }), {
      path: '/target/extra',
      message: 'is not an allowed field',
    });
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q' }, typo: 1 }), {
      path: '/typo',
      message: 'is not an allowed field',
    });
  });

  test('a nullable value that is neither null nor right explains the non-null branch', () => {
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q' }, extension: 'x1' }), {
      path: '/extension',
      message: 'must match pattern "^[0-9]+$"',
    });
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q' }, extension: 5 }), {
      path: '/extension',
      message: 'must be string',
    });
  });

  test('a tuple names the item that is wrong or one too many', () => {
    const base = { target: { kind: 'queue', queueId: 'q' } };
    assert.deepEqual(explain({ ...base, pairs: [['k', 'long']] }), {
      path: '/pairs/0/1',
      message: 'must not have more than 3 characters',
    });
    assert.deepEqual(explain({ ...base, pairs: [['k', 'v', 'w']] }), {
      path: '/pairs/0/2',
      message: 'is one item too many',
    });
    assert.equal(explain({ ...base, pairs: [['k']] })?.path, '/pairs/0');
  });

  test('an enum mismatch lists the allowed values', () => {
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q' }, color: 'blue' }), {
      path: '/color',
      message: 'must be one of: red, green',
    });
  });

  test('a union without a discriminator and no branch of the value type names the types', () => {
    assert.deepEqual(explain({ target: { kind: 'queue', queueId: 'q' }, either: true }), {
      path: '/either',
      message: 'must be string or integer',
    });
  });

  test('branches sharing a tag are told apart by the next constant (result ok: true / ok: false)', () => {
    const Result = Type.Union([
      closed({ type: Type.Literal('result'), ok: Type.Literal(true), result: Type.Unknown() }),
      closed({ type: Type.Literal('result'), ok: Type.Literal(false), error: Type.String() }),
      closed({ type: Type.Literal('pong') }),
    ]);
    assert.deepEqual(explainMismatch(Result, { type: 'result', ok: false }), {
      path: '/error',
      message: 'is required',
    });
    assert.deepEqual(explainMismatch(Result, { type: 'result', ok: 1 }), {
      path: '/ok',
      message: 'must be one of: true, false',
    });
    assert.deepEqual(explainMismatch(Result, { type: 'x' }), {
      path: '/type',
      message: 'must be one of: result, pong',
    });
  });

  test('a value of the wrong JSON type at the root is named at the root', () => {
    assert.deepEqual(explain([1]), { path: '', message: 'must be object' });
  });

  test('a value that matches gives no explanation', () => {
    assert.equal(explain({ target: { kind: 'agent', agentId: 'a1' } }), null);
  });

  test('checker prefixes the path and returns invalid_argument with reason schema', () => {
    const result = checker(Schema).check({ target: { kind: 'fax' } }, '/args');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.error, {
      code: 'invalid_argument',
      message: '/args/target/kind must be one of: agent, queue, extension, external',
      details: {
        reason: 'schema',
        path: '/args/target/kind',
        problem: 'must be one of: agent, queue, extension, external',
      },
    });
  });
});
