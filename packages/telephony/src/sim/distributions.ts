// Random durations for the simulated switch. Each returns milliseconds (>= 0) drawn with the
// injected uniform source, so the same seed gives the same draws.

export type Distribution =
  | { readonly kind: 'exponential'; readonly meanMs: number }
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'lognormal'; readonly meanMs: number; readonly sdMs: number }
  | { readonly kind: 'never' };

export const DISTRIBUTION_KINDS = ['exponential', 'fixed', 'uniform', 'lognormal', 'never'] as const;

/** Draws one duration; `never` is Infinity (e.g. callers without a patience limit). */
export function draw(dist: Distribution, random: () => number): number {
  switch (dist.kind) {
    case 'fixed':
      return dist.ms;
    case 'never':
      return Number.POSITIVE_INFINITY;
    case 'uniform':
      return dist.minMs + (dist.maxMs - dist.minMs) * random();
    case 'exponential':
      // Inverse transform; 1 - u is in (0, 1] so the log is finite.
      return -dist.meanMs * Math.log(1 - random());
    case 'lognormal': {
      // Parameters of the underlying normal chosen so the lognormal has the asked mean and sd.
      const variance = dist.sdMs * dist.sdMs;
      const mu = Math.log((dist.meanMs * dist.meanMs) / Math.sqrt(variance + dist.meanMs * dist.meanMs));
      const sigma = Math.sqrt(Math.log(1 + variance / (dist.meanMs * dist.meanMs)));
      return Math.exp(mu + sigma * standardNormal(random));
    }
  }
}

/** Box–Muller; one of the pair is discarded to keep the draw stateless. */
function standardNormal(random: () => number): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
