// The server's one handler for every HTTP request that is not a WebSocket upgrade: /health,
// /metrics, /openapi.json, /docs and the REST API under /api/v1. Each request gets a request id
// (the client's x-request-id when it is sane, else a new one, echoed back), one JSON log line, and
// its place in the HTTP metrics. Whatever a client sends, the answer is a status and, for errors,
// the protocol's envelope; a bug in a handler is a 500 envelope and an error log line.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { buildOpenApi, HTTP_METHODS, ROUTES, renderApiDocsHtml, wireError } from '@switchboard/protocol';
import type { AppContext } from '../app/app-context.ts';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from '../auth/password-hash.ts';
import { type RequestNote, serveApi } from './api-router.ts';
import { type HealthReport, healthHttpStatus } from './health-report.ts';
import { HttpMetrics } from './http-metrics.ts';
import { sendError, sendJson, sendText, toWireError } from './http-send.ts';
import type { HandlerEnv } from './route-call.ts';

export interface HttpExtras {
  readonly health: () => HealthReport;
  /** Open WebSocket connections, shown in /health. */
  readonly wsConnections?: () => number;
  /** scrypt parameters for passwords set through the API (default: the auth layer's). */
  readonly passwordParams?: ScryptParams;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// The docs page carries its own inline style and nothing else.
const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function createHttpHandler(ctx: AppContext, extras: HttpExtras): HttpHandler {
  const metrics = new HttpMetrics(ctx.metrics);
  // Built once: the catalogue does not change while the server runs.
  const openApi = buildOpenApi(ROUTES);
  const openApiJson = JSON.stringify(openApi);
  const docsHtml = renderApiDocsHtml(openApi);
  const env: HandlerEnv = {
    ctx,
    passwordParams: extras.passwordParams ?? DEFAULT_SCRYPT_PARAMS,
  };

  const serveFixed = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    note: RequestNote,
  ): boolean => {
    if (req.method !== 'GET') return false;
    switch (path) {
      case '/health': {
        note.route = 'health';
        const report = extras.health();
        const body =
          extras.wsConnections === undefined ? report : { ...report, wsConnections: extras.wsConnections() };
        sendJson(res, healthHttpStatus(report), body);
        return true;
      }
      case '/metrics':
        note.route = 'metrics';
        sendText(res, 200, 'text/plain; version=0.0.4; charset=utf-8', ctx.metrics.render());
        return true;
      case '/openapi.json':
        note.route = 'openapi';
        sendText(res, 200, 'application/json; charset=utf-8', openApiJson);
        return true;
      case '/docs':
        note.route = 'docs';
        sendText(res, 200, 'text/html; charset=utf-8', docsHtml, { 'content-security-policy': DOCS_CSP });
        return true;
      default:
        return false;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    // A client that goes away mid-request must not become an uncaught 'error' event.
    req.on('error', () => {});
    res.on('error', () => {});
    const note: RequestNote = { route: 'unmatched' };
    let path = '';
    try {
      const url = new URL(req.url ?? '/', 'http://switchboard.invalid');
      path = url.pathname;
      if (!serveFixed(req, res, path, note)) {
        if (path === '/api/v1' || path.startsWith('/api/v1/')) await serveApi(req, res, url, env, note);
        else {
          note.error = wireError('not_found', `nothing at ${path.slice(0, 200)}`);
          sendError(res, note.error);
        }
      }
    } catch (error) {
      note.cause = error;
      note.error = toWireError(error);
      sendError(res, note.error);
    }
    const durationMs = performance.now() - started;
    const method = (HTTP_METHODS as readonly string[]).includes(req.method ?? '') ? req.method! : 'other';
    metrics.observe(note.route, method, res.statusCode, durationMs);
    const fields = {
      requestId,
      method: req.method,
      path: path.slice(0, 200),
      route: note.route,
      status: res.statusCode,
      durationMs: Math.round(durationMs * 1000) / 1000,
      ...(note.userId === undefined ? {} : { userId: note.userId }),
      ...(note.contactId === undefined ? {} : { contactId: note.contactId }),
      ...(note.error === undefined ? {} : { error: note.error.code, reason: note.error.details.reason }),
      ...(note.aborted ? { aborted: true } : {}),
      ...(note.cause === undefined ? {} : { cause: note.cause }),
    };
    if (res.statusCode >= 500) ctx.log.error('http request failed', fields);
    else ctx.log.info('http request', fields);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only a failing logger or metrics call gets here; the answer is out or never will be.
      if (!res.headersSent) sendError(res, toWireError(error));
      else res.destroy();
    });
  };
}
