// sipp (Debian package sip-tester) as a real SIP peer for tests and benchmarks: a trunk placing
// calls, agent phones answering them, phones registering - against the B2BUA and the registrar
// here, and against the server process in the server's end-to-end tests
// (`@switchboard/telephony/testing` exports it to them). This is the one place that spawns sipp:
// runSipp (../sipp-runner.ts) is a REGISTER run on top of it. Each run gets its own temp dir and
// free port on 127.0.0.1, writes its statistics with -trace_stat (read back from the CSV:
// successful, failed and created call counts), and is stopped by its PID - SIGUSR1 asks sipp to
// finish gracefully, SIGKILL follows if it does not. A missing sipp throws (the tests fail, never
// skip).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIPP_SCENARIOS = join(import.meta.dirname, '..', '..', '..', 'testdata', 'sipp');

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

export interface SippStartOptions {
  /** File under this package's testdata/sipp, or an absolute path (another package's scenarios). */
  readonly scenario: string;
  /** host:port to call; omitted for a UAS (it waits for calls). */
  readonly remote?: string;
  /** Lines of the injection file (after SEQUENTIAL), fields separated by ';'. */
  readonly injection?: readonly string[];
  /** Further sipp arguments (-m, -r, -l, -d, -s ...). */
  readonly args?: readonly string[];
  readonly port?: number;
  /** Transport to the peer (sipp -t u1 / t1: one socket for all calls); default UDP. */
  readonly transport?: 'UDP' | 'TCP';
  /**
   * Messages sipp reads per cycle before it sends again (-max_recv_loops); default 10,000 for the
   * call runs' bursts of answers. runSipp keeps sipp's own 1,000, what the REGISTER benchmark was
   * measured with (with 10,000 it often fell short of 4,000/s offered here, though on a busy machine).
   */
  readonly maxRecvLoops?: number;
  /** Killed after this long; default 60 s. */
  readonly timeoutMs?: number;
}

export interface SippOutcome {
  readonly exitCode: number | null;
  readonly successful: number;
  readonly failed: number;
  /** Calls sipp created (the trunk side: INVITEs sent; a UAS: INVITEs taken). */
  readonly created: number;
  readonly elapsedMs: number;
  readonly errors: string;
  readonly output: string;
}

export class SippProcess {
  readonly port: number;
  readonly done: Promise<SippOutcome>;
  readonly #child: ChildProcess;

  private constructor(port: number, child: ChildProcess, done: Promise<SippOutcome>) {
    this.port = port;
    this.#child = child;
    this.done = done;
  }

  static async start(options: SippStartOptions): Promise<SippProcess> {
    requireSipp();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-sipp-call-'));
    const port = options.port ?? (await freePort());
    const statFile = join(dir, 'stat.csv');
    const errorFile = join(dir, 'errors.log');
    const scenario = options.scenario.startsWith('/')
      ? options.scenario
      : join(SIPP_SCENARIOS, options.scenario);
    const args = [
      ...['-sf', scenario, '-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(port)],
      ...['-t', options.transport === 'TCP' ? 't1' : 'u1'],
      ...['-trace_stat', '-stf', statFile, '-fd', '1', '-trace_err', '-error_file', errorFile],
      // sipp's socket buffers default to 64 KiB: a burst of answers would be lost in its kernel queue.
      ...['-buff_size', String(4 * 1024 * 1024), '-nostdin'],
      ...['-max_recv_loops', String(options.maxRecvLoops ?? 10_000)],
      ...(options.args ?? []),
    ];
    if (options.injection !== undefined) {
      const inf = join(dir, 'fields.csv');
      writeFileSync(inf, `SEQUENTIAL\n${options.injection.join('\n')}\n`);
      args.push('-inf', inf);
    }
    if (options.remote !== undefined) args.push(options.remote);
    const started = performance.now();
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const timeoutMs = options.timeoutMs ?? 60_000;
    const done = new Promise<SippOutcome>((resolve) => {
      const killer = setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      }, timeoutMs);
      child.on('close', (code) => {
        clearTimeout(killer);
        const counts = readStats(statFile);
        let errors = '';
        try {
          errors = readFileSync(errorFile, 'utf8');
        } catch {
          // No error file: sipp had nothing to complain about.
        }
        rmSync(dir, { recursive: true, force: true });
        resolve({ exitCode: code, ...counts, elapsedMs: performance.now() - started, errors, output });
      });
    });
    return new SippProcess(port, child, done);
  }

  /** Asks sipp to finish (SIGUSR1: graceful quit), kills it if it has not after 5 s. */
  async stop(): Promise<SippOutcome> {
    const pid = this.#child.pid;
    if (pid !== undefined && this.#child.exitCode === null && this.#child.signalCode === null) {
      process.kill(pid, 'SIGUSR1');
      const hard = setTimeout(() => {
        if (this.#child.exitCode === null && this.#child.signalCode === null) process.kill(pid, 'SIGKILL');
      }, 5_000);
      const outcome = await this.done;
      clearTimeout(hard);
      return outcome;
    }
    return this.done;
  }
}

/** Successful, failed and created call counts from the last line of sipp's -trace_stat CSV. */
function readStats(file: string): { successful: number; failed: number; created: number } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { successful: 0, failed: 0, created: 0 };
  }
  const rows = text.split('\n').filter((l) => l.trim().length > 0);
  const header = rows[0]?.split(';') ?? [];
  const last = rows.at(-1)?.split(';') ?? [];
  const column = (name: string) => Number(last[header.indexOf(name)] ?? 0) || 0;
  return {
    successful: column('SuccessfulCall(C)'),
    failed: column('FailedCall(C)'),
    created: column('TotalCallCreated'),
  };
}

/** A sipp outcome for an assertion message: counts, the start of the error log, the end of the output. */
export function explain(label: string, o: SippOutcome): string {
  return `${label}: exit ${o.exitCode}, ${o.successful} ok, ${o.failed} failed\n${o.errors.slice(0, 1500)}\n${o.output.slice(-1500)}`;
}
