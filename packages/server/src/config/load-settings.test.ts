import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSettings } from './load-settings.ts';

test('defaults apply when neither the file nor the environment names a setting', () => {
  const s = loadSettings({}, {});
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.equal(s.value.get('http.port'), 8080);
  assert.equal(s.value.get('http.host'), '127.0.0.1');
  assert.equal(s.value.get('database.kind'), 'sqlite');
  assert.deepEqual(s.value.get('ws.allowedOrigins'), []);
});

test('the environment wins over the file, and both are converted to the setting type', () => {
  const s = loadSettings(
    { http: { port: 9000 }, demo: { traffic: false }, ws: { allowedOrigins: ['https://a'] } },
    {
      SWITCHBOARD_HTTP_PORT: '9100',
      SWITCHBOARD_DEMO_TRAFFIC: 'yes',
      SWITCHBOARD_WS_ALLOWED_ORIGINS: 'https://x, https://y',
    },
  );
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.equal(s.value.get('http.port'), 9100);
  assert.equal(s.value.get('demo.traffic'), true);
  assert.deepEqual(s.value.get('ws.allowedOrigins'), ['https://x', 'https://y']);
});

test('every bad value and unknown key is reported at once as invalid_argument', () => {
  const s = loadSettings(
    { http: { port: 70000, colour: 'blue' }, database: { kind: 'postgres' } },
    { SWITCHBOARD_LOG_LEVEL: 'loud', SWITCHBOARD_WS_GRACE_SECONDS: '-1' },
  );
  assert.equal(s.ok, false);
  if (s.ok) return;
  assert.equal(s.error.code, 'invalid_argument');
  const problems = s.error.details.problems as string[];
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('http.colour')));
  assert.ok(problems.some((p) => p.includes('database.url')));
});
