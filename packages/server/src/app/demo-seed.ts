import type { UserRecord } from '../auth/user-directory.ts';
import { hashPassword, type ScryptParams } from '../auth/index.ts';
import type { SeedConfig } from '../persistence/index.ts';
import { demoConfig } from '../simulate/demo-config.ts';

/** Published passwords of the demo users (README): they are why the server listens on loopback by default. */
export const DEMO_PASSWORDS = {
  admin: 'admin-demo',
  supervisor: 'supervisor-demo',
  agent: 'agent-demo',
} as const;

/**
 * The demo contact center of a first start: the queues, agents and dial plan of demo-config.ts, plus
 * an admin, two supervisors (sales: queues sales+vip and group team-sales; support: support+backup and
 * team-support) and one user per agent whose id is the agent id (that is how an agent login finds its
 * agent).
 */
export async function demoSeed(params?: ScryptParams): Promise<SeedConfig> {
  const config = demoConfig();
  const hash = (p: string) => hashPassword(p, params);
  const [admin, supervisor, agent] = await Promise.all([
    hash(DEMO_PASSWORDS.admin),
    hash(DEMO_PASSWORDS.supervisor),
    hash(DEMO_PASSWORDS.agent),
  ]);
  const users: UserRecord[] = [
    { id: 'admin', username: 'admin', passwordHash: admin, role: 'admin', disabled: false },
    {
      id: 'sup-sales',
      username: 'sales-supervisor',
      passwordHash: supervisor,
      role: 'supervisor',
      scope: { queues: ['sales', 'vip'], agentGroups: ['team-sales'] },
      disabled: false,
    },
    {
      id: 'sup-support',
      username: 'support-supervisor',
      passwordHash: supervisor,
      role: 'supervisor',
      scope: { queues: ['support', 'backup'], agentGroups: ['team-support'] },
      disabled: false,
    },
    ...config.agents.map((a) => ({
      id: a.id,
      username: a.id,
      passwordHash: agent,
      role: 'agent' as const,
      disabled: false,
    })),
  ];
  return { ...config, users };
}
