import {
  type AgentId,
  type AgentState,
  type Contact,
  type ContactChange,
  fail,
  ok,
  type Result,
} from '@switchboard/core';
import type { ContactEntry } from './contact-book.ts';
import type { EngineContext } from './engine-context.ts';

/** The agent's call: the contact the agent is bound to, or `no_call`. */
export function callOf(
  ctx: EngineContext,
  agentId: AgentId,
): Result<{ agent: AgentState; entry: ContactEntry }> {
  const agent = ctx.agents.require(agentId);
  if (!agent.ok) return agent;
  const contactId = agent.value.state.contactId;
  const entry = contactId === null ? undefined : ctx.contacts.get(contactId);
  if (entry === undefined) return fail('no_call', `agent ${agentId} has no call`, { agentId });
  return ok({ agent: agent.value.state, entry });
}

/**
 * Runs a contact operation on the call of the agent handling it (OnCall), then its effect. The operation is
 * pure and `precheck` only reads, so a refusal from either leaves everything as it was.
 */
export function onCall(
  ctx: EngineContext,
  agentId: AgentId,
  op: (contact: Contact, at: number) => Result<ContactChange>,
  effect: (entry: ContactEntry) => void,
  precheck?: (entry: ContactEntry) => Result<unknown>,
): Result<void> {
  const call = callOf(ctx, agentId);
  if (!call.ok) return call;
  const { agent, entry } = call.value;
  if (agent.name !== 'OnCall') {
    return fail('no_call', `agent ${agentId} is ${agent.name}, not on a call`, { agentId });
  }
  // A consulted or conference agent is on the call but does not control it.
  if (entry.contact.agentId !== agentId) {
    return fail('no_call', `agent ${agentId} is not handling ${entry.contact.id}`, { agentId });
  }
  const step = op(entry.contact, ctx.clock.now());
  if (!step.ok) return step;
  if (precheck !== undefined) {
    const checked = precheck(entry);
    if (!checked.ok) return checked;
  }
  ctx.contacts.change(entry, step.value);
  effect(entry);
  return ok(undefined);
}
