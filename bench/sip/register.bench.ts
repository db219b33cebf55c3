// Benchmark: REGISTER with digest authentication per second through Switchboard's registrar
// over UDP (the whole stack: guards, parser, transaction layer, registrar with MD5 digest,
// nonce-count tracking, binding store), with sipp as the load generator on this machine.
// Baseline in the same run: the same sipp scenario against a trivial responder that answers
// without parsing (bench/sip/trivial-responder.ts). Target: >= 3,000 registrations/s with zero
// failed registrations, at some offered rate, in the same run as the baseline. sipp offers a
// ladder of rates (each for `seconds`); a rate the peer cannot sustain shows up as fewer
// registrations per second than offered, sipp retransmissions and, past a point, failures.
// Not a test: run it with
//   npx node bench/sip/register.bench.ts [--rates 3000,4000,5000] [--seconds 8] [--phones 2000]
import { parseArgs } from 'node:util';
import { SipRegistrar } from '../../packages/telephony/src/sip/registrar.ts';
import { RegistrationStore } from '../../packages/telephony/src/sip/registration-store.ts';
import { SystemSipClock } from '../../packages/telephony/src/sip/sip-clock.ts';
import { SipGuards } from '../../packages/telephony/src/sip/sip-guards.ts';
import { SipService } from '../../packages/telephony/src/sip/sip-service.ts';
import { requireSipp } from '../../packages/telephony/src/sip/b2bua/sipp-process.ts';
import { runSipp, type SippPhone } from '../../packages/telephony/src/sip/sipp-runner.ts';
import { InMemorySipUserDirectory } from '../../packages/telephony/src/sip/sip-user-directory.ts';
import { printTable, writeResults } from '../support/bench-output.ts';
import { TrivialResponder } from './trivial-responder.ts';

export interface RegisterBenchOptions {
  /** Registrations sipp starts per second. */
  readonly rate: number;
  readonly calls: number;
  readonly phones: number;
}

export interface RegisterBenchRow {
  readonly peer: 'switchboard registrar' | 'trivial responder (baseline)';
  readonly offeredPerSecond: number;
  readonly calls: number;
  readonly successful: number;
  readonly failed: number;
  readonly seconds: number;
  readonly registrationsPerSecond: number;
  readonly sippExitCode: number | null;
}

export const TARGET_PER_SECOND = 3_000;

function phones(count: number): SippPhone[] {
  return Array.from({ length: count }, (_, i) => ({ extension: String(100_000 + i), password: `pw${i}` }));
}

async function measure(
  peer: RegisterBenchRow['peer'],
  port: number,
  options: RegisterBenchOptions,
): Promise<RegisterBenchRow> {
  const result = await runSipp({
    scenario: 'register-digest.xml',
    remotePort: port,
    transport: 'UDP',
    phones: phones(options.phones),
    calls: options.calls,
    rate: options.rate,
    maxConcurrent: Math.max(100, options.rate),
    timeoutMs: Math.max(30_000, (options.calls / options.rate) * 3_000),
  });
  const seconds = result.elapsedMs / 1000;
  return {
    peer,
    offeredPerSecond: options.rate,
    calls: options.calls,
    successful: result.successful,
    failed: result.failed + Math.max(0, options.calls - result.successful - result.failed),
    seconds,
    registrationsPerSecond: result.successful / seconds,
    sippExitCode: result.exitCode,
  };
}

async function registrarRow(options: RegisterBenchOptions): Promise<RegisterBenchRow> {
  const clock = new SystemSipClock();
  const store = new RegistrationStore(clock);
  const directory = new InMemorySipUserDirectory(
    phones(options.phones).map((p) => [p.extension, { password: p.password }]),
  );
  const registrar = new SipRegistrar({
    clock,
    directory,
    store,
    // sipp 3.6 answers only the first challenge and only MD5.
    policy: { realm: 'bench', nonceSecret: 'bench', algorithms: { UDP: ['MD5'], TCP: ['MD5'], WS: ['MD5'] } },
  });
  // The guards stay in the path; the one load generator's address is exempt from the per-source limit.
  const guards = new SipGuards({ exempt: ['127.0.0.1'] });
  const service = await SipService.start({
    clock,
    registrar,
    guards,
    listen: { address: '127.0.0.1', udpPort: 0, tcpPort: false },
  });
  try {
    const row = await measure('switchboard registrar', service.ports.udp!, options);
    const registered = phones(options.phones).filter((p) => store.isRegistered(p.extension)).length;
    if (row.failed === 0 && registered !== Math.min(options.phones, options.calls)) {
      throw new Error(`sipp saw success but only ${registered} phones are registered`);
    }
    return row;
  } finally {
    await service.close();
    store.clear();
    clock.cancelAll();
  }
}

async function baselineRow(options: RegisterBenchOptions): Promise<RegisterBenchRow> {
  const responder = await TrivialResponder.start();
  try {
    return await measure('trivial responder (baseline)', responder.port, options);
  } finally {
    await responder.close();
  }
}

export async function benchRegister(options: RegisterBenchOptions): Promise<RegisterBenchRow[]> {
  requireSipp();
  return [await registrarRow(options), await baselineRow(options)];
}

/** The best registrar row that had no failure (the figure held against the target). */
export function bestClean(rows: readonly RegisterBenchRow[]): RegisterBenchRow | undefined {
  return rows
    .filter((r) => r.peer === 'switchboard registrar' && r.failed === 0)
    .sort((a, b) => b.registrationsPerSecond - a.registrationsPerSecond)[0];
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { rates: { type: 'string' }, seconds: { type: 'string' }, phones: { type: 'string' } },
  });
  const rates = (values.rates ?? '3000,4000,5000').split(',').map(Number);
  const seconds = Number(values.seconds ?? 8);
  const phoneCount = Number(values.phones ?? 2_000);
  const rows: RegisterBenchRow[] = [];
  for (const rate of rates)
    rows.push(...(await benchRegister({ rate, calls: rate * seconds, phones: phoneCount })));
  printTable(
    `sip register: REGISTER, 401, REGISTER with MD5 digest, 200 - over UDP on loopback, sipp as ${phoneCount} phones, ` +
      `${seconds} s per offered rate (target >= ${TARGET_PER_SECOND}/s with 0 failed)`,
    ['peer', 'offered/s', 'calls', 'ok', 'failed', 'seconds', 'registrations/s'],
    rows.map((r) => [
      r.peer,
      r.offeredPerSecond,
      r.calls,
      r.successful,
      r.failed,
      r.seconds.toFixed(2),
      Math.round(r.registrationsPerSecond),
    ]),
  );
  const best = bestClean(rows);
  writeResults('sip-register', {
    options: { rates, seconds, phones: phoneCount },
    baseline: 'trivial UDP responder (no SIP parsing), same sipp scenario, same run',
    rows,
    bestRegistrationsPerSecond: best?.registrationsPerSecond ?? 0,
    targetPerSecond: TARGET_PER_SECOND,
    meetsTarget: (best?.registrationsPerSecond ?? 0) >= TARGET_PER_SECOND,
  });
}
