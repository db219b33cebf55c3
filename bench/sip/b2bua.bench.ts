// Benchmark: calls per second through Switchboard's B2BUA - trunk INVITE → queue (engine) → agent
// leg → 200 → ACK → BYE on both legs - with sipp on this machine as the trunk (trunk-call.xml) and
// as the agents' phones (agent-phone-bench.xml, all agents registered with digest first), and, in
// the same run, the same sipp scenarios through Kamailio as a transaction-stateful, record-routing
// proxy (the reference). Each offered rate runs for `seconds`; a rate counts as sustained when every
// call succeeded. Memory per established call = heap growth at mid-run / calls in progress then,
// measured on a run of long calls where none has ended by mid-run (at full rate the heap also holds
// the transactions of calls already ended, which RFC 6026 keeps for 32 s).
// Targets: >= 600 CPS and >= 35 % of Kamailio's best. Not a test: run it with
//   npx node --expose-gc bench/sip/b2bua.bench.ts [--rates 600,1200,1800]
//     [--kamailio-rates 600,1200,1800,2400,3000] [--seconds 10] [--talk 500] [--agents 2500]
//     [--memory-rate 200] [--memory-talk 20000]   (a run of long calls; --memory-rate 0 skips it)
import { parseArgs } from 'node:util';
import { registrationLines, startCenter } from '../../packages/telephony/src/sip/b2bua/b2bua-fixture.ts';
import { freePort, SippProcess } from '../../packages/telephony/src/sip/b2bua/sipp-process.ts';
import { printTable, writeResults } from '../support/bench-output.ts';
import { KamailioProxy } from './kamailio-proxy.ts';

export interface CallBenchOptions {
  readonly rates: readonly number[];
  readonly kamailioRates: readonly number[];
  readonly seconds: number;
  readonly talkMs: number;
  readonly agents: number;
  /** A run of long calls (none ends before mid-run), for memory per established call alone. */
  readonly memory?: { readonly rate: number; readonly talkMs: number };
}

export interface CallBenchRow {
  readonly peer: 'switchboard b2bua' | 'switchboard b2bua (held calls)' | 'kamailio (stateful proxy)';
  readonly offeredPerSecond: number;
  readonly talkMs: number;
  readonly calls: number;
  readonly successful: number;
  readonly failed: number;
  readonly seconds: number;
  readonly callsPerSecond: number;
  /** Calls in progress at mid-run (B2BUA only). */
  readonly concurrentCalls: number | null;
  /** Heap growth at mid-run per call in progress, bytes (B2BUA only). */
  readonly heapPerCallBytes: number | null;
}

export const TARGET_CPS = 600;
export const TARGET_SHARE_OF_KAMAILIO = 0.35;

const gc = (globalThis as { gc?: () => void }).gc;

function heapNow(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

function trunkArgs(rate: number, options: CallBenchOptions): string[] {
  const calls = rate * options.seconds;
  const limit = Math.ceil(rate * ((options.talkMs + 3_000) / 1000));
  return [
    '-s',
    '100',
    '-d',
    String(options.talkMs),
    '-m',
    String(calls),
    '-r',
    String(rate),
    '-l',
    String(limit),
  ];
}

/** The first thing sipp complained about, on stderr, for a run with failed calls. */
function reportFailures(peer: string, rate: number, outcome: { failed: number; errors: string }): void {
  if (outcome.failed === 0) return;
  const lines = outcome.errors.split('\n');
  const first =
    lines.find((l) => /Aborting|timeout|unexpected/i.test(l)) ?? lines.find((l) => l.trim() !== '');
  console.error(`${peer} at ${rate}/s: ${outcome.failed} failed - ${first?.slice(0, 300) ?? 'no detail'}`);
}

function row(
  peer: CallBenchRow['peer'],
  rate: number,
  options: CallBenchOptions,
  outcome: { successful: number; failed: number; elapsedMs: number },
  mid: { concurrent: number; heapPerCall: number } | null,
): CallBenchRow {
  // Calls start over (elapsed − one call's length): the rate they were sustained at.
  const seconds = Math.max(0.001, (outcome.elapsedMs - options.talkMs) / 1000);
  return {
    peer,
    offeredPerSecond: rate,
    talkMs: options.talkMs,
    calls: rate * options.seconds,
    successful: outcome.successful,
    failed: outcome.failed,
    seconds: Math.round(seconds * 100) / 100,
    callsPerSecond: Math.round(outcome.successful / seconds),
    concurrentCalls: mid?.concurrent ?? null,
    heapPerCallBytes: mid === null ? null : Math.round(mid.heapPerCall),
  };
}

type Center = Awaited<ReturnType<typeof startCenter>>;

/** One offered rate through the B2BUA; heap sampled at mid-run against the heap before it. */
async function measureB2bua(
  center: Center,
  peer: CallBenchRow['peer'],
  rate: number,
  options: CallBenchOptions,
): Promise<CallBenchRow> {
  const base = heapNow();
  const trunk = await SippProcess.start({
    scenario: 'trunk-call.xml',
    remote: `127.0.0.1:${center.port}`,
    injection: ['0990000000'],
    args: trunkArgs(rate, options),
    timeoutMs: options.seconds * 1000 + options.talkMs + 120_000,
  });
  let mid: { concurrent: number; heapPerCall: number } | null = null;
  const sampler = setTimeout(
    () => {
      const concurrent = center.telephony.activeCalls;
      mid = { concurrent, heapPerCall: concurrent === 0 ? 0 : (heapNow() - base) / concurrent };
    },
    (options.seconds * 1000) / 2,
  );
  const outcome = await trunk.done;
  clearTimeout(sampler);
  reportFailures(peer, rate, outcome);
  await until(() => center.telephony.activeCalls === 0 && center.engine.liveContacts === 0, 40_000);
  return row(peer, rate, options, outcome, mid);
}

export async function benchB2bua(options: CallBenchOptions): Promise<CallBenchRow[]> {
  const center = await startCenter({ agents: options.agents });
  const phones = await SippProcess.start({
    scenario: 'agent-phone-bench.xml',
    args: ['-l', '1000000'],
    timeoutMs: 3_600_000,
  });
  const rows: CallBenchRow[] = [];
  try {
    const registration = await SippProcess.start({
      scenario: 'agent-register.xml',
      remote: `127.0.0.1:${center.port}`,
      injection: registrationLines(center.extensions, phones.port),
      args: ['-m', String(options.agents), '-r', '500', '-l', '1000'],
      timeoutMs: 60_000,
    });
    const registered = await registration.done;
    if (registered.successful !== options.agents)
      throw new Error(`only ${registered.successful} of ${options.agents} agents registered`);
    center.loginAll();
    if (options.memory !== undefined) {
      // First, on a quiet heap: the registrations' transactions (timer J, 32 s) must be gone, or
      // their release during the run would hide the calls' own growth.
      const transactions = center.telephony.service.transactions;
      await until(
        () => transactions.serverTransactionCount + transactions.clientTransactionCount === 0,
        40_000,
      );
      const long = { ...options, talkMs: options.memory.talkMs };
      rows.push(await measureB2bua(center, 'switchboard b2bua (held calls)', options.memory.rate, long));
    }
    for (const rate of options.rates)
      rows.push(await measureB2bua(center, 'switchboard b2bua', rate, options));
  } finally {
    await phones.stop();
    await center.close();
  }
  return rows;
}

export async function benchKamailio(options: CallBenchOptions): Promise<CallBenchRow[]> {
  const phones = await SippProcess.start({
    scenario: 'agent-phone-bench.xml',
    args: ['-l', '1000000'],
    timeoutMs: 3_600_000,
  });
  const port = await freePort();
  const rows: CallBenchRow[] = [];
  let proxy: KamailioProxy | undefined;
  try {
    proxy = await KamailioProxy.start(port, `127.0.0.1:${phones.port}`);
    for (const rate of options.kamailioRates) {
      const trunk = await SippProcess.start({
        scenario: 'trunk-call.xml',
        remote: `127.0.0.1:${port}`,
        injection: ['0990000000'],
        args: trunkArgs(rate, options),
        timeoutMs: options.seconds * 1000 + 120_000,
      });
      const outcome = await trunk.done;
      reportFailures('kamailio (stateful proxy)', rate, outcome);
      rows.push(row('kamailio (stateful proxy)', rate, options, outcome, null));
    }
  } finally {
    await proxy?.stop();
    await phones.stop();
  }
  return rows;
}

/** The best rate with every call successful. */
export function sustained(rows: readonly CallBenchRow[]): number {
  return Math.max(
    0,
    ...rows.filter((r) => r.failed === 0 && r.successful === r.calls).map((r) => r.callsPerSecond),
  );
}

export async function runCallBench(options: CallBenchOptions): Promise<Record<string, unknown>> {
  const b2bua = await benchB2bua(options);
  const kamailio = await benchKamailio(options);
  const rows = [...b2bua, ...kamailio];
  printTable(
    `Calls through the B2BUA vs Kamailio (sipp both sides, ${options.seconds} s per rate)`,
    [
      'peer',
      'offered/s',
      'talk ms',
      'calls',
      'ok',
      'failed',
      'seconds',
      'calls/s',
      'in progress',
      'heap/call',
    ],
    rows.map((r) => [
      r.peer,
      r.offeredPerSecond,
      r.talkMs,
      r.calls,
      r.successful,
      r.failed,
      r.seconds,
      r.callsPerSecond,
      r.concurrentCalls ?? '-',
      r.heapPerCallBytes === null ? '-' : `${(r.heapPerCallBytes / 1024).toFixed(1)} KiB`,
    ]),
  );
  const best = sustained(b2bua.filter((r) => r.peer === 'switchboard b2bua'));
  const held = b2bua.find((r) => r.peer === 'switchboard b2bua (held calls)');
  const reference = sustained(kamailio);
  const share = reference === 0 ? null : best / reference;
  const summary = {
    options,
    rows,
    b2buaSustainedCps: best,
    kamailioSustainedCps: reference,
    shareOfKamailio: share,
    targets: { cps: TARGET_CPS, shareOfKamailio: TARGET_SHARE_OF_KAMAILIO },
    meetsTargets: best >= TARGET_CPS && share !== null && share >= TARGET_SHARE_OF_KAMAILIO,
    gcExposed: gc !== undefined,
    heapPerEstablishedCallBytes: held?.heapPerCallBytes ?? null,
  };
  if (held?.heapPerCallBytes != null)
    console.log(
      `\nMemory per established call: ${(held.heapPerCallBytes / 1024).toFixed(1)} KiB (${held.concurrentCalls} calls held, none ended yet); at full rate the figure also carries the transactions of ended calls (kept 32 s, RFC 6026) over fewer calls in progress`,
    );
  console.log(
    `\nB2BUA sustained ${best} calls/s with zero failed; Kamailio ${reference} calls/s; share ${share === null ? '-' : `${(share * 100).toFixed(0)} %`}`,
  );
  return summary;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '600,1200,1800' },
      'kamailio-rates': { type: 'string', default: '600,1200,1800,2400,3000' },
      seconds: { type: 'string', default: '10' },
      talk: { type: 'string', default: '500' },
      agents: { type: 'string', default: '2500' },
      'memory-rate': { type: 'string', default: '200' },
      'memory-talk': { type: 'string', default: '20000' },
    },
  });
  const list = (s: string) =>
    s
      .split(',')
      .map(Number)
      .filter((n) => n > 0);
  const summary = await runCallBench({
    rates: list(values.rates),
    kamailioRates: list(values['kamailio-rates']),
    seconds: Number(values.seconds),
    talkMs: Number(values.talk),
    agents: Number(values.agents),
    ...(Number(values['memory-rate']) > 0
      ? { memory: { rate: Number(values['memory-rate']), talkMs: Number(values['memory-talk']) } }
      : {}),
  });
  writeResults('sip-b2bua', summary);
}
