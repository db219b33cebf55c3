// What each kind of leg's events mean for its call and for the engine: the agent legs of an offer
// (first answer bridges the customer; all forks refused = agentRejected), blind-transfer targets,
// the consultation, and the two steps of an outbound dial. The rule shared by all: when a bridged
// party hangs up, the whole call ends (the engine hears agentHangup for an agent of ours, else
// customerHangup), except in a conference, where the remaining party of ours takes the customer.
import type { CallTarget, TelephonySink } from '@switchboard/engine';
import type { SipClock } from '../sip-clock.ts';
import { type B2buaCall, endCall } from './b2bua-call.ts';
import { connectCustomer, pointAt, relayDtmf, relayReinvite } from './call-media.ts';
import type { PartyLegs } from './party-legs.ts';
import { type ReleaseSignal, releaseSignalOf } from './release-signals.ts';
import type { LegEvents } from './leg-events.ts';
import type { SipLeg } from './sip-leg.ts';

export interface CallFlowsContext {
  readonly clock: SipClock;
  readonly parties: PartyLegs;
  readonly host: string;
  sink(): TelephonySink;
  forget(call: B2buaCall): void;
  token(): string;
}

export class CallFlows {
  readonly #ctx: CallFlowsContext;

  constructor(ctx: CallFlowsContext) {
    this.#ctx = ctx;
  }

  /** Runs `fn` at the current instant, after the engine's call into us has returned. */
  later(fn: () => void): void {
    this.#ctx.clock.setTimer(this.#ctx.clock.now(), fn);
  }

  /**
   * Ends the call's legs (saying why with `signal`) and forgets it; then tells the engine (which may
   * call back: nothing left).
   */
  finish(call: B2buaCall, report: (sink: TelephonySink) => void, signal?: ReleaseSignal): void {
    if (call.ended) return;
    endCall(call, signal);
    this.#ctx.forget(call);
    report(this.#ctx.sink());
  }

  /** Events every leg shares: relays and the bridged-party rule. */
  common(call: B2buaCall): LegEvents {
    return {
      onReinvite: (leg, tx, sdp) => relayReinvite(call, leg, tx, sdp),
      onDtmf: (leg, digit, body) =>
        relayDtmf(call, leg, digit, body, (d) => this.#ctx.sink().dtmfReceived(call.contactId, d)),
      onEnded: (leg) => this.partyGone(call, leg),
    };
  }

  customerEvents(call: B2buaCall): LegEvents {
    return {
      ...this.common(call),
      onEnded: () => this.finish(call, (s) => s.customerHangup(call.contactId)),
    };
  }

  /** A party other than the customer hung up (or its keepalive failed). */
  partyGone(call: B2buaCall, leg: SipLeg): void {
    if (call.ended) return;
    if (leg === call.bridged) {
      const stays = call.conference;
      if (stays?.answered) {
        // Three-party call: the other party takes the customer, only the host's leg ends.
        call.conference = null;
        this.#adopt(call, stays);
        pointAt(stays, call.customer);
        connectCustomer(call, stays);
        if (leg.agentId !== null) this.#ctx.sink().agentHangup(call.contactId, leg.agentId);
        return;
      }
      const agentId = leg.agentId;
      // The bridged party hung up: the caller hears a normal clearing (Q.850 cause 16) in the BYE.
      this.finish(
        call,
        (s) => (agentId === null ? s.customerHangup(call.contactId) : s.agentHangup(call.contactId, agentId)),
        releaseSignalOf('normal'),
      );
      return;
    }
    if (leg === call.conference) call.conference = null;
    if (leg === call.consult?.answered) {
      call.consult = null;
      pointAt(call.bridged, call.customer);
      const target = leg.agentId;
      if (target !== null) this.#ctx.sink().agentHangup(call.contactId, target);
      else this.#ctx.sink().consultFailed(call.contactId, 'hangup');
      return;
    }
    if (leg.agentId !== null) this.#ctx.sink().agentHangup(call.contactId, leg.agentId);
  }

  /** The leg becomes the one of its agent (consult or conference party taking over). */
  #adopt(call: B2buaCall, leg: SipLeg): void {
    if (leg.agentId !== null) call.agentLegs.set(leg.agentId, [leg]);
  }

  // ---- offers to agents ----------------------------------------------------------------------

  agentEvents(call: B2buaCall, agentId: string): LegEvents {
    return {
      ...this.common(call),
      onAnswered: (leg) => {
        if (call.ended) {
          leg.end();
          return;
        }
        const forks = call.agentLegs.get(agentId) ?? [];
        for (const other of forks) if (other !== leg) other.end();
        call.agentLegs.set(agentId, [leg]);
        this.#ctx.sink().agentAnswered(call.contactId, agentId);
        // The engine refused the answer (offer withdrawn): it has asked us to cancel; leg is gone.
        if (!leg.live || call.ended) return;
        connectCustomer(call, leg);
      },
      onFailed: (leg) => {
        const forks = (call.agentLegs.get(agentId) ?? []).filter((l) => l !== leg && l.live);
        if (forks.length > 0) {
          call.agentLegs.set(agentId, forks);
          return;
        }
        call.agentLegs.delete(agentId);
        if (!call.ended) this.#ctx.sink().agentRejected(call.contactId, agentId);
      },
    };
  }

  offer(call: B2buaCall, agentId: string, extension: string | null): void {
    const legs =
      extension === null
        ? []
        : this.#ctx.parties.extension(extension, {
            role: 'agent',
            contactId: call.contactId,
            agentId,
            callerId: call.customerNumber,
            sdp: call.customer?.remoteSdp,
          });
    if (legs.length === 0) {
      // Not registered: for the engine that is a phone refusing the call.
      this.later(() => {
        if (!call.ended) this.#ctx.sink().agentRejected(call.contactId, agentId);
      });
      return;
    }
    const events = this.agentEvents(call, agentId);
    for (const leg of legs) leg.events = events;
    call.agentLegs.set(agentId, [...(call.agentLegs.get(agentId) ?? []), ...legs]);
  }

  // ---- blind transfer to an extension or a number --------------------------------------------

  redirect(call: B2buaCall, target: CallTarget): void {
    const legs = this.#ctx.parties.target(target, {
      role: 'target',
      contactId: call.contactId,
      agentId: null,
      callerId: call.customerNumber,
      sdp: call.customer?.remoteSdp,
    });
    const gone = () => this.finish(call, (s) => s.customerHangup(call.contactId));
    if (legs.length === 0) {
      this.later(gone);
      return;
    }
    call.targets = legs;
    const events: LegEvents = {
      ...this.common(call),
      onAnswered: (leg) => {
        for (const other of call.targets) if (other !== leg) other.end();
        call.targets = [];
        connectCustomer(call, leg);
      },
      onFailed: (leg) => {
        call.targets = call.targets.filter((l) => l !== leg && l.live);
        if (call.targets.length === 0) gone();
      },
    };
    for (const leg of legs) leg.events = events;
  }

  // ---- consultation --------------------------------------------------------------------------

  consult(call: B2buaCall, target: CallTarget): void {
    const agentLeg = call.bridged;
    const legs = this.#ctx.parties.target(target, {
      role: 'consult',
      contactId: call.contactId,
      agentId: null,
      callerId: call.customerNumber,
      sdp: agentLeg?.remoteSdp,
    });
    if (legs.length === 0) {
      this.later(() => this.#ctx.sink().consultFailed(call.contactId, 'unreachable'));
      return;
    }
    const consult = { target, legs, answered: null as SipLeg | null, transferOnAnswer: false };
    call.consult = consult;
    const events: LegEvents = {
      ...this.common(call),
      onAnswered: (leg) => {
        for (const other of consult.legs) if (other !== leg) other.end();
        consult.legs = [leg];
        consult.answered = leg;
        if (consult.transferOnAnswer) this.completeTransfer(call);
        else pointAt(call.bridged, leg);
        this.#ctx.sink().consultAnswered(call.contactId);
      },
      onFailed: (leg) => {
        consult.legs = consult.legs.filter((l) => l !== leg && l.live);
        if (consult.legs.length > 0 || call.consult !== consult) return;
        call.consult = null;
        this.#ctx.sink().consultFailed(call.contactId, 'no answer');
      },
    };
    for (const leg of legs) leg.events = events;
  }

  /** The handling agent left a consultation: the consulted party takes the customer. */
  completeTransfer(call: B2buaCall): void {
    const consult = call.consult;
    if (consult === null) return;
    const leg = consult.answered;
    if (leg === null) {
      consult.transferOnAnswer = true;
      return;
    }
    call.consult = null;
    this.#adopt(call, leg);
    pointAt(leg, call.customer);
    connectCustomer(call, leg);
  }
}
