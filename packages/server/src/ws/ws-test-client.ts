// A `ws` client for the tests: keeps every frame the server sent, in order, and lets a test wait
// for the next frame matching a predicate.
import WebSocket from 'ws';

/** A server frame as the tests read it: the common fields typed, the rest open. */
export interface Frame {
  readonly type: string;
  readonly id?: string | null;
  readonly seq?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly details: Record<string, unknown>;
  };
  readonly topic?: string;
  readonly full?: boolean;
  readonly [field: string]: unknown;
}

export interface ConnectOptions {
  readonly token?: string;
  /** Where the token goes (default: the query string). */
  readonly via?: 'query' | 'header' | 'protocol';
  readonly origin?: string;
  readonly protocols?: readonly string[];
  /** false: the client does not answer server pings (a dead peer). */
  readonly autoPong?: boolean;
}

function target(
  url: string,
  options: ConnectOptions,
): { url: string; ws: WebSocket.ClientOptions; protocols: string[] } {
  const protocols = [...(options.protocols ?? [])];
  const headers: Record<string, string> = {};
  let full = url;
  if (options.token !== undefined) {
    const via = options.via ?? 'query';
    if (via === 'query') full = `${url}?access_token=${encodeURIComponent(options.token)}`;
    else if (via === 'header') headers.authorization = `Bearer ${options.token}`;
    else protocols.push(`bearer.${options.token}`);
  }
  return {
    url: full,
    protocols,
    ws: {
      headers,
      ...(options.origin === undefined ? {} : { origin: options.origin }),
      autoPong: options.autoPong ?? true,
    },
  };
}

export class TestClient {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: Array<() => void> = [];
  #pings = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      // A batch is unwrapped: the tests read frames one by one, as a client handles them.
      const message = JSON.parse(String(data)) as Frame;
      if (message.type === 'batch') this.frames.push(...(message.frames as Frame[]));
      else this.frames.push(message);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: String(reason) });
        for (const wake of this.#waiters.splice(0)) wake();
      });
    });
  }

  /** Connects and waits for the hello frame. */
  static async connect(url: string, options: ConnectOptions = {}): Promise<TestClient> {
    const t = target(url, options);
    const ws = new WebSocket(t.url, t.protocols, t.ws);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.next((f) => f.type === 'hello');
    return client;
  }

  /** The HTTP status of a refused upgrade (rejects if the upgrade succeeds). */
  static async refusal(url: string, options: ConnectOptions = {}): Promise<{ status: number; body: string }> {
    const t = target(url, options);
    const ws = new WebSocket(t.url, t.protocols, t.ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.terminate();
        reject(new Error('the upgrade was accepted'));
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += String(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', () => {});
    });
  }

  get hello(): Frame {
    return this.frames.find((f) => f.type === 'hello')!;
  }

  send(frame: object | string | Buffer, binary = false): void {
    if (typeof frame === 'string' || Buffer.isBuffer(frame)) this.ws.send(frame, { binary });
    else this.ws.send(JSON.stringify(frame));
  }

  /** The first frame at or after `from` matching `match`, waiting up to `timeoutMs` for it. */
  async next(match: (frame: Frame) => boolean, timeoutMs = 3000, from = 0): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(
          `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  result(id: string, timeoutMs = 3000): Promise<Frame> {
    return this.next((f) => f.type === 'result' && f.id === id, timeoutMs);
  }

  /** Sends a command frame and waits for its result. */
  async command(id: string, command: string, args: object = {}): Promise<Frame> {
    this.send({ type: 'command', id, command, args });
    return this.result(id);
  }

  async subscribe(id: string, topics: readonly string[]): Promise<{ result: Frame; snapshot: Frame }> {
    const from = this.frames.length;
    this.send({ type: 'subscribe', id, topics });
    const result = await this.result(id);
    const at = this.frames.indexOf(result);
    const snapshot = await this.next((f) => f.type === 'snapshot', 3000, Math.max(from, at));
    return { result, snapshot };
  }

  /** Lets every frame in flight arrive: a ping round trip (the server answers in order). */
  async settle(): Promise<void> {
    const id = `settle-${++this.#pings}`;
    this.send({ type: 'ping', id });
    await this.next((f) => f.type === 'pong' && f.id === id);
  }

  events(): Frame[] {
    return this.frames.filter((f) => f.type === 'event');
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000);
    return this.closed;
  }
}
