import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../result.ts';
import { createPauseReasonCatalog, DEFAULT_PAUSE_REASONS, type PauseReason } from './pause-reasons.ts';
import {
  pauseReasonFromSobot,
  pauseReasonFromToolbar,
  sobotCodeForPause,
  toolbarStateForPause,
} from './pause-vendor-codes.ts';

function refusal(list: readonly PauseReason[]) {
  const result = createPauseReasonCatalog(list);
  assert.equal(result.ok, false);
  return result.ok ? assert.fail('unreachable') : result.error;
}

describe('the pause-reason catalogue', () => {
  test('the default catalogue lists every default reason and the system reasons', () => {
    const catalog = unwrap(createPauseReasonCatalog(DEFAULT_PAUSE_REASONS));
    assert.deepEqual(
      catalog.list().map((r) => r.code),
      DEFAULT_PAUSE_REASONS.map((r) => r.code),
    );
    for (const code of ['no_answer', 'disconnected', 'restart'])
      assert.equal(catalog.get(code)?.category, 'system');
    assert.equal(catalog.get('nap'), undefined);
    assert.equal(catalog.defaultCode, 'break');
  });

  test('system reasons are always present, even when the list omits them', () => {
    const catalog = unwrap(createPauseReasonCatalog([{ code: 'lunch', name: 'Lunch', category: 'meal' }]));
    assert.deepEqual(
      catalog.list().map((r) => r.code),
      ['lunch', 'no_answer', 'disconnected', 'restart'],
    );
    assert.equal(catalog.defaultCode, 'lunch');
  });

  test('a listed system reason replaces the built-in one (e.g. to rename it)', () => {
    const catalog = unwrap(
      createPauseReasonCatalog([{ code: 'no_answer', name: 'Chiamata persa', category: 'system' }]),
    );
    assert.equal(catalog.get('no_answer')?.name, 'Chiamata persa');
    assert.equal(catalog.list().length, 3);
  });

  test('duplicate codes are refused', () => {
    const error = refusal([
      { code: 'lunch', name: 'Lunch', category: 'meal' },
      { code: 'lunch', name: 'Lunch again', category: 'meal' },
    ]);
    assert.equal(error.code, 'already_exists');
    assert.equal(error.details.code, 'lunch');
  });

  test('empty names, bad codes and unknown categories are refused', () => {
    assert.equal(refusal([{ code: 'lunch', name: '  ', category: 'meal' }]).details.field, 'name');
    assert.equal(refusal([{ code: '', name: 'Lunch', category: 'meal' }]).details.field, 'code');
    assert.equal(refusal([{ code: 'a b', name: 'Lunch', category: 'meal' }]).details.field, 'code');
    const badCategory = { code: 'x', name: 'X', category: 'nap' } as unknown as PauseReason;
    assert.equal(refusal([badCategory]).code, 'invalid_argument');
  });

  test('a vendor code mapped by two reasons is refused (it could not be translated back)', () => {
    const twice = refusal([
      { code: 'a', name: 'A', category: 'break', sobotCode: 12 },
      { code: 'b', name: 'B', category: 'break', sobotCode: 12 },
    ]);
    assert.equal(twice.code, 'already_exists');
    assert.equal(twice.details.field, 'sobotCode');
    const toolbar = refusal([
      { code: 'a', name: 'A', category: 'break', toolbarSubstate: 'X' },
      { code: 'b', name: 'B', category: 'break', toolbarSubstate: 'X' },
    ]);
    assert.equal(toolbar.details.field, 'toolbarSubstate');
  });

  test('a Sobot code outside 2 and 11–18 is refused', () => {
    for (const sobotCode of [1, 10, 19]) {
      assert.equal(
        refusal([{ code: 'a', name: 'A', category: 'break', sobotCode }]).details.field,
        'sobotCode',
      );
    }
  });

  test('a default code that is not in the catalogue is refused', () => {
    const result = createPauseReasonCatalog(DEFAULT_PAUSE_REASONS, { defaultCode: 'nap' });
    assert.equal(result.ok ? 'accepted' : result.error.code, 'unknown_pause_reason');
  });

  test('the catalogue and its reasons cannot be edited', () => {
    const catalog = unwrap(createPauseReasonCatalog(DEFAULT_PAUSE_REASONS));
    assert.ok(Object.isFrozen(catalog.list()) && Object.isFrozen(catalog.get('break')));
  });
});

describe('vendor mappings in one catalogue', () => {
  const catalog = unwrap(createPauseReasonCatalog(DEFAULT_PAUSE_REASONS));

  test("Sobot's DND (2) and break codes 11–18 all map to distinct reasons, both ways", () => {
    const sobotCodes = [2, 11, 12, 13, 14, 15, 16, 17, 18];
    const codes = sobotCodes.map((n) => unwrap(pauseReasonFromSobot(catalog, n)));
    assert.deepEqual(codes, [
      'dnd',
      'break',
      'training',
      'meeting',
      'meal',
      'active',
      'custom1',
      'custom2',
      'custom3',
    ]);
    assert.deepEqual(
      codes.map((code) => sobotCodeForPause(catalog, code)),
      sobotCodes,
    );
  });

  test("CTToolbar7's PAUSED and PAUSEDSUBSTATE:code map both ways in the same catalogue", () => {
    assert.equal(unwrap(pauseReasonFromToolbar(catalog, null)), 'break');
    assert.equal(unwrap(pauseReasonFromToolbar(catalog, 'PAUSED')), 'break');
    assert.equal(toolbarStateForPause(catalog, 'break'), 'PAUSED');
    for (const reason of catalog.list().filter((r) => r.toolbarSubstate !== undefined)) {
      const state = toolbarStateForPause(catalog, reason.code);
      assert.equal(state, `PAUSEDSUBSTATE:${reason.toolbarSubstate}`);
      assert.equal(unwrap(pauseReasonFromToolbar(catalog, state)), reason.code);
      assert.equal(unwrap(pauseReasonFromToolbar(catalog, reason.toolbarSubstate!)), reason.code);
    }
  });

  test('a reason without a vendor code shows as that vendor generic pause', () => {
    assert.equal(sobotCodeForPause(catalog, 'no_answer'), 2);
    assert.equal(toolbarStateForPause(catalog, 'no_answer'), 'PAUSED');
  });

  test('an unmapped vendor code is an unknown pause reason', () => {
    const sobot = pauseReasonFromSobot(catalog, 99);
    assert.equal(sobot.ok ? 'accepted' : sobot.error.code, 'unknown_pause_reason');
    const toolbar = pauseReasonFromToolbar(catalog, 'PAUSEDSUBSTATE:NOPE');
    assert.equal(toolbar.ok ? 'accepted' : toolbar.error.code, 'unknown_pause_reason');
  });

  test('a site catalogue can use its own CTToolbar7 substate codes beside the Sobot ones', () => {
    const site = unwrap(
      createPauseReasonCatalog([
        { code: 'pausa', name: 'Pausa', category: 'break', sobotCode: 11 },
        { code: 'formazione', name: 'Formazione', category: 'training', sobotCode: 12, toolbarSubstate: '3' },
      ]),
    );
    assert.equal(unwrap(pauseReasonFromToolbar(site, 'PAUSEDSUBSTATE:3')), 'formazione');
    assert.equal(unwrap(pauseReasonFromSobot(site, 12)), 'formazione');
    assert.equal(unwrap(pauseReasonFromSobot(site, 2)), 'pausa', 'DND falls back to the default reason');
  });
});
