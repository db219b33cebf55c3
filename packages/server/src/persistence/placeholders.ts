// The repositories write `?` placeholders (SQLite's style); PostgreSQL wants `$1, $2, ...`.
// Quoted text and comments are copied unchanged, so a `?` inside a literal or an identifier is
// never mistaken for a parameter.

/** Rewrites `?` placeholders to `$n`, returning the new text and how many placeholders it had. */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      const end = newline === -1 ? sql.length : newline;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (c === '?') {
      count += 1;
      out += `$${count}`;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, count };
}

/** Index just past the quote closing the one at `start`; a doubled quote is an escaped quote. */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
