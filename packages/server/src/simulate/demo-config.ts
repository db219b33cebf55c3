import { QUEUE_DEFAULTS, type QueueConfig } from '@switchboard/core';
import type { AgentConfig, EngineConfig } from '@switchboard/engine';

/**
 * The demo contact center a newcomer sees on `npm start`: three queues (sales with skills and a
 * relaxation step, support overflowing to a backup queue after 2 minutes, a VIP line with caller
 * priority), twelve agents with skills and groups.
 */
export function demoConfig(): EngineConfig {
  const base: Omit<QueueConfig, 'id' | 'name'> = {
    ...QUEUE_DEFAULTS,
    maxLength: 50,
    joinEmpty: 'no-logged-in',
    wrapupMs: 10_000,
  };
  const queues: QueueConfig[] = [
    {
      ...base,
      id: 'sales',
      name: 'Sales',
      requirements: [{ skill: 'sales', minLevel: 3 }],
      relaxation: [{ afterMs: 30_000, maxPenalty: 2, minLevelDrop: 2 }],
    },
    {
      ...base,
      id: 'support',
      name: 'Support',
      strategy: 'fewest-calls',
      maxWaitMs: 120_000,
      overflow: {
        onTimeout: { kind: 'queue', queueId: 'backup' },
        onFull: { kind: 'queue', queueId: 'backup' },
        onEmpty: null,
      },
    },
    { ...base, id: 'backup', name: 'Support backup', strategy: 'round-robin', maxLength: null },
    { ...base, id: 'vip', name: 'VIP line', strategy: 'linear', weight: 10 },
  ];
  const agents = Array.from({ length: 12 }, (_, i): AgentConfig => {
    const n = i + 1;
    return {
      id: `agent${n}`,
      name: `Agent ${n}`,
      skills: n <= 6 ? { sales: 5 - (n % 3), english: 5 } : { support: 4, english: 4 },
      groups: [n <= 6 ? 'team-sales' : 'team-support'],
    };
  });
  const memberships = agents.flatMap((a, i) => {
    const n = i + 1;
    if (n <= 6)
      return [
        { agentId: a.id, queueId: 'sales', penalty: n <= 4 ? 0 : 2 },
        { agentId: a.id, queueId: 'vip', penalty: 0 },
      ];
    return [
      { agentId: a.id, queueId: 'support', penalty: 0 },
      { agentId: a.id, queueId: 'backup', penalty: 0 },
      ...(n <= 8 ? [{ agentId: a.id, queueId: 'vip', penalty: 1 }] : []),
    ];
  });
  return {
    agents,
    queues,
    memberships,
    dialPlan: [
      { number: '1000', destination: { kind: 'queue', queueId: 'sales' } },
      { number: '2000', destination: { kind: 'queue', queueId: 'support' } },
      { number: '3000', destination: { kind: 'queue', queueId: 'vip' }, priority: 5 },
    ],
  };
}
