// Benchmark: `switchboard simulate` of an 8-hour day with 50 agents (the example), with
// core's indexed Router against the full-scan NaiveRouter measured in the same run.
// Target: the indexed run under 5 s on these 2-core machines. Not a test: run it with
//   npx node bench/simulate/simulate.bench.ts [--repeat N]
import { parseArgs } from 'node:util';
import { runSimulation } from '../../packages/server/src/simulate/simulation.ts';
import {
  SIMULATION_DEFAULTS,
  type SimulationOptions,
} from '../../packages/server/src/simulate/simulation-options.ts';
import { printTable, writeResults } from '../support/bench-output.ts';

export interface SimulateBenchRow {
  readonly router: 'indexed' | 'naive';
  readonly runs: number;
  readonly bestSeconds: number;
  readonly medianSeconds: number;
  readonly contacts: number;
  readonly contactsPerSecond: number;
}

export function benchSimulate(options: SimulationOptions, repeat: number): SimulateBenchRow[] {
  return (['indexed', 'naive'] as const).map((router) => {
    const times: number[] = [];
    let contacts = 0;
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      const result = runSimulation({ ...options, router });
      times.push((performance.now() - started) / 1000);
      contacts = result.arrivals;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    return {
      router,
      runs: repeat,
      bestSeconds: times[0]!,
      medianSeconds: median,
      contacts,
      contactsPerSecond: contacts / median,
    };
  });
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { repeat: { type: 'string' } } });
  const repeat = Number(values.repeat ?? 3);
  const options: SimulationOptions = { ...SIMULATION_DEFAULTS };
  const rows = benchSimulate(options, repeat);
  printTable(
    'simulate: 8 h, 50 agents, 3 queues, 40 arrivals/min, longest-idle, seed 1 (target: indexed < 5 s)',
    ['router', 'runs', 'best s', 'median s', 'contacts', 'contacts/s'],
    rows.map((r) => [
      r.router,
      r.runs,
      r.bestSeconds.toFixed(3),
      r.medianSeconds.toFixed(3),
      r.contacts,
      Math.round(r.contactsPerSecond),
    ]),
  );
  const indexed = rows[0]!;
  const naive = rows[1]!;
  writeResults('simulate', {
    options: {
      agents: options.agents,
      queues: options.queues,
      arrivalsPerMinute: options.arrivalsPerMinute,
      durationMs: options.durationMs,
    },
    rows,
    targetSeconds: 5,
    meetsTarget: indexed.medianSeconds < 5,
    speedupOverNaive: naive.medianSeconds / indexed.medianSeconds,
  });
}
