// Benchmark: ACD routing decisions with 10,000 agents, 1,000 queues (each agent in ~5), 50,000
// waiting contacts, all eight strategies, priorities, skills and relaxation — core's indexed Router
// against the full-scan NaiveRouter in the same run (the naive one plays only the first decisions
// of the same stream, and both must have decided them identically).
// Targets: Router >= 100,000 decisions/s on one core, p99 <= 50 µs. Not a test: run it with
//   npx node bench/routing/routing.bench.ts [--decisions N] [--naive-decisions N]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { NaiveRouter, Router, type RouterPort } from '@switchboard/core';
import { printTable, writeResults } from '../support/bench-output.ts';
import { FULL_SIZE, type RoutingBenchSize, RoutingWorkload, seeded } from './routing-workload.ts';

export interface RoutingBenchOptions {
  readonly size: RoutingBenchSize;
  /** Router: decisions played before measuring (JIT warm-up), then measured. */
  readonly warmup: number;
  readonly decisions: number;
  /** NaiveRouter: the same, usually far fewer. */
  readonly naiveWarmup: number;
  readonly naiveDecisions: number;
}

export interface RoutingBenchRow {
  readonly router: 'Router' | 'NaiveRouter';
  readonly setupSeconds: number;
  readonly decisions: number;
  /** Measured decisions / the sum of their hrtime durations (wall time inside the router calls). */
  readonly decisionsPerSecond: number;
  /**
   * Measured decisions / the process CPU time of the measuring loop (bench bookkeeping included, so
   * conservative, but blind to time the process spent descheduled on a busy machine).
   */
  readonly cpuDecisionsPerSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly p999Micros: number;
  readonly maxMicros: number;
  readonly assignments: number;
  readonly waitingAtEnd: number;
}

export interface RoutingBenchResult {
  readonly rows: readonly RoutingBenchRow[];
  /** Both routers' assignments over the first `decisions` decisions of the stream were identical. */
  readonly agreement: { readonly decisions: number; readonly identical: boolean };
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function measure(
  name: RoutingBenchRow['router'],
  router: RouterPort,
  size: RoutingBenchSize,
  warmup: number,
  decisions: number,
  compareAfter: number,
): { row: RoutingBenchRow; fingerprint: number } {
  const workload = new RoutingWorkload(router, size);
  const setupStarted = performance.now();
  workload.setUp();
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  let played = 0;
  let fingerprint = 0;
  const play = (): number => {
    const nanos = workload.decide();
    played += 1;
    if (played === compareAfter) fingerprint = workload.fingerprint();
    return nanos;
  };
  for (let i = 0; i < warmup; i += 1) play();
  const nanos = new Float64Array(decisions);
  const assignedBefore = workload.assignments;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < decisions; i += 1) nanos[i] = play();
  const cpu = process.cpuUsage(cpuBefore);
  const total = nanos.reduce((sum, n) => sum + n, 0);
  const sorted = nanos.slice().sort();
  const row: RoutingBenchRow = {
    router: name,
    setupSeconds,
    decisions,
    decisionsPerSecond: decisions / (total / 1e9),
    cpuDecisionsPerSecond: decisions / ((cpu.user + cpu.system) / 1e6),
    p50Micros: percentile(sorted, 0.5) / 1000,
    p99Micros: percentile(sorted, 0.99) / 1000,
    p999Micros: percentile(sorted, 0.999) / 1000,
    maxMicros: sorted[sorted.length - 1]! / 1000,
    assignments: workload.assignments - assignedBefore,
    waitingAtEnd: workload.waiting(),
  };
  return { row, fingerprint };
}

export function runRoutingBench(options: RoutingBenchOptions): RoutingBenchResult {
  const { size } = options;
  const compared = options.naiveWarmup + options.naiveDecisions;
  if (compared > options.warmup + options.decisions)
    throw new Error('the naive run must not outlast the indexed one');
  // Both routers draw their strategy randomness from the same seeded stream.
  const fast = measure(
    'Router',
    new Router({ random: seeded(size.seed + 1) }),
    size,
    options.warmup,
    options.decisions,
    compared,
  );
  const naive = measure(
    'NaiveRouter',
    new NaiveRouter({ random: seeded(size.seed + 1) }),
    size,
    options.naiveWarmup,
    options.naiveDecisions,
    compared,
  );
  return {
    rows: [fast.row, naive.row],
    agreement: { decisions: compared, identical: fast.fingerprint === naive.fingerprint },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { decisions: { type: 'string' }, 'naive-decisions': { type: 'string' } },
  });
  const options: RoutingBenchOptions = {
    size: FULL_SIZE,
    warmup: 50_000,
    decisions: Number(values.decisions ?? 300_000),
    naiveWarmup: 5,
    naiveDecisions: Number(values['naive-decisions'] ?? 200),
  };
  // The load average is recorded because a busy machine inflates means and tails (not medians).
  const loadBefore = loadavg()[0]!;
  const result = runRoutingBench(options);
  const loadAverage = { before: loadBefore, after: loadavg()[0]! };
  const { agents, queues, queuesPerAgent, contacts } = options.size;
  printTable(
    `routing: ${agents} agents, ${queues} queues (~${queuesPerAgent} per agent), ${contacts} waiting contacts ` +
      `(targets: Router >= 100000 decisions/s, p99 <= 50 µs; same ${result.agreement.decisions} first decisions ` +
      `${result.agreement.identical ? 'identical' : 'DIFFERENT'} in both routers; ` +
      `load average ${loadAverage.before.toFixed(1)} → ${loadAverage.after.toFixed(1)})`,
    [
      'router',
      'setup s',
      'decisions',
      'decisions/s',
      'per CPU s',
      'p50 µs',
      'p99 µs',
      'p99.9 µs',
      'max µs',
      'assigned',
      'waiting',
    ],
    result.rows.map((r) => [
      r.router,
      r.setupSeconds.toFixed(2),
      r.decisions,
      Math.round(r.decisionsPerSecond),
      Math.round(r.cpuDecisionsPerSecond),
      r.p50Micros.toFixed(2),
      r.p99Micros.toFixed(2),
      r.p999Micros.toFixed(2),
      r.maxMicros.toFixed(0),
      r.assignments,
      r.waitingAtEnd,
    ]),
  );
  const router = result.rows[0]!;
  writeResults('routing', {
    size: options.size,
    warmup: { router: options.warmup, naive: options.naiveWarmup },
    rows: result.rows,
    agreement: result.agreement,
    loadAverage,
    targets: { decisionsPerSecond: 100_000, p99Micros: 50 },
    met: router.decisionsPerSecond >= 100_000 && router.p99Micros <= 50,
  });
}
