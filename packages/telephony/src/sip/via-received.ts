// What a server transport does to the top Via of every request it receives (RFC 3261
// §18.2.1, RFC 3581): add `received` with the packet's source address when the sent-by is a
// name or another address, and fill an empty `rport` with the source port (which also forces
// `received`). Responses then find their way back through NATs (§18.2.2). The header rows are
// rewritten too, so the typed `via` and the rows the serializer copies never disagree.
import { headerKey } from './header-names.ts';
import type { SipHeader, SipRequest } from './message.ts';
import type { SipSource } from './sip-transport.ts';
import { formatVia, type Via } from './via.ts';

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function stampVia(via: Via, source: SipSource): Via | undefined {
  const fillRport = via.rport === true;
  const needReceived = fillRport || bare(via.host).toLowerCase() !== source.address.toLowerCase();
  if (!needReceived && !fillRport) return undefined;
  const params = via.params.filter((p) => {
    const name = p.name.toLowerCase();
    return !(name === 'received' && needReceived) && !(name === 'rport' && fillRport);
  });
  if (fillRport) params.push({ name: 'rport', value: String(source.port) });
  if (needReceived) params.push({ name: 'received', value: source.address });
  return {
    ...via,
    params,
    received: needReceived ? source.address : via.received,
    rport: fillRport ? source.port : via.rport,
  };
}

function rewriteViaRows(headers: readonly SipHeader[], via: readonly Via[]): SipHeader[] {
  const out: SipHeader[] = [];
  let written = false;
  for (const h of headers) {
    if (headerKey(h.name) !== 'via') out.push(h);
    else if (!written) {
      written = true;
      for (const v of via) out.push({ name: 'Via', value: formatVia(v) });
    }
  }
  return out;
}

/** The request as the rest of the stack must see it: top Via stamped with received/rport. */
export function stampReceived(request: SipRequest, source: SipSource): SipRequest {
  const top = request.via[0];
  if (!top) return request;
  const stamped = stampVia(top, source);
  if (!stamped) return request;
  const via = [stamped, ...request.via.slice(1)];
  return { ...request, via, headers: rewriteViaRows(request.headers, via) };
}
