import type { QueueStats } from '@switchboard/core';
import type { SimulationOptions } from './simulation-options.ts';
import { meanOccupancy, type SimulationResult } from './simulation.ts';

export interface QueueReportRow {
  readonly queue: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Contacts that left otherwise (timeout, overflow, refused, left empty). */
  readonly other: number;
  readonly serviceLevel: number | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
  readonly occupancy: number | null;
}

export interface SimulationReport {
  readonly options: SimulationOptions;
  readonly arrivals: number;
  readonly queues: readonly QueueReportRow[];
  readonly total: QueueReportRow;
  readonly runSeconds: number;
}

function rowOf(queue: string, s: QueueStats, occupancy: number | null): QueueReportRow {
  return {
    queue,
    offered: s.entered,
    answered: s.answered,
    abandoned: s.abandoned,
    other: s.timedOut + s.overflowed + s.refused + s.leftEmpty,
    serviceLevel: s.serviceLevel,
    asaSeconds: s.asaMs === null ? null : s.asaMs / 1000,
    abandonRate: s.abandonRate,
    occupancy,
  };
}

export function buildReport(
  options: SimulationOptions,
  result: SimulationResult,
  runSeconds: number,
): SimulationReport {
  return {
    options,
    arrivals: result.arrivals,
    queues: result.queues.map((q) => rowOf(q.queueId, q.stats, q.occupancy)),
    total: rowOf('all', result.total, meanOccupancy(result.agents)),
    runSeconds,
  };
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const secs = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)}s`);

/** A plain-text table, one row per queue and one for all queues. */
export function formatReport(report: SimulationReport): string {
  const header = ['queue', 'offered', 'answered', 'abandoned', 'other', 'SL', 'ASA', 'abandon', 'occupancy'];
  const rows = [...report.queues, report.total].map((r) => [
    r.queue,
    String(r.offered),
    String(r.answered),
    String(r.abandoned),
    String(r.other),
    pct(r.serviceLevel),
    secs(r.asaSeconds),
    pct(r.abandonRate),
    pct(r.occupancy),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const o = report.options;
  return [
    `simulated ${o.durationMs / 3_600_000} h: ${o.agents} agents, ${o.queues} queues, ${o.arrivalsPerMinute} arrivals/min, strategy ${o.strategy}, seed ${o.seed}; SL threshold ${o.serviceLevelMs / 1000}s; run took ${report.runSeconds.toFixed(2)}s`,
    line(header),
    ...rows.slice(0, -1).map(line),
    widths.map((w) => '-'.repeat(w)).join('  '),
    line(rows.at(-1)!),
  ].join('\n');
}
