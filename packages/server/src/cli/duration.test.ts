import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from './duration.ts';

test('durations accept units, combinations and bare seconds', () => {
  assert.deepEqual(parseDuration('8h'), { ok: true, value: 8 * 3_600_000 });
  assert.deepEqual(parseDuration('1h30m'), { ok: true, value: 5_400_000 });
  assert.deepEqual(parseDuration('250ms'), { ok: true, value: 250 });
  assert.deepEqual(parseDuration('90'), { ok: true, value: 90_000 });
});

test('a malformed duration is a typed invalid_argument, not zero', () => {
  for (const bad of ['', 'h', '8x', '8h junk', '-1s', '1.5.2h']) {
    const result = parseDuration(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.equal(result.error.code, 'invalid_argument');
  }
});
