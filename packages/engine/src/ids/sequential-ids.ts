import type { IdKind, Ids } from '../ports/ids.ts';

/** Deterministic ids (`c-1`, `l-1`, …) for tests and simulations. */
export class SequentialIds implements Ids {
  private readonly counters = new Map<IdKind, number>();
  private readonly prefix: string;

  constructor(prefix = '') {
    this.prefix = prefix;
  }

  next(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.prefix}${kind[0]}-${n}`;
  }
}
