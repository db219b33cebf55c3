import type { WrittenSignal } from './report-gate.ts';

/**
 * Test support: the database's side of ReportGate, made durable when the test says so: `queue()`
 * a write, `commit(n)` the oldest n of them (`commitAll()` every one).
 */
export class ManualWrites implements WrittenSignal {
  backlog = 0;
  queued = 0;
  readonly #waiting: { upTo: number; resolve: () => void }[] = [];

  queue(): void {
    this.backlog++;
    this.queued++;
  }

  written(upTo = this.queued): Promise<void> {
    if (this.queued - this.backlog >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ upTo, resolve }));
  }

  commit(n: number): void {
    this.backlog -= n;
    const done = this.queued - this.backlog;
    for (let i = 0; i < this.#waiting.length; ) {
      if (this.#waiting[i]!.upTo <= done) this.#waiting.splice(i, 1)[0]!.resolve();
      else i++;
    }
  }

  commitAll(): void {
    this.commit(this.backlog);
  }
}
