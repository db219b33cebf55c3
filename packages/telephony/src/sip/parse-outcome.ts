// The outcome of parsing one field value. Cheaper than a Result: no error object is built for
// each rejected value; the message parser turns `reason` into one typed SIP failure at the end.

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function invalid(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
