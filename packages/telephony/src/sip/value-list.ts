// Splits a header value at its top-level commas: not inside a quoted string (where \" and \\
// are escapes) and not between < and >. An unterminated quote or bracket simply swallows the
// rest of the value; the value parser that follows then reports it (RFC 4475 quotbal).

export function splitTopLevelCommas(value: string): string[] {
  const parts: string[] = [];
  let inQuotes = false;
  let inBrackets = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (inQuotes) {
      if (c === '\\') i++;
      else if (c === '"') inQuotes = false;
    } else if (inBrackets) {
      if (c === '>') inBrackets = false;
    } else if (c === '"') {
      inQuotes = true;
    } else if (c === '<') {
      inBrackets = true;
    } else if (c === ',') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}
