import type { Millis } from '@switchboard/core';
import type { Clock } from '@switchboard/engine';
import type { SimTelephony } from './sim-telephony.ts';

export interface TrafficStream {
  /** The number customers dial (the dial plan maps it to a queue). */
  readonly dialedNumber: string;
  /** Mean arrivals per minute of a Poisson process. */
  readonly arrivalsPerMinute: number;
  /** Caller priority given to this stream's calls. */
  readonly priority?: number;
}

/**
 * Customers arriving as independent Poisson processes, one per stream, from `start` until `end`.
 * Each arrival schedules the next one, so only one timer per stream is pending at any moment and
 * the run stops by itself at `end`.
 */
export function startTraffic(options: {
  clock: Clock;
  random: () => number;
  telephony: SimTelephony;
  streams: readonly TrafficStream[];
  start: Millis;
  end: Millis;
}): { readonly arrivals: () => number; readonly stop: () => void } {
  const { clock, random, telephony, end } = options;
  let arrivals = 0;
  let caller = 0;
  let stopped = false;
  for (const stream of options.streams) {
    if (stream.arrivalsPerMinute <= 0) continue;
    const meanGapMs = 60_000 / stream.arrivalsPerMinute;
    const scheduleNext = (from: Millis): void => {
      const at = from - meanGapMs * Math.log(1 - random());
      if (at >= end || stopped) return;
      clock.setTimer(at, () => {
        if (stopped) return;
        arrivals++;
        caller++;
        telephony.arrive(
          `+1555${String(caller).padStart(7, '0')}`,
          stream.dialedNumber,
          stream.priority ?? 0,
        );
        scheduleNext(at);
      });
    };
    scheduleNext(options.start);
  }
  return {
    arrivals: () => arrivals,
    stop: () => {
      stopped = true;
    },
  };
}
