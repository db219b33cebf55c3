// Test support (not exported from core): a plain queue config to override, a contact builder and
// both routers by name, so every hand-built rule test runs against Router and NaiveRouter alike.
import type { SkillId } from '../ids.ts';
import { NaiveRouter } from './naive-router.ts';
import { type QueueConfig, queueWithDefaults } from './queue-config.ts';
import { Router } from './router.ts';
import type { RouterPort } from './router-port.ts';
import type { WaitingContact } from './waiting-contact.ts';

export function queueConfig(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return queueWithDefaults(id, { name: `Queue ${id}`, maxPenalty: 10, ...overrides });
}

export function contact(
  contactId: string,
  queueId: string,
  enqueuedAt: number,
  extra: Partial<WaitingContact> = {},
): WaitingContact {
  return { contactId, queueId, priority: 0, enqueuedAt, ...extra };
}

/** A random source that replays the given values (then repeats the last one). */
export function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

export const ROUTERS: readonly (readonly [string, (random?: () => number) => RouterPort])[] = [
  ['Router', (random = () => 0) => new Router({ random })],
  ['NaiveRouter', (random = () => 0) => new NaiveRouter({ random })],
];

/** Adds agents to a queue in the given order (penalty 0 unless given) and makes them available at `at`. */
export function staff(
  router: RouterPort,
  queueId: string,
  agents: readonly (string | readonly [string, number])[],
  at = 0,
): void {
  for (const entry of agents) {
    const [agentId, penalty] = typeof entry === 'string' ? [entry, 0] : entry;
    router.setMembership(agentId, queueId, penalty);
    router.setAgentPresence(agentId, 'available', at);
  }
}

export const skills = (entries: Record<SkillId, number>): Map<SkillId, number> =>
  new Map(Object.entries(entries));

/** The agent ids of each assignment of one route() call. */
export function offered(router: RouterPort, now: number): string[][] {
  return router.route(now).map((assignment) => [assignment.contactId, ...assignment.agentIds]);
}
