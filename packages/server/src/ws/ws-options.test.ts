import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unwrap } from '@switchboard/core';
import { loadSettings } from '../config/load-settings.ts';
import { resolveWsOptions } from './ws-options.ts';

test('the frame-rate limit comes from the settings (environment first), and options override each number', () => {
  const defaults = resolveWsOptions(unwrap(loadSettings({}, {})), {});
  assert.deepEqual(defaults.frameRate, { ratePerSecond: 50, burst: 500, refusalsBeforeClose: 250 });
  const settings = unwrap(
    loadSettings(
      { ws: { frameRatePerSecond: 20, frameBurst: 100 } },
      { SWITCHBOARD_WS_FRAME_RATE: '80', SWITCHBOARD_WS_FRAME_REFUSALS: '7' },
    ),
  );
  assert.deepEqual(resolveWsOptions(settings, {}).frameRate, {
    ratePerSecond: 80,
    burst: 100,
    refusalsBeforeClose: 7,
  });
  assert.deepEqual(resolveWsOptions(settings, { frameBurst: 3, frameRefusalsBeforeClose: 0 }).frameRate, {
    ratePerSecond: 80,
    burst: 3,
    refusalsBeforeClose: 0,
  });
});

test('a frame rate or burst below one is a configuration error, not a connection that can never send', () => {
  for (const [file, field] of [
    [{ ws: { frameRatePerSecond: 0 } }, 'ws.frameRatePerSecond'],
    [{ ws: { frameBurst: 0 } }, 'ws.frameBurst'],
    [{ ws: { frameRefusalsBeforeClose: -1 } }, 'ws.frameRefusalsBeforeClose'],
  ] as const) {
    const loaded = loadSettings(file, {});
    assert.equal(loaded.ok, false, field);
    assert.deepEqual(!loaded.ok && loaded.error.details.fields, [field]);
  }
});
