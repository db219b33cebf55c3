import {
  type AgentId,
  type AgentState,
  type AttachedData,
  answerLeg,
  cancelConsult,
  completeConsultConference,
  completeConsultTransfer,
  type Contact,
  type ContactChange,
  type ContactId,
  connectContact,
  createOutboundContact,
  type DispositionInput,
  endContact,
  endLeg,
  fail,
  holdCustomer,
  ok,
  pauseRecording,
  type QueueId,
  type Result,
  removeAttachedData,
  resumeCustomer,
  resumeRecording,
  retrieveConsult,
  sendDtmf,
  setAttachedData,
  setDisposition,
  startConsult,
  startRecording,
  stopRecording,
  type Target,
  blindTransfer,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import type { CallHandling } from './call-handling.ts';
import type { ContactEntry } from './contact-book.ts';
import { must } from './contact-ops.ts';
import { describeDestination } from './destination-text.ts';
import type { EngineContext } from './engine-context.ts';
import type { CallTarget } from './ports/telephony.ts';

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

  constructor(ctx: EngineContext, acd: Acd, calls: CallHandling) {
    this.ctx = ctx;
    this.acd = acd;
    this.calls = calls;
  }

  /** The agent's call: the contact the agent is bound to, or `no_call`. */
  private callOf(agentId: AgentId): Result<{ agent: AgentState; entry: ContactEntry }> {
    const agent = this.ctx.agents.require(agentId);
    if (!agent.ok) return agent;
    const contactId = agent.value.state.contactId;
    const entry = contactId === null ? undefined : this.ctx.contacts.get(contactId);
    if (entry === undefined) return fail('no_call', `agent ${agentId} has no call`, { agentId });
    return ok({ agent: agent.value.state, entry });
  }

  hangup(agentId: AgentId): Result<void> {
    const call = this.callOf(agentId);
    if (!call.ok) return call;
    const { agent, entry } = call.value;
    const now = this.ctx.clock.now();
    switch (agent.name) {
      case 'Ringing':
        this.acd.rejected(entry, agentId, now);
        return ok(undefined);
      case 'Dialing':
        this.ctx.telephony.hangup(entry.contact.id);
        return this.dialEnded(entry, agentId, 'abandoned');
      case 'OnCall': {
        const ended = this.calls.ended(entry, 'agent');
        if (ended.ok) this.ctx.telephony.hangup(entry.contact.id);
        return ended;
      }
      default:
        return fail('no_call', `agent ${agentId} is ${agent.name}, not on a call`, { agentId });
    }
  }

  hold(agentId: AgentId): Result<void> {
    return this.holdOrResume(agentId, true);
  }

  resume(agentId: AgentId): Result<void> {
    return this.holdOrResume(agentId, false);
  }

  private holdOrResume(agentId: AgentId, hold: boolean): Result<void> {
    const call = this.callOf(agentId);
    if (!call.ok) return call;
    const { entry } = call.value;
    const now = this.ctx.clock.now();
    const agentNext = this.ctx.agents.check(agentId, { type: hold ? 'hold' : 'resume' });
    if (!agentNext.ok) return agentNext;
    const step = hold ? holdCustomer(entry.contact, { at: now }) : resumeCustomer(entry.contact, { at: now });
    if (!step.ok) return step;
    this.ctx.agents.apply(agentId, { type: hold ? 'hold' : 'resume' });
    this.ctx.contacts.change(entry, step.value);
    if (hold) {
      this.ctx.contacts.startHold(entry, now);
      this.ctx.telephony.hold(entry.contact.id);
    } else {
      this.ctx.contacts.endHold(entry, now);
      this.ctx.telephony.resume(entry.contact.id);
    }
    return ok(undefined);
  }

  /** Blind transfer to a queue, one of our agents (must be Ready), an extension or an external number. */
  transfer(agentId: AgentId, target: Target): Result<void> {
    const call = this.callOf(agentId);
    if (!call.ok) return call;
    const { entry } = call.value;
    const now = this.ctx.clock.now();
    if (target.kind === 'queue' && this.ctx.queues.config(target.queueId) === undefined) {
      return fail('unknown_queue', `no queue ${target.queueId}`, { queueId: target.queueId });
    }
    const step = blindTransfer(entry.contact, { target, at: now });
    if (!step.ok) return step;
    if (target.kind === 'agent') {
      const ready = this.ctx.agents.check(target.agentId, { type: 'offer', contactId: entry.contact.id });
      if (!ready.ok) return ready;
    }
    const fromQueue = entry.contact.queueId;
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
    this.leaveCall(entry, agentId, fromQueue, now);
    switch (target.kind) {
      case 'queue':
        this.acd.join(entry, target.queueId, now, true);
        break;
      case 'agent':
        this.acd.offerTransfer(entry, target.agentId, now);
        break;
      default:
        this.ctx.telephony.redirect(entry.contact.id, toCallTarget(target));
    }
    return ok(undefined);
  }

  startConsult(agentId: AgentId, target: Target): Result<void> {
    return this.onCall(
      agentId,
      (contact, at) => startConsult(contact, { target, at }),
      (entry) => {
        if (target.kind === 'agent')
          this.ctx.agents.apply(target.agentId, { type: 'offer', contactId: entry.contact.id });
        this.ctx.telephony.consult(entry.contact.id, agentId, toCallTarget(target, this.extensionOf(target)));
      },
      target.kind === 'agent'
        ? () => this.ctx.agents.check(target.agentId, { type: 'offer', contactId: '' })
        : undefined,
    );
  }

  cancelConsult(agentId: AgentId): Result<void> {
    const consulted = this.consultedAgent(agentId);
    return this.onCall(
      agentId,
      (contact, at) => cancelConsult(contact, { at }),
      (entry) => {
        this.releaseConsultedAgent(consulted);
        this.ctx.telephony.endConsult(entry.contact.id);
      },
    );
  }

  retrieveConsult(agentId: AgentId): Result<void> {
    const consulted = this.consultedAgent(agentId);
    return this.onCall(
      agentId,
      (contact, at) => retrieveConsult(contact, { at }),
      (entry) => {
        this.releaseConsultedAgent(consulted);
        this.ctx.telephony.endConsult(entry.contact.id);
        this.ctx.telephony.resume(entry.contact.id);
      },
    );
  }

  /** Completes the consultation as a transfer: the agent leaves, the customer talks with the consulted party. */
  completeConsultTransfer(agentId: AgentId): Result<void> {
    const call = this.callOf(agentId);
    if (!call.ok) return call;
    const { entry } = call.value;
    const now = this.ctx.clock.now();
    const fromQueue = entry.contact.queueId;
    const step = completeConsultTransfer(entry.contact, { at: now });
    if (!step.ok) return step;
    const { talkMs } = this.ctx.contacts.closeSegments(entry, now);
    this.ctx.contacts.change(entry, step.value);
    const target = entry.contact.agentId;
    if (fromQueue !== null) {
      this.ctx.queues.log({
        type: 'transferred',
        at: now,
        contactId: entry.contact.id,
        queueId: fromQueue,
        agentId,
        talkMs,
        target: target === null ? 'consulted' : `agent:${target}`,
      });
    }
    this.ctx.telephony.releaseAgent(entry.contact.id, agentId);
    this.leaveCall(entry, agentId, fromQueue, now);
    if (target !== null) {
      entry.agents.push(target);
      this.ctx.contacts.startTalk(entry, now);
    }
    return ok(undefined);
  }

  completeConsultConference(agentId: AgentId): Result<void> {
    return this.onCall(
      agentId,
      (contact, at) => completeConsultConference(contact, { at }),
      (entry) => {
        this.ctx.contacts.endHold(entry, this.ctx.clock.now());
        this.ctx.telephony.conference(entry.contact.id);
      },
    );
  }

  dtmf(agentId: AgentId, digits: string): Result<void> {
    return this.onCall(
      agentId,
      (contact, at) => sendDtmf(contact, { digits, at }),
      (entry) => this.ctx.telephony.sendDtmf(entry.contact.id, digits),
    );
  }

  recording(agentId: AgentId, action: RecordingAction): Result<void> {
    const op = { start: startRecording, stop: stopRecording, pause: pauseRecording, resume: resumeRecording }[
      action
    ];
    if (op === undefined)
      return fail('invalid_argument', `unknown recording action ${String(action)}`, { action });
    return this.onCall(
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
    const entry = this.ctx.contacts.add(created.value);
    this.ctx.agents.apply(agentId, { type: 'dial', contactId });
    this.ctx.telephony.dial({
      contactId,
      agentId,
      extension: agent.value.state.extension,
      number,
      callerId: options.callerId ?? null,
    });
    entry.agents.push(agentId);
    return ok(contactId);
  }

  dialAnswered(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || entry.contact.direction !== 'outbound' || entry.contact.phase !== 'offered')
      return;
    const now = this.ctx.clock.now();
    const agentId = entry.contact.offeredTo ?? entry.contact.agentId;
    this.ctx.contacts.change(entry, must(connectContact(entry.contact, { at: now }), 'dial answered'));
    if (agentId !== null) this.ctx.agents.apply(agentId, { type: 'dialConnected' });
    entry.firstConnectedAt = now;
    this.ctx.contacts.startTalk(entry, now);
  }

  dialFailed(contactId: ContactId, _cause: string): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined || entry.contact.direction !== 'outbound' || entry.contact.phase === 'connected')
      return;
    const agentId = entry.agents[0];
    if (agentId !== undefined) this.dialEnded(entry, agentId, 'failed');
  }

  consultAnswered(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    const consult = entry?.contact.consult;
    if (entry === undefined || consult === undefined || consult === null) return;
    const step = answerLeg(entry.contact, { legId: consult.legId, at: this.ctx.clock.now() });
    if (!step.ok) return;
    this.ctx.contacts.change(entry, step.value);
    if (consult.target.kind === 'agent') this.ctx.agents.apply(consult.target.agentId, { type: 'answer' });
  }

  consultFailed(contactId: ContactId, _cause: string): void {
    const entry = this.ctx.contacts.get(contactId);
    const consult = entry?.contact.consult;
    if (entry === undefined || consult === undefined || consult === null) return;
    const step = endLeg(entry.contact, { legId: consult.legId, at: this.ctx.clock.now() });
    if (!step.ok) return;
    this.ctx.contacts.change(entry, step.value);
    if (consult.target.kind === 'agent') this.releaseConsultedAgent(consult.target.agentId);
  }

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

  // ---- helpers -----------------------------------------------------------------------------

  /** The agent leaves a call that goes on without it: its wrap-up starts (the contact is not finished). */
  private leaveCall(entry: ContactEntry, agentId: AgentId, queueId: QueueId | null, now: number): void {
    const wrapupMs = queueId === null ? 0 : (this.ctx.queues.config(queueId)?.wrapupMs ?? 0);
    const state = must(this.ctx.agents.apply(agentId, { type: 'callEnded', wrapupMs }), 'leave call');
    this.calls.beginWrapup(entry, agentId, queueId, state, now);
  }

  private consultedAgent(agentId: AgentId): AgentId | null {
    const contactId = this.ctx.agents.get(agentId)?.state.contactId ?? null;
    const consult = contactId === null ? null : this.ctx.contacts.get(contactId)?.contact.consult;
    return consult?.target.kind === 'agent' ? consult.target.agentId : null;
  }

  private releaseConsultedAgent(agentId: AgentId | null): void {
    if (agentId === null) return;
    const state = this.ctx.agents.get(agentId)?.state;
    if (state?.name === 'Ringing') this.ctx.agents.apply(agentId, { type: 'withdraw' });
    else if (state?.name === 'OnCall') this.ctx.agents.apply(agentId, { type: 'callEnded', wrapupMs: 0 });
  }

  private extensionOf(target: Target): string | null {
    return target.kind === 'agent' ? (this.ctx.agents.get(target.agentId)?.state.extension ?? null) : null;
  }

  private dialEnded(entry: ContactEntry, agentId: AgentId, outcome: 'failed' | 'abandoned'): Result<void> {
    const now = this.ctx.clock.now();
    const step = endContact(entry.contact, { outcome, at: now });
    if (!step.ok) return step;
    this.ctx.agents.apply(agentId, { type: 'dialFailed' });
    this.ctx.contacts.change(entry, step.value);
    this.ctx.contacts.finish(entry);
    return ok(undefined);
  }

  /** Runs a contact operation on the agent's connected call, then its telephony effect. */
  private onCall(
    agentId: AgentId,
    op: (contact: Contact, at: number) => Result<ContactChange>,
    effect: (entry: ContactEntry) => void,
    precheck?: () => Result<unknown>,
  ): Result<void> {
    const call = this.callOf(agentId);
    if (!call.ok) return call;
    if (call.value.agent.name !== 'OnCall') {
      return fail('no_call', `agent ${agentId} is ${call.value.agent.name}, not on a call`, { agentId });
    }
    if (precheck !== undefined) {
      const checked = precheck();
      if (!checked.ok) return checked;
    }
    const step = op(call.value.entry.contact, this.ctx.clock.now());
    if (!step.ok) return step;
    this.ctx.contacts.change(call.value.entry, step.value);
    effect(call.value.entry);
    return ok(undefined);
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

function toCallTarget(target: Target, extension: string | null = null): CallTarget {
  return target.kind === 'agent' ? { kind: 'agent', agentId: target.agentId, extension } : target;
}
