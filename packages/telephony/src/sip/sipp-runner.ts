// Runs sipp (Debian package sip-tester) as a real SIP peer for the tests and the REGISTER
// benchmark: writes the injection file of phones (extension, digest credentials, contact),
// starts sipp on 127.0.0.1 with a free local port, kills it by PID if it overstays, and reads
// the successful/failed call counts from its final statistics screen.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIPP_SCENARIOS = join(import.meta.dirname, '..', '..', 'testdata', 'sipp');

export interface SippPhone {
  readonly extension: string;
  readonly password: string;
  /** User part of the Contact; default the extension (several per extension = several contacts). */
  readonly contactUser?: string;
}

export interface SippRunOptions {
  /** File name under testdata/sipp, or an absolute path. */
  readonly scenario: string;
  readonly remotePort: number;
  readonly transport: 'UDP' | 'TCP';
  readonly phones: readonly SippPhone[];
  /** Calls (registrations) to run; the phones are used in turn. */
  readonly calls: number;
  /** Calls started per second; default 10. */
  readonly rate?: number;
  /** Calls in progress at once; default 100. */
  readonly maxConcurrent?: number;
  /** sipp is killed after this long; default 30 s. */
  readonly timeoutMs?: number;
}

export interface SippResult {
  readonly exitCode: number | null;
  readonly successful: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly errors: string;
  readonly output: string;
}

/** Throws with a clear message when sipp is not installed: the tests must fail, never skip. */
export function requireSipp(): void {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error !== undefined || !/SIPp/.test(`${probe.stdout}${probe.stderr}`)) {
    throw new Error(
      'sipp is not installed: these tests need a real SIP peer. Install the Debian package ' +
        '`sip-tester` (apt-get install -y sip-tester); CI installs it from .ci/apt-packages.',
    );
  }
}

/** A port free on 127.0.0.1 for both UDP and TCP right now (sipp binds it a moment later). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port on 127.0.0.1');
}

function lastCount(output: string, label: string): number {
  const lines = output.split('\n').filter((l) => l.includes(label));
  const numbers = lines.at(-1)?.match(/\d+/g) ?? [];
  return Number(numbers.at(-1) ?? 0);
}

export async function runSipp(options: SippRunOptions): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-sipp-'));
  const users = join(dir, 'phones.csv');
  const errorFile = join(dir, 'errors.log');
  const lines = options.phones.map(
    (p) =>
      `${p.extension};[authentication username=${p.extension} password=${p.password}];${p.contactUser ?? p.extension}`,
  );
  writeFileSync(users, `SEQUENTIAL\n${lines.join('\n')}\n`);
  const scenario = options.scenario.startsWith('/')
    ? options.scenario
    : join(SIPP_SCENARIOS, options.scenario);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const args = [
    ...['-sf', scenario, '-inf', users, '-m', String(options.calls)],
    ...['-i', '127.0.0.1', '-p', String(await freePort()), '-t', options.transport === 'TCP' ? 't1' : 'u1'],
    ...['-r', String(options.rate ?? 10), '-rp', '1000', '-l', String(options.maxConcurrent ?? 100)],
    ...['-recv_timeout', '5000', '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error'],
    // sipp's socket buffers default to 64 KiB: a burst of answers would be lost in its kernel queue.
    ...['-buff_size', String(4 * 1024 * 1024)],
    ...['-nostdin', '-trace_err', '-error_file', errorFile, '-default_behaviors', '-bye'],
    `127.0.0.1:${options.remotePort}`,
  ];
  const started = performance.now();
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    // Keep the tail only: the final statistics screen is what is read.
    output = (output + chunk.toString('utf8')).slice(-20_000);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  });
  const exitCode = await new Promise<number | null>((resolve) => {
    const killer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs + 5_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
  });
  const elapsedMs = performance.now() - started;
  let errors = '';
  try {
    errors = readFileSync(errorFile, 'utf8');
  } catch {
    // No error file: sipp had nothing to complain about.
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    exitCode,
    successful: lastCount(output, 'Successful call'),
    failed: lastCount(output, 'Failed call'),
    elapsedMs,
    errors,
    output,
  };
}
