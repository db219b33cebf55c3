// Who may take a contact: skills at the required levels and a penalty within the cap of the
// contact's current relaxation step. Both routers use these functions, so "eligible" has one
// definition; they differ only in how they search.
import type { Millis, SkillId } from '../ids.ts';
import type { QueueConfig, SkillRequirement } from './queue-config.ts';

/**
 * A queue's relaxation ladder as parallel arrays. Index 0 is the base (queue.maxPenalty, no level
 * drop, from 0 ms); index k is relaxation[k - 1] with its inherited minLevelDrop resolved.
 */
export interface StepTable {
  readonly afterMs: readonly number[];
  readonly caps: readonly number[];
  readonly drops: readonly number[];
}

export function stepTable(config: QueueConfig): StepTable {
  const afterMs = [0];
  const caps = [config.maxPenalty];
  const drops = [0];
  for (const step of config.relaxation) {
    afterMs.push(step.afterMs);
    caps.push(step.maxPenalty);
    drops.push(step.minLevelDrop ?? drops[drops.length - 1]!);
  }
  return { afterMs, caps, drops };
}

/**
 * The step a contact enqueued at `enqueuedAt` is on at `now`: the number of relaxation steps whose
 * start (enqueuedAt + afterMs) is <= now. Written as a sum compared with `now` (not now − enqueuedAt
 * compared with afterMs) so it agrees to the bit with `nextStepTime`.
 */
export function stepAt(table: StepTable, enqueuedAt: Millis, now: Millis): number {
  let step = 0;
  while (step + 1 < table.afterMs.length && enqueuedAt + table.afterMs[step + 1]! <= now) step += 1;
  return step;
}

/** When the step after `step` begins for a contact enqueued at `enqueuedAt`; null on the last step. */
export function nextStepTime(table: StepTable, enqueuedAt: Millis, step: number): Millis | null {
  return step + 1 < table.afterMs.length ? enqueuedAt + table.afterMs[step + 1]! : null;
}

/** The queue's and the contact's requirements as one list sorted by skill; a skill named twice keeps the higher level. */
export function mergeRequirements(
  queueRequirements: readonly SkillRequirement[],
  contactRequirements: readonly SkillRequirement[] | undefined,
): SkillRequirement[] {
  const levels = new Map<SkillId, number>();
  for (const list of [queueRequirements, contactRequirements ?? []]) {
    for (const { skill, minLevel } of list)
      levels.set(skill, Math.max(minLevel, levels.get(skill) ?? minLevel));
  }
  return [...levels.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((skill) => ({ skill, minLevel: levels.get(skill)! }));
}

/** A stable text key of a merged requirement list (for interning requirement classes). */
export function requirementKey(requirements: readonly SkillRequirement[]): string {
  return requirements.map((r) => `${r.skill}\u0000${r.minLevel}`).join('\u0001');
}

/** The agent has every required skill (present in its map) at >= minLevel − drop. */
export function meetsRequirements(
  skills: ReadonlyMap<SkillId, number>,
  requirements: readonly SkillRequirement[],
  drop: number,
): boolean {
  for (const requirement of requirements) {
    const level = skills.get(requirement.skill);
    if (level === undefined || level < requirement.minLevel - drop) return false;
  }
  return true;
}
