import {
  type AgentId,
  type AttachedData,
  blindTransfer,
  type Contact,
  type ContactChange,
  type ContactId,
  type DispositionInput,
  fail,
  holdCustomer,
  ok,
  pauseRecording,
  type QueueId,
  type Result,
  removeAttachedData,
  resumeCustomer,
  resumeRecording,
  sendDtmf,
  setAttachedData,
  setDisposition,
  startRecording,
  stopRecording,
  type Target,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import { callOf, onCall } from './agent-call.ts';
import type { CallHandling } from './call-handling.ts';
import { loggedQueue } from './contact-book.ts';
import { ConsultCommands } from './consult-commands.ts';
import { describeDestination } from './destination-text.ts';
import { OutboundDials } from './dial-commands.ts';
import { OfferCommands } from './offer-commands.ts';
import type { EngineContext } from './engine-context.ts';
import type { Wrapups } from './wrapups.ts';

export type RecordingAction = 'start' | 'stop' | 'pause' | 'resume';

/**
 * Commands an agent gives about its current call: hang up, hold, transfer, consult, DTMF,
 * recording, attached data, disposition, and outbound dialing. Each checks every part (agent
 * state, contact phase) before changing anything, so a refusal leaves all state as it was.
 */
export class CallCommands {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  private readonly calls: CallHandling;
  private readonly wrapups: Wrapups;
  readonly consults: ConsultCommands;
  readonly dials: OutboundDials;
  readonly offers: OfferCommands;

  constructor(ctx: EngineContext, acd: Acd, calls: CallHandling, wrapups: Wrapups) {
    this.ctx = ctx;
    this.acd = acd;
    this.calls = calls;
    this.wrapups = wrapups;
    this.consults = new ConsultCommands(ctx, acd, calls, wrapups);
    this.dials = new OutboundDials(ctx);
    this.offers = new OfferCommands(ctx, acd);
  }

  /** The agent hangs up: declines an offer, cancels a dial, ends its call or leaves a consultation. */
  hangup(agentId: AgentId): Result<void> {
    return this.agentLeft(agentId, true);
  }

  /** The agent's phone hung up (`tellSwitch` false: the switch reported it and knows already). */
  agentLeft(agentId: AgentId, tellSwitch: boolean): Result<void> {
    const call = callOf(this.ctx, agentId);
    if (!call.ok) return call;
    const { agent, entry } = call.value;
    if (agent.name === 'Ringing' && entry.offers.has(agentId)) {
      this.acd.rejected(entry, agentId, this.ctx.clock.now());
      return ok(undefined);
    }
    if (agent.name === 'Dialing') return this.dials.cancel(entry);
    if (agent.name !== 'OnCall' && agent.name !== 'Ringing')
      return fail('no_call', `agent ${agentId} is ${agent.name}, not on a call`, { agentId });
    // A consulted or conference agent leaves only its own leg.
    if (entry.contact.agentId !== agentId) return this.consults.partyHangup(entry, agentId);
    const ended = this.calls.ended(entry, 'agent');
    if (ended.ok && tellSwitch) this.ctx.telephony.hangup(entry.contact.id, 'normal');
    return ended;
  }

  hold(agentId: AgentId): Result<void> {
    return this.holdOrResume(agentId, true);
  }

  resume(agentId: AgentId): Result<void> {
    return this.holdOrResume(agentId, false);
  }

  private holdOrResume(agentId: AgentId, hold: boolean): Result<void> {
    const agentNext = this.ctx.agents.check(agentId, { type: hold ? 'hold' : 'resume' });
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => (hold ? holdCustomer(contact, { at }) : resumeCustomer(contact, { at })),
      (entry) => {
        const now = this.ctx.clock.now();
        this.ctx.agents.apply(agentId, { type: hold ? 'hold' : 'resume' });
        if (hold) this.ctx.contacts.startHold(entry, now);
        else this.ctx.contacts.endHold(entry, now);
        if (hold) this.ctx.telephony.hold(entry.contact.id);
        else this.ctx.telephony.resume(entry.contact.id);
      },
      () => agentNext,
    );
  }

  /** Blind transfer to a queue, one of our agents (must be Ready), an extension or an external number. */
  transfer(agentId: AgentId, target: Target): Result<void> {
    const call = callOf(this.ctx, agentId);
    if (!call.ok) return call;
    const { entry } = call.value;
    const now = this.ctx.clock.now();
    if (target.kind === 'queue' && this.ctx.queues.config(target.queueId) === undefined) {
      return fail('unknown_queue', `no queue ${target.queueId}`, { queueId: target.queueId });
    }
    if (entry.contact.agentId !== agentId)
      return fail('no_call', `agent ${agentId} is not handling ${entry.contact.id}`, { agentId });
    const step = blindTransfer(entry.contact, { target, at: now });
    if (!step.ok) return step;
    if (target.kind === 'agent') {
      const ready = this.ctx.agents.check(target.agentId, { type: 'offer', contactId: entry.contact.id });
      if (!ready.ok) return ready;
    }
    const fromQueue = loggedQueue(entry);
    const wrapupMs = this.wrapups.wrapupMsOf(entry.contact.queueId);
    const { talkMs } = this.ctx.contacts.closeSegments(entry, now);
    this.ctx.contacts.change(entry, step.value);
    if (fromQueue !== null) {
      this.ctx.queues.log({
        type: 'transferred',
        at: now,
        contactId: entry.contact.id,
        queueId: fromQueue,
        agentId,
        talkMs,
        target: describeDestination(target),
      });
    }
    this.ctx.telephony.releaseAgent(entry.contact.id, agentId);
    this.wrapups.leaveCall(entry, agentId, fromQueue, wrapupMs, now);
    if (target.kind === 'queue') this.acd.join(entry, target.queueId, now, true);
    else if (target.kind === 'agent') this.acd.offerTransfer(entry, target.agentId, now);
    else this.ctx.telephony.redirect(entry.contact.id, target);
    return ok(undefined);
  }

  startConsult(agentId: AgentId, target: Target): Result<void> {
    return this.consults.start(agentId, target);
  }

  cancelConsult(agentId: AgentId): Result<void> {
    return this.consults.cancel(agentId);
  }

  retrieveConsult(agentId: AgentId): Result<void> {
    return this.consults.retrieve(agentId);
  }

  /** Completes the consultation as a transfer: the agent leaves, the customer talks with the consulted party. */
  completeConsultTransfer(agentId: AgentId): Result<void> {
    return this.consults.completeTransfer(agentId);
  }

  completeConsultConference(agentId: AgentId): Result<void> {
    return this.consults.completeConference(agentId);
  }

  dtmf(agentId: AgentId, digits: string): Result<void> {
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => sendDtmf(contact, { digits, at }),
      (entry) => this.ctx.telephony.sendDtmf(entry.contact.id, digits),
    );
  }

  recording(agentId: AgentId, action: RecordingAction): Result<void> {
    const ops = {
      start: startRecording,
      stop: stopRecording,
      pause: pauseRecording,
      resume: resumeRecording,
    };
    const op = Object.hasOwn(ops, action) ? ops[action] : undefined;
    if (op === undefined)
      return fail('invalid_argument', `unknown recording action ${String(action)}`, { action });
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => op(contact, { at }),
      () => {},
    );
  }

  setAttached(contactId: ContactId, entries: AttachedData): Result<Contact> {
    return this.onContact(contactId, (contact, at) => setAttachedData(contact, { entries, at }));
  }

  removeAttached(contactId: ContactId, keys: readonly string[]): Result<Contact> {
    return this.onContact(contactId, (contact, at) => removeAttachedData(contact, { keys, at }));
  }

  setDisposition(contactId: ContactId, disposition: DispositionInput, by: AgentId | null): Result<Contact> {
    return this.onContact(contactId, (contact, at) => setDisposition(contact, { disposition, at, by }));
  }

  /** Outbound call in two steps: the agent's phone, then the number (telephony does both). */
  dial(
    agentId: AgentId,
    number: string,
    options: { queueId?: QueueId; callerId?: string } = {},
  ): Result<ContactId> {
    return this.dials.dial(agentId, number, options);
  }

  /** The switch: the customer pressed keys. */
  dtmfReceived(contactId: ContactId, digits: string): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const step = sendDtmf(entry.contact, {
      digits,
      legId: entry.contact.legs[0]?.id,
      at: this.ctx.clock.now(),
    });
    if (step.ok) this.ctx.contacts.change(entry, step.value);
  }

  private onContact(
    contactId: ContactId,
    op: (contact: Contact, at: number) => Result<ContactChange>,
  ): Result<Contact> {
    const entry = this.ctx.contacts.require(contactId);
    if (!entry.ok) return entry;
    const step = op(entry.value.contact, this.ctx.clock.now());
    if (!step.ok) return step;
    return ok(this.ctx.contacts.change(entry.value, step.value).contact);
  }
}
