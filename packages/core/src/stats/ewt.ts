// Estimated wait time. Method:
//
//   EWT(position k) = k × AHT / N
//
// AHT = mean handle time (talk + hold + wrap-up) of the queue's last `window` (default 20)
// finished contacts; N = agents logged in to the queue and not paused. With N agents each freeing
// up once per AHT on average, one agent frees up every AHT / N, and the contact at position k is
// served at the k-th such moment. The position comes from routing (which knows priorities); this
// module only turns it into a time.
//
// Not enough data is a value of its own, never 0 (a 0 would read as "answered at once"): the
// estimate is `insufficient` when fewer than `minSamples` (default 5) contacts finished, or N = 0.
import { fail, ok, type Result } from '../result.ts';
import { DEFAULT_EWT_WINDOW } from './recent-handle-times.ts';

export const DEFAULT_EWT_MIN_SAMPLES = 5;

export type WaitEstimate =
  | {
      readonly kind: 'estimate';
      readonly ms: number;
      readonly position: number;
      readonly ahtMs: number;
      readonly agents: number;
      readonly samples: number;
    }
  | {
      readonly kind: 'insufficient';
      /** 'no_agents' wins when both apply: it is the one a supervisor can act on now. */
      readonly reason: 'no_agents' | 'too_few_samples';
      readonly position: number;
      readonly agents: number;
      readonly samples: number;
    };

export interface EwtInput {
  /** 1-based position in the queue, as routing orders it. */
  readonly position: number;
  /** Handle times (ms) of finished contacts, oldest first (RecentHandleTimes.samples()). */
  readonly handleTimesMs: readonly number[];
  /** N: agents logged in to the queue and not paused. */
  readonly servingAgents: number;
  readonly minSamples?: number;
  /** Only the last `window` handle times are used; default 20. */
  readonly window?: number;
}

function invalid(field: string, message: string): Result<never> {
  return fail('invalid_argument', `ewt: ${field} ${message}`, { field });
}

export function estimateWaitTime(input: EwtInput): Result<WaitEstimate> {
  const { position, servingAgents } = input;
  const minSamples = input.minSamples ?? DEFAULT_EWT_MIN_SAMPLES;
  const window = input.window ?? DEFAULT_EWT_WINDOW;
  if (!Number.isSafeInteger(position) || position < 1) return invalid('position', 'must be an integer >= 1');
  if (!Number.isSafeInteger(servingAgents) || servingAgents < 0) {
    return invalid('servingAgents', 'must be an integer >= 0');
  }
  if (!Number.isSafeInteger(window) || window < 1) return invalid('window', 'must be an integer >= 1');
  if (!Number.isSafeInteger(minSamples) || minSamples < 1 || minSamples > window) {
    return invalid('minSamples', 'must be an integer in [1, window]');
  }
  const used = input.handleTimesMs.slice(-window);
  if (!used.every((ms) => Number.isFinite(ms) && ms >= 0)) {
    return invalid('handleTimesMs', 'must hold finite numbers >= 0');
  }
  const samples = used.length;
  if (servingAgents === 0) {
    return ok({ kind: 'insufficient', reason: 'no_agents', position, agents: 0, samples });
  }
  if (samples < minSamples) {
    return ok({ kind: 'insufficient', reason: 'too_few_samples', position, agents: servingAgents, samples });
  }
  const ahtMs = used.reduce((sum, ms) => sum + ms, 0) / samples;
  return ok({
    kind: 'estimate',
    ms: Math.round((position * ahtMs) / servingAgents),
    position,
    ahtMs,
    agents: servingAgents,
    samples,
  });
}

/** The EWT quoted to a new arrival: it would join behind everyone waiting, at position waiting + 1. */
export function estimateNewArrivalWait(
  input: Omit<EwtInput, 'position'> & { readonly waiting: number },
): Result<WaitEstimate> {
  if (!Number.isSafeInteger(input.waiting) || input.waiting < 0) {
    return invalid('waiting', 'must be an integer >= 0');
  }
  return estimateWaitTime({ ...input, position: input.waiting + 1 });
}
