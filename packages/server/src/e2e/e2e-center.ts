// A mid-size contact center for the end-to-end tests: 50 agents in two groups, four queues, two
// supervisors each over two queues and one group, an admin. Agent users' ids are their agent ids.
import { type QueueConfig, queueWithDefaults } from '@switchboard/core';
import { hashPassword, type ScryptParams } from '../auth/index.ts';
import type { SeedConfig } from '../persistence/index.ts';

export const E2E_PASSWORD = 'e2e-password';
export const CHEAP_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };
export const QUEUES = ['q1', 'q2', 'q3', 'q4'] as const;
export const AGENT_IDS = Array.from({ length: 50 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);
export const groupOf = (agentId: string) => (Number(agentId.slice(1)) <= 25 ? 'east' : 'west');
export const SUPERVISORS = {
  'sup-east': { queues: ['q1', 'q2'], agentGroups: ['east'] },
  'sup-west': { queues: ['q3', 'q4'], agentGroups: ['west'] },
} as const;

function queue(id: string): QueueConfig {
  return queueWithDefaults(id, { maxWaitMs: 300_000, wrapupMs: 5000 });
}

export async function e2eSeed(): Promise<SeedConfig> {
  const hash = await hashPassword(E2E_PASSWORD, CHEAP_SCRYPT);
  const agents = AGENT_IDS.map((id) => ({ id, name: `Agent ${id}`, groups: [groupOf(id)] }));
  const memberships = AGENT_IDS.flatMap((agentId) =>
    (groupOf(agentId) === 'east' ? ['q1', 'q2'] : ['q3', 'q4']).map((queueId) => ({
      agentId,
      queueId,
      penalty: 0,
    })),
  );
  return {
    agents,
    queues: QUEUES.map(queue),
    memberships,
    dialPlan: QUEUES.map((q, i) => ({
      number: `100${i + 1}`,
      destination: { kind: 'queue' as const, queueId: q },
    })),
    users: [
      { id: 'admin', username: 'admin', passwordHash: hash, role: 'admin', disabled: false },
      ...Object.entries(SUPERVISORS).map(([id, scope]) => ({
        id,
        username: id,
        passwordHash: hash,
        role: 'supervisor' as const,
        scope: { queues: [...scope.queues], agentGroups: [...scope.agentGroups] },
        disabled: false,
      })),
      ...AGENT_IDS.map((id) => ({
        id,
        username: id,
        passwordHash: hash,
        role: 'agent' as const,
        disabled: false,
      })),
    ],
  };
}
