// Outbound dialing in two steps, as uContact's AgentCall describes: the agent's phone first (with a
// placeholder offer: inactive G.711 on a discard port, so it answers with its own media), then the
// destination through the outbound trunk with the caller id and the agent phone's SDP as the offer;
// when the callee answers, the agent's phone is re-INVITEd with the callee's SDP (RFC 3725's
// third-party call control, flow I in spirit) and the engine hears dialAnswered. A callee saying
// no (486, 600, 603) is the engine's "declined"; anything else failing is dialFailed.
import type { B2buaCall } from './b2bua-call.ts';
import type { CallFlows, CallFlowsContext } from './call-flows.ts';
import { pointAt } from './call-media.ts';
import type { LegEvents } from './leg-events.ts';
import { placeholderOffer, withDirection } from './sdp-text.ts';
import type { SipLeg } from './sip-leg.ts';

/** Responses that mean the called person said no (core makes a declined dial `refused`). */
const DECLINED = new Set([486, 600, 603]);

export class DialFlow {
  readonly #ctx: CallFlowsContext;
  readonly #flows: CallFlows;

  constructor(ctx: CallFlowsContext, flows: CallFlows) {
    this.#ctx = ctx;
    this.#flows = flows;
  }

  dial(call: B2buaCall, agentId: string, extension: string | null, number: string, callerId: string): void {
    const sdp = placeholderOffer(this.#ctx.host, String(this.#ctx.clock.now()));
    const legs =
      extension === null
        ? []
        : this.#ctx.parties.extension(extension, {
            role: 'agent',
            contactId: call.contactId,
            agentId,
            callerId: number,
            sdp,
          });
    const failed = (cause: string) => this.#flows.finish(call, (s) => s.dialFailed(call.contactId, cause));
    if (legs.length === 0) {
      this.#flows.later(() => failed('agent phone not registered'));
      return;
    }
    call.agentLegs.set(agentId, legs);
    const events: LegEvents = {
      ...this.#flows.common(call),
      onAnswered: (leg) => {
        for (const other of call.agentLegs.get(agentId) ?? []) if (other !== leg) other.end();
        call.agentLegs.set(agentId, [leg]);
        call.bridged = leg;
        this.#placeDestination(call, leg, number, callerId);
      },
      onFailed: (leg, status) => {
        const forks = (call.agentLegs.get(agentId) ?? []).filter((l) => l !== leg && l.live);
        call.agentLegs.set(agentId, forks);
        if (forks.length === 0) failed(`agent phone ${status}`);
      },
    };
    for (const leg of legs) leg.events = events;
  }

  #placeDestination(call: B2buaCall, agentLeg: SipLeg, number: string, callerId: string): void {
    const offer =
      agentLeg.remoteSdp === undefined ? undefined : withDirection(agentLeg.remoteSdp, 'sendrecv');
    const [leg] = this.#ctx.parties.external(number, {
      role: 'customer',
      contactId: call.contactId,
      agentId: null,
      callerId,
      sdp: offer,
    });
    if (leg === undefined) {
      this.#flows.finish(call, (s) => s.dialFailed(call.contactId, 'no outbound trunk'));
      return;
    }
    call.customer = leg;
    leg.events = {
      ...this.#flows.customerEvents(call),
      onAnswered: (answered) => {
        pointAt(agentLeg, answered);
        this.#ctx.sink().dialAnswered(call.contactId);
      },
      onFailed: (_failed, status, reason) =>
        this.#flows.finish(call, (s) =>
          DECLINED.has(status)
            ? s.customerHangup(call.contactId)
            : s.dialFailed(call.contactId, `${status} ${reason}`),
        ),
    };
  }
}
