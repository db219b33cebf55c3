import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Millis, Result } from '@switchboard/core';
import { PROTOCOL_VERSION, type WireError, wireError } from '@switchboard/protocol';
import type { AccessTokenClaims } from '../auth/access-token.ts';
import type { Principal } from '../auth/principal.ts';

// The WebSocket handshake is decided here, BEFORE the server answers 101: a refused upgrade gets a
// plain HTTP 401/403 and never becomes a socket, so a browser page of a foreign origin or a caller
// without a valid token cannot even see a hello frame.

export type UpgradeDecision =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAt: Millis }
  | { readonly ok: false; readonly status: 401 | 403; readonly error: WireError };

/** The subprotocol prefix that carries the token (browsers cannot set an Authorization header). */
export const BEARER_PROTOCOL_PREFIX = 'bearer.';

export function checkUpgrade(
  req: IncomingMessage,
  allowedOrigins: readonly string[],
  verify: (token: string) => Result<AccessTokenClaims>,
): UpgradeDecision {
  if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
    return {
      ok: false,
      status: 403,
      error: wireError('forbidden', 'this origin may not open a WebSocket here', {
        origin: String(req.headers.origin).slice(0, 200),
      }),
    };
  }
  const token = accessTokenOf(req);
  if (token === null) {
    return {
      ok: false,
      status: 401,
      error: wireError('unauthorized', 'an access token is required', { reason: 'missing_token' }),
    };
  }
  const claims = verify(token);
  if (!claims.ok) {
    const { code, message, details } = claims.error;
    return {
      ok: false,
      status: code === 'forbidden' ? 403 : 401,
      error: wireError(code, message, { ...details }),
    };
  }
  const { sub, role, scope, exp } = claims.value;
  const principal: Principal = scope === undefined ? { userId: sub, role } : { userId: sub, role, scope };
  return { ok: true, principal, expiresAt: exp * 1000 };
}

/**
 * No Origin header: a non-browser client, which no page can drive, so allowed. Otherwise the origin
 * must be the server's own (its host equals the Host header) or one of the configured list.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  const parsed = parseOrigin(origin);
  if (parsed === null) return allowed.includes(origin); // "null" (sandboxed pages) only when listed
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowed.some((entry) => entry === '*' || parseOrigin(entry)?.origin === parsed.origin);
}

function parseOrigin(text: string): { origin: string; host: string } | null {
  try {
    const url = new URL(text);
    return url.origin === 'null' ? null : { origin: url.origin, host: url.host };
  } catch {
    return null;
  }
}

/** `?access_token=`, else `Authorization: Bearer`, else a `bearer.<token>` subprotocol. */
export function accessTokenOf(req: IncomingMessage): string | null {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('access_token');
  if (query !== null && query !== '') return query;
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
    if (match !== null) return match[1]!;
  }
  for (const protocol of offeredProtocols(req.headers['sec-websocket-protocol'])) {
    if (protocol.startsWith(BEARER_PROTOCOL_PREFIX) && protocol.length > BEARER_PROTOCOL_PREFIX.length) {
      return protocol.slice(BEARER_PROTOCOL_PREFIX.length);
    }
  }
  return null;
}

function offeredProtocols(header: string | undefined): string[] {
  return header === undefined ? [] : header.split(',').map((p) => p.trim());
}

/**
 * The subprotocol named in the 101 answer. A browser that offered protocols fails the connection
 * when none is echoed, so a client that offered only its bearer token gets that one back.
 */
export function selectProtocol(offered: ReadonlySet<string>): string | false {
  if (offered.has(PROTOCOL_VERSION)) return PROTOCOL_VERSION;
  for (const protocol of offered) if (!protocol.startsWith(BEARER_PROTOCOL_PREFIX)) return protocol;
  for (const protocol of offered) return protocol;
  return false;
}

const REASONS: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden' };

/** Answers the upgrade request with a plain HTTP error and closes the TCP connection. */
export function refuseUpgrade(socket: Duplex, status: 401 | 403, error: WireError): void {
  const body = JSON.stringify({ error });
  const head = [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(status === 401 ? ['WWW-Authenticate: Bearer'] : []),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
