// sipp (Debian package sip-tester) as a real SIP peer of the server in the end-to-end tests: agent
// phones registering and answering, a trunk placing calls. Each run gets its own temp directory and
// a free port on 127.0.0.1, writes its statistics with -trace_stat (successful and failed calls are
// read back from the CSV), and is stopped by its own PID: SIGUSR1 asks sipp to finish, SIGKILL
// follows if it does not. A missing sipp throws: the tests fail, never skip.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, requireSipp } from '@switchboard/telephony/testing';

export const SIPP_SCENARIOS = join(import.meta.dirname, 'testdata');

export { freePort, requireSipp };

export interface SippOptions {
  /** File under ./testdata. */
  readonly scenario: string;
  /** host:port to send to; omitted for a UAS (it waits for calls). */
  readonly remote?: string;
  /** Lines of the injection file (after SEQUENTIAL), fields separated by ';'. */
  readonly injection?: readonly string[];
  /** Further sipp arguments (-m, -r, -l, -d, -s ...). */
  readonly args?: readonly string[];
  /** Killed after this long; default 60 s. */
  readonly timeoutMs?: number;
}

export interface SippOutcome {
  readonly exitCode: number | null;
  readonly successful: number;
  readonly failed: number;
  readonly errors: string;
  readonly output: string;
}

export class SippPeer {
  readonly port: number;
  readonly done: Promise<SippOutcome>;
  readonly #child: ChildProcess;

  private constructor(port: number, child: ChildProcess, done: Promise<SippOutcome>) {
    this.port = port;
    this.#child = child;
    this.done = done;
  }

  static async start(options: SippOptions): Promise<SippPeer> {
    requireSipp();
    const dir = mkdtempSync(join(tmpdir(), 'sb-sipp-'));
    const port = await freePort();
    const statFile = join(dir, 'stat.csv');
    const errorFile = join(dir, 'errors.log');
    const args = [
      ...['-sf', join(SIPP_SCENARIOS, options.scenario), '-i', '127.0.0.1', '-p', String(port), '-t', 'u1'],
      ...['-trace_stat', '-stf', statFile, '-fd', '1', '-trace_err', '-error_file', errorFile, '-nostdin'],
      ...(options.args ?? []),
    ];
    if (options.injection !== undefined) {
      const file = join(dir, 'fields.csv');
      writeFileSync(file, `SEQUENTIAL\n${options.injection.join('\n')}\n`);
      args.push('-inf', file);
    }
    if (options.remote !== undefined) args.push(options.remote);
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-10_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const done = new Promise<SippOutcome>((resolve) => {
      const killer = setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      }, options.timeoutMs ?? 60_000);
      child.on('close', (exitCode) => {
        clearTimeout(killer);
        let errors = '';
        try {
          errors = readFileSync(errorFile, 'utf8');
        } catch {
          // No error file: sipp had nothing to complain about.
        }
        const counts = readStats(statFile);
        rmSync(dir, { recursive: true, force: true });
        resolve({ exitCode, ...counts, errors: errors.slice(0, 3000), output });
      });
    });
    return new SippPeer(port, child, done);
  }

  /** Asks sipp to finish (SIGUSR1), kills it by PID if it has not after 5 s. */
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

/** Successful and failed call counts from the last line of sipp's -trace_stat CSV. */
function readStats(file: string): { successful: number; failed: number } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { successful: 0, failed: 0 };
  }
  const rows = text.split('\n').filter((l) => l.trim().length > 0);
  const header = rows[0]?.split(';') ?? [];
  const last = rows.at(-1)?.split(';') ?? [];
  const column = (name: string) => Number(last[header.indexOf(name)] ?? 0) || 0;
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}

/** A sipp outcome for an assertion message. */
export function explain(label: string, o: SippOutcome): string {
  return `${label}: exit ${o.exitCode}, ${o.successful} ok, ${o.failed} failed\n${o.errors}\n${o.output.slice(-1500)}`;
}
