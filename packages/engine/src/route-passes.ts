import type { Assignment, Millis } from '@switchboard/core';
import type { EngineContext } from './engine-context.ts';

const RELAX_TIMER = 'relax';

/**
 * When routing runs. Passes are coalesced: any number of changes within one instant (agents
 * becoming Ready, contacts entering or coming back) cause one pass, on the next turn of the clock.
 * A timer at the router's next relaxation time runs a pass when a waiting contact's eligibility
 * widens with nothing else happening.
 */
export class RoutePasses {
  private readonly ctx: EngineContext;
  private readonly offer: (assignment: Assignment, now: Millis) => void;
  private pending = false;
  private relaxAt: Millis | null = null;

  constructor(ctx: EngineContext, offer: (assignment: Assignment, now: Millis) => void) {
    this.ctx = ctx;
    this.offer = offer;
  }

  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.ctx.clock.setTimer(this.ctx.clock.now(), () => {
      this.pending = false;
      this.run();
    });
  }

  run(): void {
    const now = this.ctx.clock.now();
    for (const assignment of this.ctx.router.route(now)) this.offer(assignment, now);
    this.armRelaxation(now);
  }

  private armRelaxation(now: Millis): void {
    const next = this.ctx.router.nextRelaxationAt(now);
    if (next === this.relaxAt) return;
    this.relaxAt = next;
    if (next === null) {
      this.ctx.timers.cancel(RELAX_TIMER);
      return;
    }
    this.ctx.timers.set(RELAX_TIMER, next, () => {
      this.relaxAt = null;
      this.run();
    });
  }
}
