// The live contact center as the engine sees it now: agent states with their allowed actions,
// contacts in progress and a waiting contact's estimate, each filtered by the caller's scope.
import { type AgentId, allowedActions, type Contact, fail, ok, type Result } from '@switchboard/core';
import { agentsOfContact, canSeeContact } from '../scope/role-filter.ts';
import { supervisesAgent } from '../scope/viewer.ts';
import type { RouteCall, RouteHandler } from './route-call.ts';

type LiveRoutes = 'listAgentStates' | 'getAgentState' | 'listContacts' | 'getContact' | 'getWaitEstimate';

function stateView(call: RouteCall<'getAgentState'> | RouteCall<'listAgentStates'>, agentId: AgentId) {
  const state = call.env.ctx.engine.agentState(agentId);
  return state === undefined ? undefined : { state, actions: allowedActions(state) };
}

/** A live contact the caller may see; 403 for one outside its scope. */
function visibleContact(
  call: RouteCall<'getContact' | 'getWaitEstimate'>,
  contactId: string,
): Result<Contact> {
  const contact = call.env.ctx.engine.contact(contactId);
  if (contact === undefined) return fail('unknown_contact', `no live contact ${contactId}`, { contactId });
  if (!canSeeContact(call.viewer, contact, call.env.ctx.directory)) {
    return fail('forbidden', `contact ${contactId} is outside your scope`, { contactId });
  }
  return ok(contact);
}

export const LIVE_HANDLERS: { readonly [R in LiveRoutes]: RouteHandler<R> } = {
  listAgentStates: (call) => {
    const { engine, directory } = call.env.ctx;
    const items = engine
      .agentIds()
      .filter((id) => supervisesAgent(call.viewer, id, directory))
      .sort()
      .flatMap((id) => stateView(call, id) ?? []);
    return ok({ items });
  },

  getAgentState: (call) => {
    const view = stateView(call, call.params.agentId);
    return view === undefined
      ? fail('unknown_agent', `no agent ${call.params.agentId}`, { agentId: call.params.agentId })
      : ok(view);
  },

  listContacts: ({ env, viewer, query }) => {
    const items = env.ctx.engine
      .liveContactList()
      .filter(
        (c) =>
          canSeeContact(viewer, c, env.ctx.directory) &&
          (query.queueId === undefined || c.queueId === query.queueId) &&
          (query.agentId === undefined || agentsOfContact(c).includes(query.agentId)),
      );
    return ok({ items });
  },

  getContact: (call) => visibleContact(call, call.params.contactId),

  getWaitEstimate: (call) => {
    const contact = visibleContact(call, call.params.contactId);
    return contact.ok ? call.env.ctx.engine.waitEstimate(call.params.contactId) : contact;
  },
};
