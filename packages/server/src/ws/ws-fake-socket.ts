// In-process tests of the WebSocket hub: a fake socket that records what the hub writes (and the
// corking around each batch), and a hub whose outbox is flushed by hand.
import type { Principal } from '../auth/principal.ts';
import type { Corkable, WireSocket, WsConnection } from './ws-connection.ts';
import { WsHub } from './ws-hub.ts';
import { resolveWsOptions, type WsApiOptions } from './ws-options.ts';
import type { Frame } from './ws-test-client.ts';
import type { TestContext } from './ws-test-app.ts';

export class FakeSocket implements WireSocket, Corkable {
  /** Everything done to the socket, in order: 'cork', 'send', 'uncork', 'ping <data>', 'close <code>'. */
  readonly log: string[] = [];
  readonly sent: string[] = [];
  closeCode: number | null = null;
  bufferedAmount = 0;

  send(text: string): void {
    this.sent.push(text);
    this.log.push('send');
  }

  cork(): void {
    this.log.push('cork');
  }

  uncork(): void {
    this.log.push('uncork');
  }

  close(code: number): void {
    this.closeCode = code;
    this.log.push(`close ${code}`);
  }

  ping(data: string): void {
    this.log.push(`ping ${data}`);
  }

  frames(): Frame[] {
    // Batches unwrapped: the frames in the order the client handles them.
    return this.sent.flatMap((text) => {
      const message = JSON.parse(text) as Frame;
      return message.type === 'batch' ? (message.frames as Frame[]) : [message];
    });
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.log.length = 0;
    this.sent.length = 0;
  }
}

export interface InProcessHub {
  readonly hub: WsHub;
  open(principal: Principal): { socket: FakeSocket; connection: WsConnection };
  /** Ends the current loop turn: every queued frame is written. */
  flush(): void;
}

export function inProcessHub(test: TestContext, options: WsApiOptions = {}): InProcessHub {
  const hub = new WsHub(test.ctx, resolveWsOptions(test.ctx.settings, options), () => {});
  const flush = () => hub.outbox.flushAll();
  return {
    hub,
    flush,
    open: (principal) => {
      const socket = new FakeSocket();
      const connection = hub.connect(principal, test.clock.now() + 3_600_000, socket, socket);
      flush();
      return { socket, connection };
    },
  };
}
