// The real server in sip mode as a child process for the end-to-end tests: `switchboard start
// --config <file>` on a temp data directory, HTTP on a free port (read back from its 'listening' log
// line), SIP on the port the test chose, the demo contact center seeded on first start. Its JSON log
// lines are kept for the assertions; it is stopped by its own PID (SIGTERM, or SIGKILL for the crash
// test).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = new URL('../../bin/switchboard.ts', import.meta.url).pathname;

/** Every agent phone of the tests: extension 1001 is agent1's, 1002 agent2's, … */
export function phoneOf(n: number): { readonly extension: string; readonly password: string } {
  return { extension: String(1000 + n), password: `pw-${1000 + n}` };
}

/** The config file of a sip-mode server: SIP on `sipPort` (UDP and TCP), loopback trunk, phones 1..n. */
export function writeSipConfig(dir: string, sipPort: number, phones: number): string {
  const path = join(dir, 'switchboard.config.json');
  const config = {
    data: { dir },
    http: { host: '127.0.0.1', port: 0 },
    log: { level: 'info' },
    telephony: { kind: 'sip' },
    sip: {
      host: '127.0.0.1',
      udpPort: sipPort,
      tcpPort: sipPort,
      realm: 'switchboard.e2e',
      // sipp answers the first challenge only, and knows only MD5.
      digestAlgorithms: ['MD5', 'SHA-256'],
      // In-dialog OPTIONS would be unexpected messages in sipp's scenarios.
      keepaliveSeconds: 0,
      trunks: [{ id: 'loopback-carrier', addresses: ['127.0.0.1'] }],
      phones: Array.from({ length: phones }, (_, i) => phoneOf(i + 1)),
    },
  };
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export interface LogLine {
  readonly msg: string;
  readonly [field: string]: unknown;
}

export class SipServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  readonly logs: LogLine[];

  private constructor(child: ChildProcess, base: string, logs: LogLine[]) {
    this.child = child;
    this.base = base;
    this.logs = logs;
  }

  static async start(configPath: string): Promise<SipServerProcess> {
    const child = spawn(process.execPath, [BIN, 'start', '--config', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: LogLine[] = [];
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-5000);
    });
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start within 30 s: ${stderr}`)),
        30_000,
      );
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as LogLine;
        logs.push(entry);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(entry.port as number);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${stderr}`));
      });
    });
    return new SipServerProcess(child, `http://127.0.0.1:${port}`, logs);
  }

  /** kill -9: no stop, no flush, nothing written after this. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    process.kill(this.child.pid!, 'SIGKILL');
    await exited;
  }

  /** SIGTERM: the graceful stop; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    process.kill(this.child.pid!, 'SIGTERM');
    return exited;
  }

  async token(username: string, password: string): Promise<string> {
    const res = await this.request('POST', '/api/v1/auth/login', null, { username, password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { accessToken: string }).accessToken;
  }

  async request(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  }

  async get<T>(path: string, token: string | null): Promise<T> {
    const res = await this.request('GET', path, token);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** Every contact record (all pages). */
  async records(token: string): Promise<{ contactId: string; outcome: string; [k: string]: unknown }[]> {
    const out: { contactId: string; outcome: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { contactId: string; outcome: string }[]; nextCursor: string | null } =
        await this.get(
          `/api/v1/contact-records?from=0&to=9999999999999&limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          token,
        );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return out;
  }

  /** The /health SIP component. */
  async sipHealth(): Promise<Record<string, unknown>> {
    const report = await this.get<{ components: { sip: Record<string, unknown> } }>('/health', null);
    return report.components.sip;
  }
}

/** Polls `check` every 100 ms until it holds; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not reached within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
