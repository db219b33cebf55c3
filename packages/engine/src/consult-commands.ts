import {
  type AgentId,
  answerLeg,
  cancelConsult,
  completeConsultConference,
  completeConsultTransfer,
  type ContactId,
  endLeg,
  fail,
  type Leg,
  ok,
  type Result,
  retrieveConsult,
  startConsult,
  type Target,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import { callOf, onCall } from './agent-call.ts';
import type { CallHandling } from './call-handling.ts';
import { type ContactEntry, loggedQueue } from './contact-book.ts';
import { describeDestination } from './destination-text.ts';
import type { EngineContext } from './engine-context.ts';
import type { CallTarget } from './ports/telephony.ts';
import type { Wrapups } from './wrapups.ts';

/**
 * Consultation: the handling agent holds the customer and calls a third party (one of our agents,
 * an extension or a number), then cancels, retrieves the customer, hands the customer over
 * (complete as transfer) or joins all three (complete as conference). A consulted agent of ours is
 * Ringing, then OnCall, and goes back to its after-call state without wrap-up when its part ends.
 */
export class ConsultCommands {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  private readonly calls: CallHandling;
  private readonly wrapups: Wrapups;

  constructor(ctx: EngineContext, acd: Acd, calls: CallHandling, wrapups: Wrapups) {
    this.ctx = ctx;
    this.acd = acd;
    this.calls = calls;
    this.wrapups = wrapups;
  }

  start(agentId: AgentId, target: Target): Result<void> {
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => startConsult(contact, { target, at }),
      (entry) => {
        if (target.kind === 'agent')
          this.ctx.agents.apply(target.agentId, { type: 'offer', contactId: entry.contact.id });
        this.ctx.contacts.startHold(entry, this.ctx.clock.now());
        this.syncHold(entry, agentId);
        this.ctx.telephony.consult(entry.contact.id, agentId, this.callTarget(target));
      },
      target.kind === 'agent'
        ? (entry) => this.ctx.agents.check(target.agentId, { type: 'offer', contactId: entry.contact.id })
        : undefined,
    );
  }

  /** Ends the consultation; the customer stays held (resume brings them back). */
  cancel(agentId: AgentId): Result<void> {
    const consulted = this.consultedAgent(agentId);
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => cancelConsult(contact, { at }),
      (entry) => {
        if (consulted !== null) this.calls.releaseParty(entry, consulted);
        this.ctx.telephony.endConsult(entry.contact.id);
      },
    );
  }

  /** Ends the consultation and takes the customer off hold. */
  retrieve(agentId: AgentId): Result<void> {
    const consulted = this.consultedAgent(agentId);
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => retrieveConsult(contact, { at }),
      (entry) => {
        if (consulted !== null) this.calls.releaseParty(entry, consulted);
        this.ctx.contacts.endHold(entry, this.ctx.clock.now());
        this.syncHold(entry, agentId);
        this.ctx.telephony.endConsult(entry.contact.id);
        this.ctx.telephony.resume(entry.contact.id);
      },
    );
  }

  /** The agent leaves and the customer talks with the consulted party (who may not have answered yet). */
  completeTransfer(agentId: AgentId): Result<void> {
    const call = callOf(this.ctx, agentId);
    if (!call.ok) return call;
    const { entry } = call.value;
    const now = this.ctx.clock.now();
    const consult = entry.contact.consult;
    const step = completeConsultTransfer(entry.contact, { at: now });
    if (!step.ok) return step;
    // Core refuses without a consultation in progress, so there was one.
    const target = consult!.target;
    const queueId = loggedQueue(entry);
    const wrapupMs = this.wrapups.wrapupMsOf(entry.contact.queueId);
    const { talkMs } = this.ctx.contacts.closeSegments(entry, now);
    this.ctx.contacts.change(entry, step.value);
    if (queueId !== null) {
      this.ctx.queues.log({
        type: 'transferred',
        at: now,
        contactId: entry.contact.id,
        queueId,
        agentId,
        talkMs,
        target: describeDestination(target),
      });
    }
    this.ctx.telephony.releaseAgent(entry.contact.id, agentId);
    this.wrapups.leaveCall(entry, agentId, queueId, wrapupMs, now);
    const handler = entry.contact.agentId;
    if (handler !== null) this.calls.takeOver(entry, handler, now);
    else if (target.kind === 'agent') this.acd.adoptTransferRing(entry, target.agentId, now);
    return ok(undefined);
  }

  completeConference(agentId: AgentId): Result<void> {
    return onCall(
      this.ctx,
      agentId,
      (contact, at) => completeConsultConference(contact, { at }),
      (entry) => {
        this.ctx.contacts.endHold(entry, this.ctx.clock.now());
        this.syncHold(entry, agentId);
        this.ctx.telephony.conference(entry.contact.id);
      },
    );
  }

  /** The switch: the consulted party (or the target of an unattended consult transfer) answered. */
  answered(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const consult = entry.contact.consult;
    const leg =
      consult === null ? ringingTransferLeg(entry) : entry.contact.legs.find((l) => l.id === consult.legId);
    if (leg === undefined) return;
    // The target of an unattended consult transfer answers as a blind-transfer target does.
    if (consult === null && leg.party.kind === 'agent') {
      this.calls.answered(entry, leg.party.agentId);
      return;
    }
    const step = answerLeg(entry.contact, { legId: leg.id, at: this.ctx.clock.now() });
    if (!step.ok) return;
    this.ctx.contacts.change(entry, step.value);
    if (leg.party.kind === 'agent') this.ctx.agents.apply(leg.party.agentId, { type: 'answer' });
  }

  /** The switch: the consulted party did not answer, was busy or hung up. */
  failed(contactId: ContactId): void {
    const entry = this.ctx.contacts.get(contactId);
    if (entry === undefined) return;
    const now = this.ctx.clock.now();
    const consult = entry.contact.consult;
    if (consult === null) {
      // An unattended consult transfer whose target never answered.
      const leg = ringingTransferLeg(entry);
      if (leg?.party.kind === 'agent' && entry.offers.has(leg.party.agentId))
        this.acd.rejected(entry, leg.party.agentId, now);
      else if (leg !== undefined) this.acd.transferUnanswered(entry, now);
      return;
    }
    const step = endLeg(entry.contact, { legId: consult.legId, at: now });
    if (!step.ok) return;
    this.ctx.contacts.change(entry, step.value);
    if (consult.target.kind === 'agent') this.calls.releaseParty(entry, consult.target.agentId);
  }

  /** A consulted or conference agent of ours (not the handler) hung up: only its leg ends. */
  partyHangup(entry: ContactEntry, agentId: AgentId): Result<void> {
    const contact = entry.contact;
    const leg = contact.legs.find(
      (l) => l.state !== 'ended' && l.party.kind === 'agent' && l.party.agentId === agentId,
    );
    if (leg === undefined || contact.agentId === agentId)
      return fail('no_call', `agent ${agentId} is not a third party on ${contact.id}`, { agentId });
    const step = endLeg(contact, { legId: leg.id, at: this.ctx.clock.now() });
    if (!step.ok) return step;
    this.ctx.contacts.change(entry, step.value);
    this.calls.releaseParty(entry, agentId);
    if (contact.consult?.legId === leg.id) this.ctx.telephony.endConsult(contact.id);
    return ok(undefined);
  }

  /**
   * The handler's agent state shows the customer's hold: held for the whole consultation and after
   * a cancel (until resumed), not after a retrieve or in a conference.
   */
  private syncHold(entry: ContactEntry, agentId: AgentId): void {
    const held = entry.contact.onHold;
    if (this.ctx.agents.get(agentId)?.state.onHold !== held)
      this.ctx.agents.apply(agentId, { type: held ? 'hold' : 'resume' });
  }

  private consultedAgent(agentId: AgentId): AgentId | null {
    const contactId = this.ctx.agents.get(agentId)?.state.contactId ?? null;
    const consult = contactId === null ? null : this.ctx.contacts.get(contactId)?.contact.consult;
    return consult?.target.kind === 'agent' ? consult.target.agentId : null;
  }

  private callTarget(target: Target): CallTarget {
    if (target.kind !== 'agent') return target;
    const extension = this.ctx.agents.get(target.agentId)?.state.extension ?? null;
    return { kind: 'agent', agentId: target.agentId, extension };
  }
}

function ringingTransferLeg(entry: ContactEntry): Leg | undefined {
  return entry.contact.legs.find((l) => l.role === 'transferred-to' && l.state === 'ringing');
}
