import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { removeAttachedData, setAttachedData } from './attached-data.ts';
import { assertRefused, changeOf, connected, must, newInbound, T0, wrapup } from './contact-fixtures.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 20_000;
const abc = () =>
  newInbound([
    ['a', '1'],
    ['b', '2'],
    ['c', '3'],
  ]);

describe('attached data', () => {
  test('setting an existing key keeps its position; a new key appends', () => {
    const result = setAttachedData(abc(), {
      entries: [
        ['b', '20'],
        ['d', '4'],
      ],
      at,
    });
    assert.deepEqual(must(result).attached, [
      ['a', '1'],
      ['b', '20'],
      ['c', '3'],
      ['d', '4'],
    ]);
    assert.deepEqual(changeOf(result).events, [
      {
        type: 'attachedDataChanged',
        contactId: 'c1',
        at,
        set: [
          ['b', '20'],
          ['d', '4'],
        ],
        removed: [],
      },
    ]);
  });

  test('setting the value already there changes nothing and announces nothing', () => {
    const before = abc();
    const change = changeOf(setAttachedData(before, { entries: [['a', '1']], at }));
    assert.equal(change.contact, before);
    assert.deepEqual(change.events, []);
  });

  test('remove drops keys and keeps the order of the rest', () => {
    const result = removeAttachedData(abc(), { keys: ['a', 'c'], at });
    assert.deepEqual(must(result).attached, [['b', '2']]);
    assert.deepEqual(changeOf(result).events[0], {
      type: 'attachedDataChanged',
      contactId: 'c1',
      at,
      set: [],
      removed: ['a', 'c'],
    });
  });

  test('removing a key that is not there is ignored', () => {
    const before = abc();
    const change = changeOf(removeAttachedData(before, { keys: ['zz'], at }));
    assert.equal(change.contact, before);
    assert.deepEqual(change.events, []);
  });

  test('attached data can still be set in wrap-up', () => {
    assert.deepEqual(
      must(setAttachedData(wrapup(), { entries: [['note', 'x']], at: T0 + 70_000 })).attached.at(-1),
      ['note', 'x'],
    );
  });

  test('attached data is carried through a transfer to a queue and to an outside party', () => {
    const data = must(setAttachedData(connected(), { entries: [['USR_case', '42']], at }));
    for (const target of [
      { kind: 'queue', queueId: 'support' },
      { kind: 'external', number: '0600' },
    ] as const) {
      const moved = must(blindTransfer(data, { target, at: at + 1 }));
      assert.deepEqual(moved.attached, data.attached);
    }
  });

  test('bad keys, bad values and empty lists are invalid', () => {
    assertRefused(abc(), (c) => setAttachedData(c, { entries: [], at }), 'invalid_argument');
    assertRefused(abc(), (c) => setAttachedData(c, { entries: [['', 'v']], at }), 'invalid_argument');
    assertRefused(abc(), (c) => setAttachedData(c, { entries: [['k\u0000', 'v']], at }), 'invalid_argument');
    assertRefused(
      abc(),
      (c) => setAttachedData(c, { entries: [['k', 'v'.repeat(8193)]], at }),
      'invalid_argument',
    );
    assertRefused(abc(), (c) => removeAttachedData(c, { keys: [], at }), 'invalid_argument');
    assertRefused(abc(), (c) => removeAttachedData(c, { keys: [''], at }), 'invalid_argument');
  });
});
