import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberPlaceholders } from './placeholders.ts';

test('placeholders are numbered left to right', () => {
  assert.deepEqual(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)'), {
    text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    count: 3,
  });
});

test('a question mark inside quotes or comments is not a placeholder', () => {
  const sql = `SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE x = ? /* ? */ AND y = ?`;
  assert.deepEqual(numberPlaceholders(sql), {
    text: `SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE x = $1 /* ? */ AND y = $2`,
    count: 2,
  });
});

test('text without placeholders is unchanged', () => {
  assert.deepEqual(numberPlaceholders('CREATE TABLE t (a TEXT)'), {
    text: 'CREATE TABLE t (a TEXT)',
    count: 0,
  });
});
