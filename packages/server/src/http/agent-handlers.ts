// Agents' configuration: read by supervisors (their groups' agents) and by an agent (itself, the
// router checks the path), written by administrators through the ConfigService, which applies each
// change to the running engine as well.
import { fail, ok, type Result } from '@switchboard/core';
import type { Agent } from '@switchboard/protocol';
import type { AgentRecord } from '../persistence/config-records.ts';
import { supervisesAgent } from '../scope/viewer.ts';
import type { RouteHandler } from './route-call.ts';

type AgentRoutes = 'listAgents' | 'createAgent' | 'getAgent' | 'updateAgent' | 'deleteAgent';

/** The wire shape: the agent's phone extension is the server's own business. */
export function agentView(record: AgentRecord): Agent {
  return { id: record.id, name: record.name, skills: { ...record.skills }, groups: [...record.groups] };
}

const viewOf = (result: Result<AgentRecord>): Result<Agent> =>
  result.ok ? ok(agentView(result.value)) : result;

export const AGENT_HANDLERS: { readonly [R in AgentRoutes]: RouteHandler<R> } = {
  listAgents: async ({ env, viewer }) => {
    const agents = await env.ctx.persistence.agents.list();
    return ok({
      items: agents.filter((a) => supervisesAgent(viewer, a.id, env.ctx.directory)).map(agentView),
    });
  },

  getAgent: async ({ env, params }) => {
    const agent = await env.ctx.persistence.agents.get(params.agentId);
    if (agent === undefined)
      return fail('unknown_agent', `no agent '${params.agentId}'`, { agentId: params.agentId });
    return ok(agentView(agent));
  },

  createAgent: async ({ env, body }) =>
    viewOf(
      await env.ctx.config.createAgent({
        id: body.id,
        name: body.name,
        skills: { ...body.skills },
        groups: [...(body.groups ?? [])],
        extension: null,
      }),
    ),

  updateAgent: async ({ env, params, body }) =>
    viewOf(
      await env.ctx.config.updateAgent(params.agentId, {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.skills === undefined ? {} : { skills: { ...body.skills } }),
        ...(body.groups === undefined ? {} : { groups: [...body.groups] }),
      }),
    ),

  deleteAgent: ({ env, params }) => env.ctx.config.deleteAgent(params.agentId),
};
