import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertRefused, changeOf, connected, must, T0, wrapup } from './contact-fixtures.ts';
import { type DispositionInput, setDisposition } from './disposition.ts';

const at = T0 + 70_000;

describe('disposition', () => {
  test('a uContact three-level disposition with a comment is stored with who and when', () => {
    const result = setDisposition(wrapup(), {
      disposition: { level1: 'Sale', level2: 'Product A', level3: 'Annual', note: 'wants invoice' },
      at,
    });
    const contact = must(result);
    assert.deepEqual(contact.disposition, {
      level1: 'Sale',
      level2: 'Product A',
      level3: 'Annual',
      code: null,
      note: 'wants invoice',
      setBy: 'alice',
      setAt: at,
    });
    assert.deepEqual(
      changeOf(result).events.map((event) => event.type),
      ['dispositionChanged'],
    );
  });

  test('a CTToolbar outcome code alone is a disposition', () => {
    const contact = must(
      setDisposition(connected(), { disposition: { code: 'OK_SALE' }, at, by: 'supervisor1' }),
    );
    assert.equal(contact.disposition?.code, 'OK_SALE');
    assert.equal(contact.disposition?.setBy, 'supervisor1');
  });

  test('setting it again replaces the previous one', () => {
    const first = must(setDisposition(wrapup(), { disposition: { code: 'A' }, at }));
    assert.equal(
      must(setDisposition(first, { disposition: { code: 'B' }, at: at + 1 })).disposition?.code,
      'B',
    );
  });

  test('a disposition needs level1 or code, levels in order, non-blank bounded text', () => {
    const bad: DispositionInput[] = [
      {},
      { note: 'only a note' },
      { level2: 'x' },
      { level1: 'a', level3: 'c' },
      { level1: '  ' },
      { code: 'x'.repeat(129) },
      { level1: 'a', note: 'n'.repeat(4001) },
    ];
    for (const disposition of bad)
      assertRefused(wrapup(), (c) => setDisposition(c, { disposition, at }), 'invalid_argument');
  });
});
