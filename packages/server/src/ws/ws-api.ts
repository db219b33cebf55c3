import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WS_CLOSE } from '@switchboard/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppContext } from '../app/app-context.ts';
import { checkUpgrade, refuseUpgrade, selectProtocol } from './upgrade-gate.ts';
import type { WireSocket } from './ws-connection.ts';
import { WsHub } from './ws-hub.ts';
import { resolveWsOptions, type WsApiOptions } from './ws-options.ts';

export interface WebSocketApi {
  /** Stops accepting, closes every connection with 1001 (reconnect and resume) and stops all timers. */
  close(): Promise<void>;
  connectionCount(): number;
}

/** How long close() waits for clients to answer the close handshake before cutting them off. */
const CLOSE_WAIT_MS = 2000;

/**
 * Serves Switchboard's WebSocket API v1 (`/api/v1/ws`, protocol in packages/protocol/README.md)
 * on an existing HTTP server: upgrades are checked (origin, access token) before they are accepted,
 * engine events go out through the role filter and the subscriptions, commands through the
 * CommandExecutor.
 */
export function attachWebSocketApi(
  server: Server,
  ctx: AppContext,
  options: WsApiOptions = {},
): WebSocketApi {
  const o = resolveWsOptions(ctx.settings, options);
  const log = ctx.log.child({ component: 'ws' });
  const hub = new WsHub(ctx, o);
  const sockets = new Set<WebSocket>();
  let closing = false;

  // Oversize frames are refused by ws itself (close 1009) before they are buffered whole; UTF-8 is
  // checked by parseClientFrame, so a bad text frame gets a typed error instead of a closed socket.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.limits.maxBytes,
    skipUTF8Validation: true,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (offered) => selectProtocol(offered),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== o.path) {
      // Another upgrade handler may serve that path; if there is none, nobody would answer.
      if (server.listenerCount('upgrade') === 1) {
        socket.on('error', () => socket.destroy());
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      }
      return;
    }
    // The HTTP server hands the socket over without its error listener: a peer that resets the
    // connection while we refuse it must not take the process down.
    socket.on('error', () => socket.destroy());
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const decision = checkUpgrade(req, o.allowedOrigins, (token) =>
      ctx.auth.verifyAccessToken(token, ctx.clock.now()),
    );
    if (!decision.ok) {
      hub.metrics.upgradesRefused.inc({ status: String(decision.status) });
      refuseUpgrade(socket, decision.status, decision.error);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const connection = hub.connect(
        decision.principal,
        decision.expiresAt,
        wireSocketOf(ws),
        socket as Socket,
      );
      ws.on('message', (data) => hub.receive(connection, data as Buffer));
      ws.on('pong', () => hub.ponged(connection));
      ws.on('error', (error) => log.debug('websocket error', { connection: connection.id, err: error }));
      ws.on('close', () => {
        sockets.delete(ws);
        connection.ended();
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => hub.heartbeat(), o.heartbeatMs);
  heartbeat.unref();

  return {
    connectionCount: () => hub.connections.size,
    close: async () => {
      if (closing) return;
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      const open = [...sockets];
      hub.stop(WS_CLOSE.goingAway, 'server stopping');
      await Promise.all(open.map((ws) => closedOrCut(ws)));
      wss.close();
    },
  };
}

/** The part of a ws WebSocket the hub uses; frames are text. */
function wireSocketOf(ws: WebSocket): WireSocket {
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    ping: (data) => ws.ping(data),
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

function closedOrCut(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const cut = setTimeout(() => ws.terminate(), CLOSE_WAIT_MS);
    cut.unref();
    ws.once('close', () => {
      clearTimeout(cut);
      resolve();
    });
  });
}
