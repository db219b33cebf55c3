// Randomness is a port like the clock: production passes node:crypto's CSPRNG, tests may
// pass a deterministic source to get reproducible token ids.
import { randomBytes } from 'node:crypto';

/** Returns `size` fresh random bytes; must be cryptographically strong in production. */
export type RandomBytes = (size: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (size) => randomBytes(size);
