import {
  type AgentId,
  agentHangup,
  answerLeg,
  type Contact,
  connectContact,
  customerHangup,
  fail,
  type LegId,
  type Millis,
  ok,
  type Result,
} from '@switchboard/core';
import type { Acd } from './acd.ts';
import { type ContactEntry, loggedQueue } from './contact-book.ts';
import { must } from './contact-ops.ts';
import type { EngineContext } from './engine-context.ts';
import type { Wrapups } from './wrapups.ts';

/**
 * A call's life once an agent is involved: answer, talk, hang-up by either side, and the agents
 * that leave it (the handler to its wrap-up, consulted or conference parties back to their
 * after-call state).
 */
export class CallHandling {
  private readonly ctx: EngineContext;
  private readonly acd: Acd;
  private readonly wrapups: Wrapups;

  constructor(ctx: EngineContext, acd: Acd, wrapups: Wrapups) {
    this.ctx = ctx;
    this.acd = acd;
    this.wrapups = wrapups;
  }

  /** The offered agent picked up. A stale answer (offer already withdrawn) is refused, nothing changes. */
  answered(entry: ContactEntry, agentId: AgentId): Result<void> {
    const { contacts, agents, queues, router, timers } = this.ctx;
    const now = this.ctx.clock.now();
    if (!entry.offers.has(agentId)) {
      return fail('conflict', `contact ${entry.contact.id} is not ringing agent ${agentId}`, {
        contactId: entry.contact.id,
        agentId,
      });
    }
    const agentNext = agents.check(agentId, { type: 'answer' });
    if (!agentNext.ok) return agentNext;
    if (entry.contact.phase === 'connected') return this.transferAnswered(entry, agentId, now);
    this.acd.withdrawOffers(entry, agentId);
    // Ring-all: another member of the group answered first; the contact's offer moves to it.
    if (entry.contact.offeredTo !== agentId) this.acd.moveOffer(entry, agentId, now);
    const contact = entry.contact;
    contacts.change(entry, must(connectContact(contact, { at: now, agentId }), 'connect'));
    agents.apply(agentId, { type: 'answer' });
    timers.cancel(`maxwait:${contact.id}`);
    entry.offers.clear();
    entry.firstConnectedAt ??= now;
    contacts.startTalk(entry, now);
    entry.agents.push(agentId);
    const queueId = loggedQueue(entry);
    if (queueId !== null && contact.queuedAt !== null) {
      queues.log({
        type: 'connected',
        at: now,
        contactId: contact.id,
        queueId,
        agentId,
        waitMs: now - contact.queuedAt,
      });
      router.recordAnswered(agentId, queueId, now);
    }
    return ok(undefined);
  }

  /** A blind-transfer target agent picked up: it becomes the handling agent. */
  private transferAnswered(entry: ContactEntry, agentId: AgentId, now: Millis): Result<void> {
    const leg = entry.contact.legs.find(
      (l) =>
        l.role === 'transferred-to' &&
        l.state === 'ringing' &&
        l.party.kind === 'agent' &&
        l.party.agentId === agentId,
    );
    if (leg === undefined) return fail('conflict', `no transfer is ringing agent ${agentId}`, { agentId });
    const step = answerLeg(entry.contact, { legId: leg.id, at: now });
    if (!step.ok) return step;
    this.ctx.contacts.change(entry, step.value);
    this.ctx.agents.apply(agentId, { type: 'answer' });
    this.ctx.timers.cancel(`rna:${entry.contact.id}`);
    entry.offers.clear();
    this.takeOver(entry, agentId, now);
    return ok(undefined);
  }

  /** Either side hung up a connected call: the call ends, the agent wraps up, the record follows. */
  ended(entry: ContactEntry, endedBy: 'caller' | 'agent'): Result<void> {
    const now = this.ctx.clock.now();
    const contact = entry.contact;
    const agentId = contact.agentId;
    const queueId = loggedQueue(entry);
    const wrapupMs = this.wrapups.wrapupMsOf(contact.queueId);
    const step =
      endedBy === 'caller'
        ? customerHangup(contact, { at: now, wrapup: wrapupMs > 0 })
        : agentHangup(contact, { at: now, wrapup: wrapupMs > 0 });
    if (!step.ok) return step;
    const { talkMs, holdMs } = this.ctx.contacts.closeSegments(entry, now);
    this.ctx.contacts.change(entry, step.value);
    this.acd.clearTimers(contact.id);
    // Consulted, conference or transfer-target agents whose legs the hang-up ended leave too.
    for (const leg of otherAgentLegs(contact)) {
      if (entry.contact.legs.find((l) => l.id === leg.id)?.state === 'ended')
        this.releaseParty(entry, leg.agentId);
    }
    if (agentId === null) {
      if (entry.contact.phase === 'done') this.ctx.contacts.finish(entry);
      return ok(undefined);
    }
    if (queueId !== null) {
      this.ctx.queues.log({
        type: 'completed',
        at: now,
        contactId: contact.id,
        queueId,
        agentId,
        talkMs,
        holdMs,
        endedBy,
      });
    }
    this.wrapups.leaveCall(entry, agentId, queueId, wrapupMs, now);
    // The host left a conference: the other agent of ours now handles the customer.
    const next = entry.contact.agentId;
    if (entry.contact.phase === 'connected' && next !== null && next !== agentId)
      this.takeOver(entry, next, now);
    return ok(undefined);
  }

  /** An agent of ours becomes the handler of a connected contact (transfer answered, handover). */
  takeOver(entry: ContactEntry, agentId: AgentId, now: Millis): void {
    entry.agents.push(agentId);
    this.ctx.contacts.startTalk(entry, now);
  }

  /** An agent who is not the handler leaves the contact: a ringing one is withdrawn, a talking one is done. */
  releaseParty(entry: ContactEntry, agentId: AgentId): void {
    const state = this.ctx.agents.get(agentId)?.state;
    if (state?.contactId !== entry.contact.id) return;
    if (state.name === 'Ringing') {
      this.ctx.agents.apply(agentId, { type: 'withdraw' });
      if (entry.offers.delete(agentId)) this.ctx.telephony.cancelOffer(entry.contact.id, agentId);
      if (entry.offers.size === 0) this.ctx.timers.cancel(`rna:${entry.contact.id}`);
    } else if (state.name === 'OnCall') {
      this.ctx.agents.apply(agentId, { type: 'callEnded', wrapupMs: 0 });
    }
  }
}

/** Live legs of agents of ours other than the handler (consulted, conference, transfer target). */
function otherAgentLegs(contact: Contact): { id: LegId; agentId: AgentId }[] {
  const legs: { id: LegId; agentId: AgentId }[] = [];
  for (const leg of contact.legs) {
    if (leg.state !== 'ended' && leg.party.kind === 'agent' && leg.party.agentId !== contact.agentId)
      legs.push({ id: leg.id, agentId: leg.party.agentId });
  }
  return legs;
}
