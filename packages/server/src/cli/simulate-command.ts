import { parseArgs } from 'node:util';
import { fail, ok, type Result } from '@switchboard/core';
import type { Distribution } from '@switchboard/telephony/sim';
import { runSimulation } from '../simulate/simulation.ts';
import {
  SIMULATION_DEFAULTS,
  type SimulationOptions,
  validateSimulationOptions,
} from '../simulate/simulation-options.ts';
import { buildReport, formatReport } from '../simulate/simulation-report.ts';
import { parseDuration } from './duration.ts';

export const SIMULATE_HELP = `switchboard simulate — run a contact-center day on the engine with the simulated switch

Options (defaults in brackets):
  --agents N                 agents logged in all day [50]
  --queues N                 queues [3]; arrivals are split evenly over them
  --arrivals-per-minute X    total Poisson arrival rate [40]
  --talk-mean SECONDS        mean talk time, exponential [180]
  --talk-sd SECONDS          with it, talk time is lognormal with this spread instead
  --patience-mean SECONDS    mean caller patience, exponential; 0 = callers never hang up [60]
  --answer-delay SECONDS     time an agent takes to answer a ringing phone [0]
  --wrapup SECONDS           wrap-up time after each call [0]
  --ring-timeout SECONDS     ring-no-answer time before the offer is withdrawn [15]
  --service-level SECONDS    service-level threshold T [20]
  --duration DURATION        length of the day, e.g. 8h, 90m [8h]
  --strategy NAME            longest-idle, least-recent, fewest-calls, round-robin, linear,
                             random, weighted-random, ring-all [longest-idle]
  --membership all|split     every agent in every queue, or agents split over queues [all]
  --router indexed|naive     routing implementation [indexed]
  --seed N                   random seed; the same seed gives the same day [1]
  --json                     print the report as JSON
`;

function seconds(name: string, text: string | undefined, fallback: number): Result<number> {
  if (text === undefined) return ok(fallback);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    return fail('invalid_argument', `--${name} must be a number of seconds >= 0, not "${text}"`, {
      name,
      text,
    });
  }
  return ok(value * 1000);
}

function count(name: string, text: string | undefined, fallback: number): Result<number> {
  if (text === undefined) return ok(fallback);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    return fail('invalid_argument', `--${name} must be a number, not "${text}"`, { name, text });
  return ok(value);
}

/** Turns command-line words into validated simulation options (or one typed error naming them). */
export function parseSimulateArgs(
  argv: readonly string[],
): Result<{ options: SimulationOptions; json: boolean }> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        agents: { type: 'string' },
        queues: { type: 'string' },
        'arrivals-per-minute': { type: 'string' },
        'talk-mean': { type: 'string' },
        'talk-sd': { type: 'string' },
        'patience-mean': { type: 'string' },
        'answer-delay': { type: 'string' },
        wrapup: { type: 'string' },
        'ring-timeout': { type: 'string' },
        'service-level': { type: 'string' },
        duration: { type: 'string' },
        strategy: { type: 'string' },
        membership: { type: 'string' },
        router: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    // parseArgs reports unknown or malformed options by throwing; that is user input, not a crash.
    return fail('invalid_argument', (error as Error).message, {});
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string) => v[k] as string | undefined;
  const d = SIMULATION_DEFAULTS;
  const fields = {
    agents: count('agents', str('agents'), d.agents),
    queues: count('queues', str('queues'), d.queues),
    arrivals: count('arrivals-per-minute', str('arrivals-per-minute'), d.arrivalsPerMinute),
    talkMean: seconds('talk-mean', str('talk-mean'), 180_000),
    talkSd: seconds('talk-sd', str('talk-sd'), -1),
    patience: seconds('patience-mean', str('patience-mean'), 60_000),
    answer: seconds('answer-delay', str('answer-delay'), 0),
    wrapup: seconds('wrapup', str('wrapup'), d.wrapupMs),
    ring: seconds('ring-timeout', str('ring-timeout'), d.ringTimeoutMs),
    sl: seconds('service-level', str('service-level'), d.serviceLevelMs),
    duration: str('duration') === undefined ? ok(d.durationMs) : parseDuration(str('duration')!),
    seed: count('seed', str('seed'), d.seed),
  };
  for (const field of Object.values(fields)) if (!field.ok) return field;
  const val = (r: Result<number>) => (r.ok ? r.value : Number.NaN);
  const talkSd = val(fields.talkSd);
  const talk: Distribution =
    talkSd >= 0
      ? { kind: 'lognormal', meanMs: val(fields.talkMean), sdMs: talkSd }
      : { kind: 'exponential', meanMs: val(fields.talkMean) };
  const patienceMs = val(fields.patience);
  const membership = str('membership') ?? d.membership;
  const router = str('router') ?? d.router;
  if (membership !== 'all' && membership !== 'split')
    return fail('invalid_argument', '--membership must be all or split', {});
  if (router !== 'indexed' && router !== 'naive')
    return fail('invalid_argument', '--router must be indexed or naive', {});
  const options: SimulationOptions = {
    agents: val(fields.agents),
    queues: val(fields.queues),
    arrivalsPerMinute: val(fields.arrivals),
    talk,
    patience: patienceMs === 0 ? { kind: 'never' } : { kind: 'exponential', meanMs: patienceMs },
    answerDelay: { kind: 'fixed', ms: val(fields.answer) },
    wrapupMs: val(fields.wrapup),
    ringTimeoutMs: val(fields.ring),
    serviceLevelMs: val(fields.sl),
    durationMs: val(fields.duration),
    strategy: (str('strategy') ?? d.strategy) as SimulationOptions['strategy'],
    seed: val(fields.seed),
    membership,
    router,
  };
  const valid = validateSimulationOptions(options);
  return valid.ok ? ok({ options: valid.value, json: v.json === true }) : valid;
}

/** Runs `switchboard simulate`; returns the process exit code. */
export function simulateCommand(
  argv: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(SIMULATE_HELP);
    return 0;
  }
  const parsed = parseSimulateArgs(argv);
  if (!parsed.ok) {
    err(`switchboard simulate: ${parsed.error.message}\n(see switchboard simulate --help)`);
    return 2;
  }
  const started = performance.now();
  const result = runSimulation(parsed.value.options);
  const report = buildReport(parsed.value.options, result, (performance.now() - started) / 1000);
  out(parsed.value.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}
