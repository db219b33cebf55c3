// Who calls and what they dialed, read from a trunk's INVITE: the customer's number from
// P-Asserted-Identity (RFC 3325: the trunk vouches for it) or else From; the dialed number from the
// Request-URI's user part (or a tel URI's number), unescaped, visual separators removed.
import { headerValue, type SipRequest } from '../message.ts';
import { parseNameAddr } from '../name-addr.ts';
import { unescapePercent } from '../percent-escapes.ts';
import type { Uri } from '../uri.ts';

function numberOf(uri: Uri): string | undefined {
  if (uri.kind === 'sip') return uri.user === undefined ? undefined : unescapePercent(uri.user);
  if (uri.kind === 'tel') return uri.number;
  return undefined;
}

function clean(number: string): string {
  return number.replace(/[-.() ]/g, '');
}

export function callerOf(request: SipRequest): { customerNumber: string; dialedNumber: string } {
  const pai = headerValue(request, 'P-Asserted-Identity');
  const asserted = pai === undefined ? undefined : parseNameAddr(pai.trim());
  const fromPai = asserted?.ok ? numberOf(asserted.value.uri) : undefined;
  const customer = fromPai ?? numberOf(request.from.uri) ?? 'anonymous';
  return { customerNumber: clean(customer), dialedNumber: clean(numberOf(request.uri) ?? '') };
}
