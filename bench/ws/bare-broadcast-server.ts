// The baseline of the WebSocket benchmark: a bare `ws` server that sends the same frames as
// Switchboard (same payload text, same per-connection seq and topic) with the same batching (one
// message per connection per loop turn — a batch frame when there are several — in one corked write), but knows nothing else: no authentication, no
// sessions, no subscriptions or role filter (each event's recipients were worked out before the
// run), no replay buffer, no statistics, no metrics. What Switchboard costs beyond it is the price
// of its features.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EngineEvent } from '@switchboard/engine';
import { type WebSocket, WebSocketServer } from 'ws';
import { batchFrameText } from '@switchboard/protocol';
import { eventFrameText } from '../../packages/server/src/ws/frame-text.ts';

interface BareConnection {
  readonly ws: WebSocket;
  readonly socket: Socket;
  seq: number;
  frames: string[];
}

export class BareBroadcastServer {
  readonly server: Server;
  readonly #connections: (BareConnection | undefined)[] = [];
  readonly #dirty: BareConnection[] = [];
  #scheduled = false;

  private constructor(server: Server) {
    this.server = server;
  }

  /** Connection `i` connects to `<url>?i=<i>`. */
  static async start(): Promise<{ server: BareBroadcastServer; url: string }> {
    const http = createServer();
    const bare = new BareBroadcastServer(http);
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
    http.on('upgrade', (req, socket, head) => {
      const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'));
      wss.handleUpgrade(req, socket, head, (ws) => {
        bare.#connections[i] = { ws, socket: socket as Socket, seq: 0, frames: [] };
        ws.on('message', () => {});
        ws.on('close', () => {
          bare.#connections[i] = undefined;
        });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { server: bare, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/` };
  }

  publish(event: EngineEvent, recipients: readonly number[], topics: readonly string[]): void {
    if (recipients.length === 0) return;
    const json = JSON.stringify(event);
    for (let r = 0; r < recipients.length; r++) {
      const connection = this.#connections[recipients[r]!];
      if (connection === undefined) continue;
      connection.seq += 1;
      connection.frames.push(eventFrameText(connection.seq, topics[r]!, json));
      if (connection.frames.length === 1) this.#mark(connection);
    }
  }

  #mark(connection: BareConnection): void {
    this.#dirty.push(connection);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      for (const c of this.#dirty.splice(0)) {
        const frames = c.frames;
        c.frames = [];
        c.socket.cork();
        c.ws.send(batchFrameText(frames));
        c.socket.uncork();
      }
    });
  }

  async close(): Promise<void> {
    for (const c of this.#connections) c?.ws.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
