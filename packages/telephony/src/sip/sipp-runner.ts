// A REGISTER run of sipp for the registration tests and the REGISTER benchmark: turns the phones
// (extension, digest credentials, contact) into sipp's injection file and the run's shape (calls,
// rate, concurrency, time limit) into sipp options. Spawning, killing and reading the statistics
// are SippProcess's (b2bua/sipp-process.ts), the one sipp wrapper.
import { SippProcess, type SippOutcome } from './b2bua/sipp-process.ts';

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
  /** sipp stops itself after this long (and counts it an error); default 30 s. */
  readonly timeoutMs?: number;
}

/** Runs sipp as the phones against 127.0.0.1:remotePort until its calls are done. */
export async function runSipp(options: SippRunOptions): Promise<SippOutcome> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sipp = await SippProcess.start({
    scenario: options.scenario,
    remote: `127.0.0.1:${options.remotePort}`,
    transport: options.transport,
    // sipp's default, as the REGISTER benchmark's figures were measured (see SippStartOptions).
    maxRecvLoops: 1_000,
    // Fields [field0];[field1];[field2] of register-digest*.xml: user, its credentials, Contact user.
    injection: options.phones.map(
      (p) =>
        `${p.extension};[authentication username=${p.extension} password=${p.password}];${p.contactUser ?? p.extension}`,
    ),
    args: [
      ...['-m', String(options.calls), '-r', String(options.rate ?? 10), '-rp', '1000'],
      ...['-l', String(options.maxConcurrent ?? 100), '-recv_timeout', '5000'],
      ...['-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error', '-default_behaviors', '-bye'],
    ],
    // sipp's own -timeout ends a stuck run with its statistics; the kill is only the backstop.
    timeoutMs: timeoutMs + 5_000,
  });
  return sipp.done;
}
