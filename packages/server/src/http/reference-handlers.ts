// Skills and pause reasons. Skills live in the database only (the engine knows the levels agents
// and queues carry); pause reasons are the engine's running catalogue, changed through the
// ConfigService. A skill's description is not stored yet: the skill table has id and name only.
import { fail, ok, type PauseReason } from '@switchboard/core';
import type { RouteHandler } from './route-call.ts';

type ReferenceRoutes =
  | 'listSkills'
  | 'createSkill'
  | 'getSkill'
  | 'updateSkill'
  | 'deleteSkill'
  | 'listPauseReasons'
  | 'createPauseReason'
  | 'getPauseReason'
  | 'updatePauseReason'
  | 'deletePauseReason';

const reasonOf = (value: unknown): PauseReason => ({ ...(value as PauseReason) });

export const REFERENCE_HANDLERS: { readonly [R in ReferenceRoutes]: RouteHandler<R> } = {
  listSkills: async ({ env }) => ok({ items: await env.ctx.persistence.skills.list() }),

  getSkill: async ({ env, params }) => {
    const skill = await env.ctx.persistence.skills.get(params.skillId);
    return skill === undefined
      ? fail('unknown_skill', `no skill '${params.skillId}'`, { skill: params.skillId })
      : ok(skill);
  },

  createSkill: ({ env, body }) => env.ctx.persistence.skills.create({ id: body.id, name: body.name }),

  updateSkill: async ({ env, params, body }) => {
    const before = await env.ctx.persistence.skills.get(params.skillId);
    if (before === undefined)
      return fail('unknown_skill', `no skill '${params.skillId}'`, { skill: params.skillId });
    return env.ctx.persistence.skills.update({ id: before.id, name: body.name ?? before.name });
  },

  deleteSkill: ({ env, params }) => env.ctx.persistence.skills.delete(params.skillId),

  listPauseReasons: ({ env }) => {
    const catalogue = env.ctx.engine.pauseReasons;
    return ok({ items: catalogue.list(), defaultCode: catalogue.defaultCode });
  },

  getPauseReason: ({ env, params }) => {
    const reason = env.ctx.engine.pauseReasons.get(params.code);
    return reason === undefined
      ? fail('unknown_pause_reason', `no pause reason '${params.code}'`, { reason: params.code })
      : ok(reason);
  },

  createPauseReason: ({ env, body }) => env.ctx.config.createPauseReason(reasonOf(body)),

  updatePauseReason: ({ env, params, body }) => {
    const before = env.ctx.engine.pauseReasons.get(params.code);
    if (before === undefined) {
      return fail('unknown_pause_reason', `no pause reason '${params.code}'`, { reason: params.code });
    }
    // PATCH: a field left out keeps its value (an optional vendor code cannot be cleared this way).
    const next: Record<string, unknown> = { ...before };
    for (const [key, value] of Object.entries(body)) if (value !== undefined) next[key] = value;
    return env.ctx.config.updatePauseReason(reasonOf(next));
  },

  deletePauseReason: ({ env, params }) => env.ctx.config.deletePauseReason(params.code),
};
