// How the WebSocket benchmark drives one server: the client process (over IPC), the paced and the
// saturating publishers, and one measured phase (client-side delivery rate and latency, server and
// client CPU time).
import { type ChildProcess, fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchTarget, ServerKind } from './ws-bench-targets.ts';

export interface PhaseRow {
  readonly server: ServerKind;
  /** The offered deliveries/s, or 'max'. */
  readonly phase: string;
  readonly offeredPerSecond: number | null;
  readonly deliveredPerSecond: number;
  readonly frames: number;
  /** WebSocket messages the clients received (a batch of frames is one). */
  readonly messages: number;
  /** Payload bytes of those messages. */
  readonly bytes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** CPU seconds the server process (all its threads) and the client process used in the phase. */
  readonly serverCpuSeconds: number;
  readonly clientCpuSeconds: number;
  /** Deliveries per CPU second of the server: steadier than wall time on a shared machine. */
  readonly deliveredPerServerCpuSecond: number;
}

interface Stopped {
  readonly frames: number;
  readonly messages: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** The client process: one request, one answer, in order. */
export class Clients {
  readonly #child: ChildProcess;
  readonly #waiting: ((message: unknown) => void)[] = [];

  constructor() {
    this.#child = fork(new URL('./ws-bench-clients.ts', import.meta.url), { serialization: 'advanced' });
    this.#child.on('message', (message) => this.#waiting.shift()?.(message));
  }

  request<T>(command: object): Promise<T> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve as (m: unknown) => void);
      this.#child.send(command);
    });
  }

  stop(): void {
    this.#child.kill();
  }
}

/** Publishes `eventsPerSecond` for `seconds`, catching up every millisecond; returns the next event number. */
export async function paced(
  target: BenchTarget,
  eventsPerSecond: number,
  seconds: number,
  from: number,
): Promise<number> {
  const start = performance.now();
  const total = Math.round(eventsPerSecond * seconds);
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * eventsPerSecond));
    while (sent < due) target.publish(from + sent++);
    await sleep(1);
  }
  return from + sent;
}

/** As fast as the server goes: a chunk of events per loop turn while the TCP backlog stays bounded. */
export async function saturate(target: BenchTarget, seconds: number, from: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = from;
  while (performance.now() < end) {
    if (target.queuedBytes() > 4 * 1024 * 1024) {
      await sleep(1);
      continue;
    }
    for (let k = 0; k < 100; k++) target.publish(n++);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return n;
}

/** Until the server has written everything and the clients stopped receiving. */
export async function drain(target: BenchTarget, clients: Clients): Promise<void> {
  while (target.queuedBytes() > 0) await sleep(5);
  let last = -1;
  for (;;) {
    await sleep(100);
    const { frames } = await clients.request<{ frames: number }>({ cmd: 'count' });
    if (frames === last) return;
    last = frames;
  }
}

/** Runs `drive` as one measured phase. */
export async function phase(
  server: ServerKind,
  name: string,
  offered: number | null,
  target: BenchTarget,
  clients: Clients,
  drive: () => Promise<void>,
): Promise<PhaseRow> {
  await clients.request({ cmd: 'start' });
  const cpu = process.cpuUsage();
  await drive();
  await drain(target, clients);
  const used = process.cpuUsage(cpu);
  const s = await clients.request<Stopped>({ cmd: 'stop' });
  const serverCpuSeconds = (used.user + used.system) / 1e6;
  return {
    server,
    phase: name,
    offeredPerSecond: offered,
    deliveredPerSecond: s.seconds > 0 ? s.frames / s.seconds : 0,
    frames: s.frames,
    messages: s.messages,
    bytes: s.bytes,
    p50Ms: s.p50,
    p99Ms: s.p99,
    p999Ms: s.p999,
    maxMs: s.max,
    serverCpuSeconds,
    clientCpuSeconds: s.cpuSeconds,
    deliveredPerServerCpuSecond: serverCpuSeconds > 0 ? s.frames / serverCpuSeconds : 0,
  };
}
