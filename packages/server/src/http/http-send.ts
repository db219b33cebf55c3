// Writing answers: JSON bodies, the error envelope with the status of the protocol's one table,
// and the few text pages (metrics, docs). Every answer says what it is and is never cached.
import type { ServerResponse } from 'node:http';
import { type ErrorCode, httpStatusOf, isErrorCode, type WireError } from '@switchboard/protocol';

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204 || body === undefined) {
    send(res, status, {}, '');
    return;
  }
  send(res, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body));
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  extra = {},
): void {
  send(res, status, { 'content-type': contentType, ...extra }, text);
}

/** The envelope {error: {code, message, details}} with the code's HTTP status. */
export function sendError(
  res: ServerResponse,
  error: WireError,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...extraHeaders,
  };
  const retryAfterMs = error.details.retryAfterMs;
  if (error.code === 'rate_limited' && typeof retryAfterMs === 'number' && retryAfterMs >= 0) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  }
  if (error.code === 'unauthorized') headers['www-authenticate'] = 'Bearer';
  send(res, httpStatusOf(error.code), headers, JSON.stringify({ error }));
}

/** Anything thrown or returned as an error, as the wire error; unknown throwables are `internal`. */
export function toWireError(value: unknown): WireError {
  if (typeof value === 'object' && value !== null) {
    const { code, message, details } = value as { code?: unknown; message?: unknown; details?: unknown };
    if (isErrorCode(code) && code !== 'internal') {
      return {
        code: code as ErrorCode,
        message: typeof message === 'string' ? message : code,
        details: typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {},
      };
    }
  }
  // A bug's message and stack go to the log, never to the client.
  return { code: 'internal', message: 'internal error', details: {} };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { ...COMMON_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
