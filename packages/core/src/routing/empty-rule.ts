// When is a queue "empty"? Asterisk answers with a list of member states per option (joinempty,
// leavewhenempty); we use one ladder of increasingly strict meanings, shared by both rules, and
// computed from the member counts alone (presence only: skills and penalty caps are ignored,
// because "empty" must not change while a contact merely waits).
import type { AgentPresence } from './router-port.ts';

export const EMPTY_RULES = ['never', 'no-members', 'no-logged-in', 'no-unpaused', 'no-available'] as const;

/**
 * - `never`: the queue never counts as empty (always join / never leave).
 * - `no-members`: empty when it has no member at all.
 * - `no-logged-in`: empty when no member is logged in (every member offline).
 * - `no-unpaused`: empty when no member is logged in and unpaused (none available or busy).
 * - `no-available`: empty when no member is available right now (all busy, paused or offline).
 */
export type EmptyRule = (typeof EMPTY_RULES)[number];

export function isEmptyRule(value: unknown): value is EmptyRule {
  return typeof value === 'string' && (EMPTY_RULES as readonly string[]).includes(value);
}

/** Members of one queue by presence. `loggedIn` = available + busy + paused. */
export interface MemberCounts {
  readonly members: number;
  readonly loggedIn: number;
  readonly available: number;
  readonly paused: number;
  readonly busy: number;
}

export function isQueueEmpty(rule: EmptyRule, counts: MemberCounts): boolean {
  switch (rule) {
    case 'never':
      return false;
    case 'no-members':
      return counts.members === 0;
    case 'no-logged-in':
      return counts.loggedIn === 0;
    case 'no-unpaused':
      return counts.available + counts.busy === 0;
    case 'no-available':
      return counts.available === 0;
  }
}

/** Counts kept up to date as members come, go and change presence (the Router's incremental copy). */
export class MutableMemberCounts implements MemberCounts {
  members = 0;
  loggedIn = 0;
  available = 0;
  paused = 0;
  busy = 0;

  add(presence: AgentPresence, delta: number): void {
    this.members += delta;
    if (presence === 'offline') return;
    this.loggedIn += delta;
    if (presence === 'available') this.available += delta;
    else if (presence === 'paused') this.paused += delta;
    else this.busy += delta;
  }

  move(from: AgentPresence, to: AgentPresence): void {
    this.add(from, -1);
    this.add(to, 1);
  }

  snapshot(): MemberCounts {
    return {
      members: this.members,
      loggedIn: this.loggedIn,
      available: this.available,
      paused: this.paused,
      busy: this.busy,
    };
  }
}
