/**
 * sfc32, a small fast PRNG with a 128-bit state: the same seed gives the same day of traffic on every
 * machine, which is what makes `switchboard simulate --seed` and the scenario tests reproducible.
 * Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm-up: the first outputs of sfc32 are correlated with the seed.
  for (let i = 0; i < 16; i++) next();
  return next;
}
