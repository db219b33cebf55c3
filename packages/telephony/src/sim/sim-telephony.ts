import type { AgentId, ContactId, Millis } from '@switchboard/core';
import {
  type CallTarget,
  type Clock,
  type DialRequest,
  HANGUP_REASONS,
  type HangupReason,
  type OfferRequest,
  type Telephony,
  type TelephonySink,
  type TimerHandle,
} from '@switchboard/engine';
import { type Distribution, draw } from './distributions.ts';

/** How simulated people behave; every duration is drawn from the seeded source. */
export interface SimBehaviour {
  /** Time an agent's phone rings before the agent answers (`never` = never answers). */
  readonly answerDelay: Distribution;
  /** Talk time of a connected call, ended by the agent or the caller (see callerEndsShare). */
  readonly talk: Distribution;
  /** How long a caller waits, from arrival, before hanging up if nobody has answered. */
  readonly patience: Distribution;
  /** Share of calls the caller (not the agent) ends, in [0, 1]. */
  readonly callerEndsShare: number;
  /** Time for an outbound destination or a consulted party to answer. */
  readonly remoteAnswerDelay: Distribution;
}

interface SimCall {
  readonly contactId: ContactId;
  patienceTimer: TimerHandle | null;
  talkTimer: TimerHandle | null;
  /** The agent whose phone rings for this call, with the timer of its answer. */
  readonly ringing: Map<AgentId, TimerHandle>;
  agentId: AgentId | null;
  held: boolean;
}

/**
 * The simulated switch: an in-process Telephony. Customers' calls come in through `arrive`, ring
 * agents, wait, abandon after their patience, get answered after a delay and talk; all of it on the
 * injected clock and random source, so a given seed always gives the same day.
 */
export class SimTelephony implements Telephony {
  private sink: TelephonySink | null = null;
  private readonly calls = new Map<ContactId, SimCall>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly behaviour: SimBehaviour;
  /** Every request the engine made, in order, so tests can check what the switch was asked. */
  readonly requests: string[] = [];
  private readonly recordRequests: boolean;
  /** Why the engine released each call it ended, per contact (kept only with recordRequests: it grows). */
  readonly hangupReasons = new Map<ContactId, HangupReason>();
  /** Engine hang-ups per reason, always kept (bounded): what a simulated day's callers were told. */
  readonly hangupCounts: Record<HangupReason, number> = Object.fromEntries(
    HANGUP_REASONS.map((reason) => [reason, 0]),
  ) as Record<HangupReason, number>;
  /** Contacts released before `arrive` registered them (the engine answers inboundCall synchronously). */
  private readonly releasedUnknown = new Set<ContactId>();

  constructor(options: {
    clock: Clock;
    random: () => number;
    behaviour: SimBehaviour;
    recordRequests?: boolean;
  }) {
    this.clock = options.clock;
    this.random = options.random;
    this.behaviour = options.behaviour;
    this.recordRequests = options.recordRequests ?? false;
  }

  attach(sink: TelephonySink): void {
    this.sink = sink;
  }

  /** A customer calls `dialedNumber`; the patience clock starts now. Returns the contact id or null. */
  arrive(customerNumber: string, dialedNumber: string, priority = 0): ContactId | null {
    const contactId = this.requireSink().inboundCall({ customerNumber, dialedNumber, priority });
    if (contactId === null) return null;
    const call: SimCall = {
      contactId,
      patienceTimer: null,
      talkTimer: null,
      ringing: new Map(),
      agentId: null,
      held: false,
    };
    // The engine may have ended the contact while taking it in (refused by a full queue, say).
    const endedAtOnce = this.releasedUnknown.has(contactId);
    this.releasedUnknown.clear();
    if (endedAtOnce) return contactId;
    this.calls.set(contactId, call);
    const patience = draw(this.behaviour.patience, this.random);
    if (Number.isFinite(patience)) {
      call.patienceTimer = this.clock.setTimer(this.clock.now() + patience, () => {
        call.patienceTimer = null;
        if (call.agentId === null && this.calls.has(contactId)) this.customerHangsUp(call);
      });
    }
    return contactId;
  }

  get activeCalls(): number {
    return this.calls.size;
  }

  offer(request: OfferRequest): void {
    this.note(`offer ${request.contactId} ${request.agentId}`);
    const call = this.calls.get(request.contactId);
    if (call === undefined) return;
    const delay = draw(this.behaviour.answerDelay, this.random);
    if (!Number.isFinite(delay)) {
      call.ringing.set(request.agentId, -1);
      return;
    }
    const handle = this.clock.setTimer(this.clock.now() + delay, () => {
      call.ringing.delete(request.agentId);
      if (call.agentId !== null || !this.calls.has(call.contactId)) return;
      this.answered(call, request.agentId);
    });
    call.ringing.set(request.agentId, handle);
  }

  /** The desktop's answer button: the ringing phone picks up now instead of after its drawn delay. */
  answerRemotely(contactId: ContactId, agentId: AgentId): boolean {
    this.note(`answer ${contactId} ${agentId}`);
    const call = this.calls.get(contactId);
    const handle = call?.ringing.get(agentId);
    if (call === undefined || handle === undefined || call.agentId !== null) return false;
    if (handle >= 0) this.clock.cancelTimer(handle);
    call.ringing.delete(agentId);
    this.answered(call, agentId);
    return true;
  }

  cancelOffer(contactId: ContactId, agentId: AgentId): void {
    this.note(`cancelOffer ${contactId} ${agentId}`);
    const call = this.calls.get(contactId);
    const handle = call?.ringing.get(agentId);
    if (call === undefined || handle === undefined) return;
    this.clock.cancelTimer(handle);
    call.ringing.delete(agentId);
  }

  hangup(contactId: ContactId, reason: HangupReason): void {
    this.note(`hangup ${contactId} ${reason}`);
    this.hangupCounts[reason]++;
    if (this.recordRequests) this.hangupReasons.set(contactId, reason);
    const call = this.calls.get(contactId);
    if (call !== undefined) this.forget(call);
    else this.releasedUnknown.add(contactId);
  }

  releaseAgent(contactId: ContactId, agentId: AgentId): void {
    this.note(`releaseAgent ${contactId} ${agentId}`);
    const call = this.calls.get(contactId);
    if (call === undefined || call.agentId !== agentId) return;
    call.agentId = null;
    // The customer stays on the line (transferred, or with a consulted party who took over): they
    // hang up after a talk time unless a new agent answers first and starts a talk of its own.
    this.talkOn(call);
  }

  hold(contactId: ContactId): void {
    this.note(`hold ${contactId}`);
    const call = this.calls.get(contactId);
    if (call !== undefined) call.held = true;
  }

  resume(contactId: ContactId): void {
    this.note(`resume ${contactId}`);
    const call = this.calls.get(contactId);
    if (call !== undefined) call.held = false;
  }

  redirect(contactId: ContactId, target: CallTarget): void {
    this.note(`redirect ${contactId} ${describeTarget(target)}`);
    const call = this.calls.get(contactId);
    if (call === undefined) {
      this.releasedUnknown.add(contactId);
      return;
    }
    // The customer talks with a party the simulation does not model, then hangs up; the engine
    // ends a transferred contact then (and ignores the hang-up of one it already ended).
    call.agentId = null;
    this.talkOn(call);
  }

  consult(contactId: ContactId, agentId: AgentId, target: CallTarget): void {
    this.note(`consult ${contactId} ${agentId} ${describeTarget(target)}`);
    const delay = draw(this.behaviour.remoteAnswerDelay, this.random);
    if (!Number.isFinite(delay)) return;
    this.clock.setTimer(this.clock.now() + delay, () => {
      if (this.calls.has(contactId)) this.requireSink().consultAnswered(contactId);
    });
  }

  endConsult(contactId: ContactId): void {
    this.note(`endConsult ${contactId}`);
  }

  conference(contactId: ContactId): void {
    this.note(`conference ${contactId}`);
  }

  sendDtmf(contactId: ContactId, digits: string): void {
    this.note(`dtmf ${contactId} ${digits}`);
  }

  dial(request: DialRequest): void {
    this.note(`dial ${request.contactId} ${request.agentId} ${request.number}`);
    const call: SimCall = {
      contactId: request.contactId,
      patienceTimer: null,
      talkTimer: null,
      ringing: new Map(),
      agentId: request.agentId,
      held: false,
    };
    this.calls.set(request.contactId, call);
    const delay = draw(this.behaviour.remoteAnswerDelay, this.random);
    if (!Number.isFinite(delay)) return;
    this.clock.setTimer(this.clock.now() + delay, () => {
      if (!this.calls.has(request.contactId)) return;
      this.requireSink().dialAnswered(request.contactId);
      this.startTalk(call, request.agentId);
    });
  }

  private answered(call: SimCall, agentId: AgentId): void {
    call.agentId = agentId;
    if (call.patienceTimer !== null) this.clock.cancelTimer(call.patienceTimer);
    call.patienceTimer = null;
    this.requireSink().agentAnswered(call.contactId, agentId);
    // The engine may have refused the answer (offer already withdrawn); only talk if still ours.
    if (this.calls.has(call.contactId) && call.agentId === agentId) this.startTalk(call, agentId);
  }

  private startTalk(call: SimCall, agentId: AgentId): void {
    if (call.talkTimer !== null) this.clock.cancelTimer(call.talkTimer);
    const talk = draw(this.behaviour.talk, this.random);
    const callerEnds = this.random() < this.behaviour.callerEndsShare;
    call.talkTimer = this.clock.setTimer(this.clock.now() + talk, () => {
      call.talkTimer = null;
      if (!this.calls.has(call.contactId) || call.agentId !== agentId) return;
      this.forget(call);
      if (callerEnds) this.requireSink().customerHangup(call.contactId);
      else this.requireSink().agentHangup(call.contactId, agentId);
    });
  }

  /** The customer talks on without an agent of ours for a talk time, then hangs up. */
  private talkOn(call: SimCall): void {
    if (call.talkTimer !== null) this.clock.cancelTimer(call.talkTimer);
    const talk = draw(this.behaviour.talk, this.random);
    call.talkTimer = Number.isFinite(talk)
      ? this.clock.setTimer(this.clock.now() + talk, () => {
          call.talkTimer = null;
          if (this.calls.has(call.contactId)) this.customerHangsUp(call);
        })
      : null;
  }

  private customerHangsUp(call: SimCall): void {
    this.forget(call);
    this.requireSink().customerHangup(call.contactId);
  }

  private forget(call: SimCall): void {
    if (call.patienceTimer !== null) this.clock.cancelTimer(call.patienceTimer);
    if (call.talkTimer !== null) this.clock.cancelTimer(call.talkTimer);
    for (const handle of call.ringing.values()) if (handle >= 0) this.clock.cancelTimer(handle);
    this.calls.delete(call.contactId);
  }

  private note(request: string): void {
    if (this.recordRequests) this.requests.push(`${this.clock.now() satisfies Millis} ${request}`);
  }

  private requireSink(): TelephonySink {
    if (this.sink === null) throw new Error('SimTelephony used before the engine attached to it');
    return this.sink;
  }
}

function describeTarget(target: CallTarget): string {
  switch (target.kind) {
    case 'agent':
      return `agent:${target.agentId}`;
    case 'queue':
      return `queue:${target.queueId}`;
    case 'extension':
      return `extension:${target.extension}`;
    case 'external':
      return `external:${target.number}`;
  }
}
