// Queues and their members. Supervisors read the queues of their scope (and the memberships of
// their queues or their agents); administrators write through the ConfigService, which applies each
// change to the running engine as well.
import { fail, ok, type QueueConfig } from '@switchboard/core';
import type { MembershipConfig } from '@switchboard/engine';
import { seesQueue, supervisesAgent } from '../scope/viewer.ts';
import type { RouteHandler } from './route-call.ts';

type QueueRoutes =
  | 'listQueues'
  | 'createQueue'
  | 'getQueue'
  | 'replaceQueue'
  | 'deleteQueue'
  | 'listQueueMembers'
  | 'setQueueMember'
  | 'removeQueueMember'
  | 'listMemberships';

// The wire schema and core's QueueConfig are the same shape (the conformance test holds them to it);
// a deep copy turns the readonly wire value into the engine's type.
const queueOf = (body: unknown): QueueConfig => structuredClone(body) as QueueConfig;

export const QUEUE_HANDLERS: { readonly [R in QueueRoutes]: RouteHandler<R> } = {
  listQueues: async ({ env, viewer }) => {
    const queues = await env.ctx.persistence.queues.list();
    return ok({ items: queues.filter((q) => seesQueue(viewer, q.id)) });
  },

  getQueue: async ({ env, params }) => {
    const queue = await env.ctx.persistence.queues.get(params.queueId);
    if (queue === undefined)
      return fail('unknown_queue', `no queue '${params.queueId}'`, { queueId: params.queueId });
    return ok(queue);
  },

  createQueue: ({ env, body }) => env.ctx.config.createQueue(queueOf(body)),

  replaceQueue: ({ env, params, body }) => {
    if (body.id !== params.queueId) {
      return fail('invalid_argument', `the body's id '${body.id}' is not the path's '${params.queueId}'`, {
        field: 'id',
      });
    }
    return env.ctx.config.replaceQueue(queueOf(body));
  },

  deleteQueue: ({ env, params }) => env.ctx.config.deleteQueue(params.queueId),

  listQueueMembers: async ({ env, params }) => {
    if ((await env.ctx.persistence.queues.get(params.queueId)) === undefined) {
      return fail('unknown_queue', `no queue '${params.queueId}'`, { queueId: params.queueId });
    }
    return ok({ items: await env.ctx.persistence.memberships.ofQueue(params.queueId) });
  },

  setQueueMember: ({ env, params, body }) =>
    env.ctx.config.setMembership({ agentId: params.agentId, queueId: params.queueId, penalty: body.penalty }),

  removeQueueMember: ({ env, params }) => env.ctx.config.removeMembership(params.agentId, params.queueId),

  listMemberships: async ({ env, viewer, query }) => {
    const { agentId, queueId } = query;
    const all: readonly MembershipConfig[] =
      agentId !== undefined
        ? await env.ctx.persistence.memberships.ofAgent(agentId)
        : queueId !== undefined
          ? await env.ctx.persistence.memberships.ofQueue(queueId)
          : await env.ctx.persistence.memberships.list();
    // A membership ties an agent to a queue: a supervisor sees it through either end of its scope.
    const items = all.filter(
      (m) =>
        (queueId === undefined || m.queueId === queueId) &&
        (seesQueue(viewer, m.queueId) || supervisesAgent(viewer, m.agentId, env.ctx.directory)),
    );
    return ok({ items });
  },
};
