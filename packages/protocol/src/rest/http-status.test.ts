import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WS_CLOSE, WS_CLOSE_BY_ERROR } from '../ws/close-codes.ts';
import { ERROR_CODES } from '../wire/wire-error.ts';
import { HTTP_STATUS_BY_ERROR, httpStatusOf } from './http-status.ts';

describe('error tables', () => {
  test('every error code has an HTTP status, and the table holds no other key', () => {
    assert.deepEqual(Object.keys(HTTP_STATUS_BY_ERROR).sort(), [...ERROR_CODES].sort());
    assert.deepEqual(Object.keys(WS_CLOSE_BY_ERROR).sort(), [...ERROR_CODES].sort());
  });

  test('the statuses the issue names', () => {
    const expected: Record<string, number> = {
      invalid_argument: 400,
      unauthorized: 401,
      forbidden: 403,
      conflict: 409,
      transition_not_allowed: 409,
      already_exists: 409,
      no_call: 409,
      queue_full: 409,
      rate_limited: 429,
      unavailable: 503,
      internal: 500,
      payload_too_large: 413,
    };
    for (const [code, status] of Object.entries(expected)) {
      assert.equal(httpStatusOf(code as keyof typeof HTTP_STATUS_BY_ERROR), status, code);
    }
  });

  test('every unknown_* code is 404', () => {
    for (const code of ERROR_CODES.filter((c) => c.startsWith('unknown_')))
      assert.equal(httpStatusOf(code), 404, code);
  });

  test('only connection-level errors close a WebSocket, oversize with 1009', () => {
    assert.equal(WS_CLOSE_BY_ERROR.payload_too_large, WS_CLOSE.messageTooBig);
    assert.equal(WS_CLOSE.messageTooBig, 1009);
    assert.equal(WS_CLOSE_BY_ERROR.unauthorized, 4401);
    for (const code of ['invalid_argument', 'transition_not_allowed', 'no_call', 'forbidden'] as const) {
      assert.equal(WS_CLOSE_BY_ERROR[code], null, code);
    }
    for (const value of Object.values(WS_CLOSE)) {
      assert.ok((value >= 1000 && value <= 1015) || (value >= 4000 && value <= 4999), String(value));
    }
  });
});
