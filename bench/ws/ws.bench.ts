// Benchmark: Switchboard's WebSocket API v1 with 1,000 connected agents (agent:me) and 20
// supervisors (agents, queues and contacts of their queue and group) under simulated traffic, beside
// a bare `ws` server sending the same frames with the same batching, measured in the same run.
// Traffic: a recorded simulated day of the same contact center (ws-bench-workload.ts), replayed onto
// the server's event bus; each event is stamped at emission with the monotonic clock and the
// clients (a child process, so they do not share the server's core) time its arrival.
// Phases per server: paced at 1,000 and at 250,000 deliveries/s (p50/p99 latency), then as fast as
// the server goes with the TCP backlog bounded (throughput). With --repeat N the servers take turns
// N times and each row is the best of the N (the machine is shared: the best run is the least
// disturbed one).
// Targets: >= 80 % of the baseline's throughput; p99 <= 100 ms at 250,000 deliveries/s and
// p99 <= 10 ms at 1,000 deliveries/s. Not a test: run it with
//   npx node bench/ws/ws.bench.ts [--agents 1000] [--supervisors 20] [--seconds 4] [--repeat 1]
import { parseArgs } from 'node:util';
import { printTable, writeResults } from '../support/bench-output.ts';
import { Clients, drain, type PhaseRow, paced, phase, saturate } from './ws-bench-phases.ts';
import { SERVERS, type ServerKind, startTarget } from './ws-bench-targets.ts';
import { recordWorkload, type Workload } from './ws-bench-workload.ts';

export interface WsBenchOptions {
  readonly agents: number;
  readonly supervisors: number;
  /** Engine events recorded (the replay cycles through them). */
  readonly events: number;
  readonly seed: number;
  /** Paced rates, in deliveries per second. */
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly repeat: number;
  readonly servers?: readonly ServerKind[];
}

export const WS_BENCH_DEFAULTS: WsBenchOptions = {
  agents: 1000,
  supervisors: 20,
  events: 150_000,
  seed: 1,
  rates: [1000, 250_000],
  seconds: 4,
  repeat: 1,
};

async function measureServer(server: ServerKind, w: Workload, o: WsBenchOptions, clients: Clients) {
  const target = await startTarget(server, w);
  const rows: PhaseRow[] = [];
  try {
    await clients.request({ cmd: 'connect', urls: target.urls });
    await clients.request({ cmd: 'send', frames: target.firstFrames, awaitFrames: target.awaitFrames });
    let n = 0;
    // Warm-up (the JIT, the sockets' buffers), not measured.
    n = await paced(target, 20_000 / w.deliveriesPerEvent, 1, n);
    await drain(target, clients);
    for (const rate of o.rates) {
      rows.push(
        await phase(server, String(rate), rate, target, clients, async () => {
          n = await paced(target, rate / w.deliveriesPerEvent, o.seconds, n);
        }),
      );
    }
    rows.push(
      await phase(server, 'max', null, target, clients, async () => {
        n = await saturate(target, o.seconds, n);
      }),
    );
    await clients.request({ cmd: 'close' });
  } finally {
    await target.close();
  }
  return rows;
}

/** Per server and phase, the best of the repeats: highest rate for 'max', lowest p99 when paced. */
function best(runs: readonly PhaseRow[]): PhaseRow[] {
  const byKey = new Map<string, PhaseRow>();
  for (const row of runs) {
    const key = `${row.server}|${row.phase}`;
    const kept = byKey.get(key);
    const better =
      kept === undefined ||
      (row.phase === 'max' ? row.deliveredPerSecond > kept.deliveredPerSecond : row.p99Ms < kept.p99Ms);
    if (better) byKey.set(key, row);
  }
  return [...byKey.values()];
}

export async function runWsBench(
  o: WsBenchOptions,
): Promise<{ rows: PhaseRow[]; runs: PhaseRow[]; deliveriesPerEvent: number }> {
  const workload = recordWorkload(o);
  const clients = new Clients();
  const runs: PhaseRow[] = [];
  try {
    for (let r = 0; r < o.repeat; r++) {
      for (const server of o.servers ?? SERVERS)
        runs.push(...(await measureServer(server, workload, o, clients)));
    }
  } finally {
    clients.stop();
  }
  return { rows: best(runs), runs, deliveriesPerEvent: workload.deliveriesPerEvent };
}

/** The targets, judged on Switchboard's rows against the baseline's. */
export function judge(rows: readonly PhaseRow[]) {
  const find = (server: ServerKind, phaseName: string) =>
    rows.find((r) => r.server === server && r.phase === phaseName);
  const ratio = (pick: (r: PhaseRow) => number) => {
    const sb = find('switchboard', 'max');
    const bare = find('bare ws (baseline)', 'max');
    return sb === undefined || bare === undefined || pick(bare) === 0 ? null : pick(sb) / pick(bare);
  };
  const throughputRatio = ratio((r) => r.deliveredPerSecond);
  const p99At250k = find('switchboard', '250000')?.p99Ms ?? null;
  const p99At1k = find('switchboard', '1000')?.p99Ms ?? null;
  return {
    throughputRatio,
    throughputRatioPerServerCpu: ratio((r) => r.deliveredPerServerCpuSecond),
    throughputTargetMet: throughputRatio !== null && throughputRatio >= 0.8,
    p99At250k,
    p99At250kTargetMet: p99At250k !== null && p99At250k <= 100,
    p99At1k,
    p99At1kTargetMet: p99At1k !== null && p99At1k <= 10,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      agents: { type: 'string' },
      supervisors: { type: 'string' },
      seconds: { type: 'string' },
      events: { type: 'string' },
      repeat: { type: 'string' },
    },
  });
  const number = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const o: WsBenchOptions = {
    ...WS_BENCH_DEFAULTS,
    agents: number(values.agents, WS_BENCH_DEFAULTS.agents),
    supervisors: number(values.supervisors, WS_BENCH_DEFAULTS.supervisors),
    seconds: number(values.seconds, WS_BENCH_DEFAULTS.seconds),
    events: number(values.events, WS_BENCH_DEFAULTS.events),
    repeat: number(values.repeat, WS_BENCH_DEFAULTS.repeat),
  };
  const { rows, runs, deliveriesPerEvent } = await runWsBench(o);
  const targets = judge(rows);
  const percent = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)} %`);
  printTable(
    `ws: ${o.agents} agents + ${o.supervisors} supervisors, ${deliveriesPerEvent.toFixed(2)} deliveries/event, ` +
      `${o.seconds} s per phase, best of ${o.repeat} (targets: >= 80 % of the baseline's throughput, p99 <= 100 ms ` +
      `at 250,000/s, <= 10 ms at 1,000/s) — throughput ${percent(targets.throughputRatio)} of the baseline ` +
      `(${percent(targets.throughputRatioPerServerCpu)} per server CPU second)`,
    [
      'server',
      'offered/s',
      'delivered/s',
      'per server CPU s',
      'frames/msg',
      'p50 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
    ],
    rows.map((r) => [
      r.server,
      r.phase,
      Math.round(r.deliveredPerSecond),
      Math.round(r.deliveredPerServerCpuSecond),
      r.messages > 0 ? (r.frames / r.messages).toFixed(2) : '-',
      r.p50Ms.toFixed(2),
      r.p99Ms.toFixed(2),
      r.p999Ms.toFixed(2),
      r.maxMs.toFixed(2),
    ]),
  );
  writeResults('ws', { options: o, deliveriesPerEvent, targets, rows, runs });
}
