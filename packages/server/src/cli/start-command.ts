import { parseArgs } from 'node:util';
import { unwrap } from '@switchboard/core';
import { Engine, InMemoryEventBus, InMemoryStore, RandomIds, SystemClock } from '@switchboard/engine';
import { SimTelephony, startTraffic } from '@switchboard/telephony/sim';
import { demoConfig } from '../simulate/demo-config.ts';

/**
 * `switchboard start`: the engine on the wall clock with the demo contact center and simulated
 * callers, printing the live queue figures every few seconds until SIGINT/SIGTERM. (The HTTP and
 * WebSocket server arrives on top of this; until then this is how a newcomer sees queues move.)
 */
export async function startCommand(
  argv: readonly string[],
  out: (t: string) => void,
  err: (t: string) => void,
): Promise<number> {
  let values: { 'report-every'?: string; 'run-for'?: string };
  try {
    values = parseArgs({
      args: [...argv],
      options: { 'report-every': { type: 'string' }, 'run-for': { type: 'string' } },
    }).values;
  } catch (error) {
    err(`switchboard start: ${(error as Error).message}`);
    return 2;
  }
  const everyMs = Number(values['report-every'] ?? 5) * 1000;
  const runForMs = values['run-for'] === undefined ? null : Number(values['run-for']) * 1000;
  if (!(everyMs > 0) || (runForMs !== null && !(runForMs > 0))) {
    err('switchboard start: --report-every and --run-for take a number of seconds > 0');
    return 2;
  }
  const clock = new SystemClock();
  const config = demoConfig();
  const telephony = new SimTelephony({
    clock,
    random: Math.random,
    behaviour: {
      answerDelay: { kind: 'uniform', minMs: 1000, maxMs: 4000 },
      talk: { kind: 'lognormal', meanMs: 25_000, sdMs: 10_000 },
      patience: { kind: 'exponential', meanMs: 60_000 },
      callerEndsShare: 0.5,
      remoteAnswerDelay: { kind: 'fixed', ms: 3000 },
    },
  });
  const store = new InMemoryStore({ keepLogs: false });
  const engine = unwrap(
    Engine.create(
      { clock, ids: new RandomIds(), bus: new InMemoryEventBus(), store, telephony, random: Math.random },
      config,
    ),
  );
  for (const [i, a] of config.agents.entries())
    unwrap(engine.login(a.id, `10${String(i + 1).padStart(2, '0')}`));
  const now = clock.now();
  startTraffic({
    clock,
    random: Math.random,
    telephony,
    streams: [
      { dialedNumber: '1000', arrivalsPerMinute: 12 },
      { dialedNumber: '2000', arrivalsPerMinute: 14 },
      { dialedNumber: '3000', arrivalsPerMinute: 3 },
    ],
    start: now,
    end: now + (runForMs ?? 365 * 86_400_000),
  });
  out(
    `Switchboard is running the demo contact center (${config.agents.length} agents, ${config.queues.length} queues, simulated callers). Ctrl-C stops it.`,
  );
  const report = () => {
    const rows = engine.queueIds().map((id) => {
      const s = unwrap(engine.queueSnapshot(id));
      const sl = s.serviceLevel === null ? 'n/a' : `${(s.serviceLevel * 100).toFixed(0)}%`;
      return `${id.padEnd(8)} waiting ${String(s.waiting).padStart(3)}  longest ${String(Math.round(s.longestWaitMs / 1000)).padStart(4)}s  answered ${String(s.answered).padStart(5)}  abandoned ${String(s.abandoned).padStart(4)}  SL ${sl.padStart(4)}  agents ready ${s.agents.available} talking ${s.agents.talking} wrapup ${s.agents.wrapup}`;
    });
    out(`${new Date(clock.now()).toISOString()}\n${rows.join('\n')}`);
  };
  const timer = setInterval(report, everyMs);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (runForMs !== null) setTimeout(stop, runForMs);
  });
  clearInterval(timer);
  clock.cancelAll();
  report();
  out(`stopped; ${store.contactRecords.length} contact records written`);
  return 0;
}
