// Matching requests and responses to transactions (RFC 3261 §17.1.3, §17.2.3, §9.2).
// Server side: an RFC 3261 branch (magic cookie) plus the sent-by of the top Via plus the
// method, ACK counting as INVITE - so a CANCEL (same branch) gets its own transaction and
// finds its INVITE by asking for the INVITE key. Without the cookie, the RFC 2543 rule: the
// Request-URI, From tag, Call-ID, CSeq number and top Via together (the To tag of an ACK is
// checked by the INVITE transaction against the tag of the response it sent).
// Client side: the branch we wrote plus the CSeq method.
import type { SipRequest, SipResponse } from './message.ts';
import { formatUri } from './uri.ts';
import { isRfc3261Branch } from './via.ts';

export function serverTransactionKey(request: SipRequest, asMethod?: string): string | undefined {
  const via = request.via[0];
  if (!via) return undefined;
  const method = asMethod ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  const sentBy = `${via.host.toLowerCase()}:${via.port ?? ''}`;
  if (isRfc3261Branch(via.branch)) return `${via.branch}|${sentBy}|${method}`;
  return [
    '2543',
    formatUri(request.uri),
    request.from.tag ?? '',
    request.callId,
    request.cseq.seq,
    sentBy,
    via.branch ?? '',
    method,
  ].join('|');
}

export function clientTransactionKey(branch: string, method: string): string {
  return `${branch}|${method}`;
}

export function responseTransactionKey(response: SipResponse): string | undefined {
  const branch = response.via[0]?.branch;
  return branch === undefined ? undefined : clientTransactionKey(branch, response.cseq.method);
}
