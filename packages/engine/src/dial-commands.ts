import {
  type AgentId,
  type ContactChange,
  type ContactId,
  connectContact,
  createOutboundContact,
  customerHangup,
  endContact,
  fail,
  ok,
  type QueueId,
  type Result,
} from '@switchboard/core';
import type { ContactEntry } from './contact-book.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * Outbound calls in two steps (the agent's phone, then the number; telephony does both). The agent
 * is Dialing until the callee answers (OnCall, then the call goes on as any other) or the attempt
 * ends: failed, declined by the callee (`refused`) or cancelled by the agent (`abandoned`).
 */
export class OutboundDials {
  private readonly ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
  }

  dial(
    agentId: AgentId,
    number: string,
    options: { queueId?: QueueId; callerId?: string } = {},
  ): Result<ContactId> {
    const agent = this.ctx.agents.require(agentId);
    if (!agent.ok) return agent;
    if (options.queueId !== undefined && this.ctx.queues.config(options.queueId) === undefined) {
      return fail('unknown_queue', `no queue ${options.queueId}`, { queueId: options.queueId });
    }
    const now = this.ctx.clock.now();
    const contactId = this.ctx.ids.next('contact');
    const created = createOutboundContact({
      id: contactId,
      agentId,
      customerNumber: number,
      at: now,
      queueId: options.queueId ?? null,
    });
    if (!created.ok) return created;
    const dialing = this.ctx.agents.check(agentId, { type: 'dial', contactId });
    if (!dialing.ok) return dialing;
    this.ctx.contacts.add(created.value);
    this.ctx.agents.apply(agentId, { type: 'dial', contactId });
    this.ctx.telephony.dial({
      contactId,
      agentId,
      extension: agent.value.state.extension,
      number,
      callerId: options.callerId ?? null,
    });
    return ok(contactId);
  }

  /** The customer's phone rings (an outbound contact not connected yet). */
  isDialing(entry: ContactEntry): boolean {
    return entry.contact.direction === 'outbound' && entry.contact.legs[0]?.state === 'ringing';
  }

  /** The switch: the callee answered. */
  answered(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || !this.isDialing(entry)) return;
    const now = this.ctx.clock.now();
    const agentId = entry.contact.agentId;
    this.ctx.contacts.change(entry, must(connectContact(entry.contact, { at: now }), 'dial answered'));
    entry.firstConnectedAt = now;
    // The record lists agents who talked with the customer: the dialing agent counts from now.
    if (agentId !== null) {
      this.ctx.agents.apply(agentId, { type: 'dialConnected' });
      entry.agents.push(agentId);
    }
    this.ctx.contacts.startTalk(entry, now);
  }

  /** The switch: the call could not be placed (no answer, unreachable, error). */
  failed(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || !this.isDialing(entry)) return;
    this.ended(entry, endContact(entry.contact, { outcome: 'failed', at: this.ctx.clock.now() }));
  }

  /** The callee declined or hung up while ringing: core makes that `refused`. */
  declined(entry: ContactEntry): void {
    this.ended(entry, customerHangup(entry.contact, { at: this.ctx.clock.now(), wrapup: false }));
  }

  /** The agent gave up before the callee answered. */
  cancel(entry: ContactEntry): Result<void> {
    const result = this.ended(
      entry,
      endContact(entry.contact, { outcome: 'abandoned', at: this.ctx.clock.now() }),
    );
    if (result.ok) this.ctx.telephony.hangup(entry.contact.id, 'normal');
    return result;
  }

  /** The attempt is over: the contact is done and the dialing agent returns to where it dialed from. */
  private ended(entry: ContactEntry, step: Result<ContactChange>): Result<void> {
    if (!step.ok) return step;
    const agentId = entry.contact.agentId;
    if (agentId !== null) this.ctx.agents.apply(agentId, { type: 'dialFailed' });
    this.ctx.contacts.change(entry, step.value);
    this.ctx.contacts.finish(entry);
    return ok(undefined);
  }
}
