import { type AgentId, fail, ok, type Result } from '@switchboard/core';
import type { Acd } from './acd.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * The desktop's answer and reject buttons for a ringing offer. Answer asks the switch to pick the
 * phone up (the answer itself arrives as a telephony fact, like any other); reject sends the contact
 * back to the head of its queue.
 */
export class OfferCommands {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;

  constructor(ctx: EngineContext, acd: Acd) {
    this.ctx = ctx;
    this.acd = acd;
  }

  answer(agentId: AgentId): Result<void> {
    const ringing = this.ringing(agentId, 'answer');
    if (!ringing.ok) return ringing;
    const contactId = ringing.value;
    if (!this.ctx.telephony.answerRemotely(contactId, agentId)) {
      return fail('unavailable', `the phone of agent ${agentId} cannot be answered remotely; pick it up`, {
        agentId,
        contactId,
      });
    }
    return ok(undefined);
  }

  reject(agentId: AgentId): Result<void> {
    const ringing = this.ringing(agentId, 'reject');
    if (!ringing.ok) return ringing;
    const entry = this.ctx.contacts.get(ringing.value);
    if (entry === undefined) return fail('no_call', `agent ${agentId} has no offer`, { agentId });
    this.acd.rejected(entry, agentId, this.ctx.clock.now());
    return ok(undefined);
  }

  /** The contact ringing the agent, after core agrees the command is allowed in its state. */
  private ringing(agentId: AgentId, command: 'answer' | 'reject'): Result<string> {
    const allowed = this.ctx.agents.check(agentId, { type: command });
    if (!allowed.ok) return allowed;
    const contactId = this.ctx.agents.get(agentId)?.state.contactId ?? null;
    if (contactId === null) return fail('no_call', `agent ${agentId} has no offer`, { agentId });
    return ok(contactId);
  }
}
